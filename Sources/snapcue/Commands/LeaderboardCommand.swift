import ArgumentParser
import DrillCore
import DrillStats
import DrillStore
#if GymSync
import DrillSync
#endif

extension LeaderboardMetric: ExpressibleByArgument {}

/// `snapcue leaderboard --profile P`.
struct LeaderboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaderboard",
        abstract: "Rank athletes in one drill by their best session.",
        discussion: """
            Each athlete is ranked by their best complete session of the profile version with at least --min-valid
            valid trials. Equal values are broken by: more valid trials; for accuracy, the lower median; the earlier
            session; the name. The rule that separated two equal values is shown.
            """)

    @Option(help: "The profile (by name).")
    var profile: String
    @Option(help: "The profile version (default: the newest with sessions).")
    var version: Int?
    @Option(help: "median (RT, lower is better), speed (mean 1/RT), accuracy, or score (the drill's declared score; the default when it declares one).")
    var metric: LeaderboardMetric?
    @Option(help: "Only athletes of this team.")
    var team: String?
    @Option(help: "A session counts with at least this many valid trials (default 10; 1 for a drill that declares a score).")
    var minValid: Int?
    @Option(help: "Only sessions since this date (2026-11-01, an ISO time, or 14d / 6w back).")
    var since: DateArgument?
    @Option(help: "Only sessions before this date.")
    var until: DateArgument?
    @Option(help: "Only sessions with this plan seed (the identical drill).")
    var seed: UInt64?
    #if GymSync
    @Option(name: .customLong("postgres"), help: "Rank the whole gym: read every station's synced sessions from this PostgreSQL URL.")
    var gymURL: String?
    #else
    var gymURL: String? { nil }
    #endif
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportOptions

    /// How the drill is scored, from the local store (median RT when it has no session of it).
    private func declaredScore() -> DrillScore {
        (try? store.open().score(ofProfile: profile, version: version)) ?? .medianReactionTime
    }

    func run() async throws {
        let score = declaredScore()
        let metric = self.metric ?? score.defaultMetric
        let minValid = self.minValid ?? score.defaultMinimumValidTrials
        let query = LeaderboardQuery(profile: profile, version: version, team: team, since: since?.milliseconds, until: until?.milliseconds, seed: seed)
        #if GymSync
        if let gymURL {
            let address = try reportingErrors { try GymOptions.address(gymURL) }
            do {
                let (found, candidates) = try await GymOptions.using(address) { try await $0.leaderboardCandidates(query) }
                return try show(found, Leaderboard(candidates: candidates, metric: metric, minimumValidTrials: minValid, score: score))
            } catch {
                throw reportingFailure(CLIError(error))
            }
        }
        #endif
        let (rankedVersion, board) = try localBoard(query, metric: metric, minValid: minValid, score: score)
        try show(rankedVersion, board)
    }

    private func localBoard(_ query: LeaderboardQuery, metric: LeaderboardMetric, minValid: Int, score: DrillScore) throws -> (Int, Leaderboard) {
        try reportingErrors {
            let database = try store.open()
            if let team, try !database.teams().contains(where: { $0.lowercased() == team.lowercased() }) {
                throw CLIError("no athletes in team '\(team)'", fix: "teams: \(try database.teams().joined(separator: ", "))")
            }
            let (found, candidates) = try database.leaderboardCandidates(query)
            return (found, Leaderboard(candidates: candidates, metric: metric, minimumValidTrials: minValid, score: score))
        }
    }

    private func show(_ rankedVersion: Int, _ board: Leaderboard) throws {
        if report.json {
            struct Output: Encodable {
                let profile: String
                let version: Int
                let team: String?
                let leaderboard: Leaderboard
            }
            return try printJSON(Output(profile: profile, version: rankedVersion, team: team, leaderboard: board))
        }
        let metric = board.metric
        let metricName = metric == .score ? board.score.title : metric.rawValue
        print("\(profile) v\(rankedVersion) · \(metricName)" + (gymURL != nil ? " · whole gym" : "") + (team.map { " · team \($0)" } ?? "") + " · sessions with ≥ \(board.minimumValidTrials) valid trials")
        guard !board.rows.isEmpty else { return print("  No session qualifies yet.") }
        var table = TextTable(["rank", "athlete", "team", metric == .score ? "score" : metric.rawValue, "valid", "session", "date", "sessions", "tie broken by"])
        for row in board.rows {
            let value = switch metric {
            case .median: Format.milliseconds(row.value)
            case .speed: Format.speed(row.value)
            case .accuracy: Format.percent(row.value)
            case .score: board.score.format(row.value)
            }
            table.add([
                "\(row.rank)", row.athlete, row.team ?? "", value, "\(row.best.validCount)", "#" + (row.best.session.count > 12 ? String(row.best.session.prefix(8)) : row.best.session),
                Format.localDate(milliseconds: row.best.startedAtMilliseconds), "\(row.countingSessions)", row.tieBrokenBy ?? "",
            ])
        }
        print(table.render())
    }
}
