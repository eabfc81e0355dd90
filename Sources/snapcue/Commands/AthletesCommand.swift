import ArgumentParser
import DrillStore

/// `snapcue athletes add|list`.
struct AthletesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "athletes", abstract: "Add and list athletes.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an athlete.")

        @Argument(help: "The athlete's name (unique, case ignored).")
        var name: String
        @Option(help: "Team, for team leaderboards.")
        var team: String?
        @Option(help: "Year of birth (four digits).")
        var birthYear: Int?
        @Option(help: "Favoured hand: left, right or ambidextrous.")
        var hand: Handedness?
        @OptionGroup var store: StoreOptions
        @OptionGroup var report: ReportOptions

        func run() throws {
            let athlete = try reportingErrors { try store.open(create: true).addAthlete(Athlete(name: name, team: team, birthYear: birthYear, handedness: hand)) }
            if report.json { try printJSON(athlete) } else { print("Added \(athlete.name)" + (athlete.team.map { " (team \($0))" } ?? "") + ".") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List athletes.")

        @Option(help: "Only this team.")
        var team: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var report: ReportOptions

        func run() throws {
            let athletes = try reportingErrors { () throws -> [Athlete] in
                let database = try store.open(create: true)
                let athletes = try database.athletes(team: team)
                if let team, athletes.isEmpty {
                    let teams = Set(try database.athletes().compactMap(\.team)).sorted()
                    throw CLIError(
                        "no athletes in team '\(team)'", fix: teams.isEmpty ? "no athlete has a team yet: 'snapcue athletes add NAME --team TEAM'" : "teams: \(teams.joined(separator: ", "))",
                        kind: .notFound)
                }
                return athletes
            }
            if report.json { return try printJSON(athletes) }
            guard !athletes.isEmpty else { return print("No athletes yet: add one with 'snapcue athletes add NAME'.") }
            var table = TextTable(["name", "team", "born", "hand"])
            for athlete in athletes {
                table.add([athlete.name, athlete.team ?? "", athlete.birthYear.map(String.init) ?? "", athlete.handedness?.rawValue ?? ""])
            }
            print(table.render())
        }
    }
}

extension Handedness: ExpressibleByArgument {}
