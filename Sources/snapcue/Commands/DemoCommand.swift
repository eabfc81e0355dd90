import ArgumentParser
import DrillCore
import DrillStation
import DrillStats
import Foundation

/// `snapcue demo`: the quick-start drill on the simulated station with a virtual athlete.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a drill on the simulated station with a virtual athlete, live, then print the summary.")

    @Option(help: "Profile to run.")
    var profile = "Profiles/quick-start.yaml"

    @OptionGroup var drill: DrillOptions
    @OptionGroup var athlete: VirtualAthleteOptions

    func run() throws {
        let setup = try reportingErrors {
            guard FileManager.default.fileExists(atPath: profile) else {
                throw CLIError("profile \(profile) not found", fix: "run 'snapcue demo' from the Snapcue folder, or pass --profile PATH")
            }
            var setup = try DrillSetup.load(
                profilePath: profile, station: "sim", seed: drill.resolvedSeed,
                athleteNames: drill.athletes, partnerName: drill.partner, soloDefault: "Demo Athlete")
            try drill.keep(&setup, team: "Demo")
            return setup
        }
        installStopHandlers()
        let session = runWithVirtualAthletes(setup, options: athlete, json: drill.json)
        defer { if !drill.json { showDemoTrend(setup) } }
        try finish(session, json: drill.json, keeper: setup.keeper)
    }

    /// After a stored demo, the demo athlete's trend in this drill, once there are two sessions.
    private func showDemoTrend(_ setup: DrillSetup) {
        guard setup.keeper != nil, let name = setup.athletes.values.sorted().first,
              let database = try? drill.store.open(),
              let history = try? database.history(athlete: name, profile: setup.profile.name)
                .first(where: { $0.profileVersion == setup.profile.version })
        else { return }
        print("")
        guard history.points.count >= 2 else {
            // Said in terms of the command just typed (`snapcue demo …` or `make demo`), not a build tool's.
            let again = (["snapcue"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
            return print("Run the demo again (\(again)): from the second stored session on, \(name)'s trend is shown here ('snapcue trend --athlete \"\(name)\"').")
        }
        let progress = AthleteProgress(sessions: history.points)
        print("\(name) · \(history.title) (\(history.profile) v\(history.profileVersion)) · \(history.points.count) stored sessions · median RT per session")
        print(TrendChart.render(progress))
        print(ProgressReport.render(progress))
    }
}
