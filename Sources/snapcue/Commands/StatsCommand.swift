import ArgumentParser
import DrillCore
import DrillStats
import DrillStore
#if GymSync
import DrillSync
#endif

/// Options shared by `stats` and `trend`.
struct ProgressOptions: ParsableArguments {
    @Option(help: "The athlete.")
    var athlete: String
    @Option(help: "Only this profile (by name); default: every drill the athlete ran, most-run first.")
    var profile: String?
    @Option(help: "A session counts for trends and bests with at least this many valid trials.")
    var minValid = AthleteProgress.minimumValidTrialsByDefault
    @Option(help: "The athlete's first N sessions of a drill are familiarisation.")
    var familiarisation = 2
}

/// One drill's statistics for `stats --json`.
struct DrillStatistics: Encodable {
    struct Session: Encodable {
        let id: String
        let startedAt: String
        let statistics: SessionStatistics
    }

    let profile: String
    let profileVersion: Int
    /// The drill's title.
    let title: String
    /// How the drill is scored (each session's `statistics.score`).
    let score: DrillScore
    let sessions: [Session]
    let progress: AthleteProgress
}

/// `snapcue stats --athlete A`: per-session statistics and progress across sessions.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "An athlete's reaction-time statistics: per session, and progress across sessions.")

    @OptionGroup var options: ProgressOptions
    @Option(help: "Show the last N sessions of each drill.")
    var last = 10
    @Option(help: "Lapse threshold in ms (default: each profile's, 500 ms unless set).")
    var lapseMs: Double?
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        let (name, drills): (String, [DrillStatistics]) = try reportingErrors {
            let database = try store.open()
            let athlete = try database.athlete(named: options.athlete)
            return (athlete.name, try database.history(athlete: athlete.name, profile: options.profile).map { history in
                let score = try database.score(ofProfile: history.profile, version: history.profileVersion)
                let sessions = try history.points.suffix(last).map { point in
                    let stored = try database.session(id: Int64(point.session)!)
                    let side = stored.result.athletes.first { $0.value.lowercased() == athlete.name.lowercased() }?.key ?? "athlete"
                    let threshold = lapseMs ?? Double(stored.result.lapseThresholdNanoseconds) / 1e6
                    let statistics = SessionStatistics(
                        side: side, trials: stored.result.trials, lapseThresholdMilliseconds: threshold,
                        headToHead: stored.result.athletes.count > 1, score: stored.result.score)
                    return DrillStatistics.Session(
                        id: point.session, startedAt: WallClock.iso(milliseconds: point.startedAtMilliseconds), statistics: statistics)
                }
                return DrillStatistics(
                    profile: history.profile, profileVersion: history.profileVersion, title: history.title, score: score, sessions: sessions,
                    progress: AthleteProgress(sessions: history.points, familiarisationSessions: options.familiarisation, minimumValidTrials: options.minValid))
            })
        }
        if report.json {
            struct Output: Encodable {
                let athlete: String
                let drills: [DrillStatistics]
            }
            return try printJSON(Output(athlete: name, drills: drills))
        }
        guard !drills.isEmpty else { return print("\(name) has no complete sessions yet.") }
        for drill in drills {
            print("\(name) · \(drill.title) (\(drill.profile) v\(drill.profileVersion)) · \(drill.progress.entries.count) complete session(s)"
                + (drill.score == .medianReactionTime ? "" : " · score: \(drill.score.title)"))
            print(Self.table(drill).render(fitting: Self.width))
            if let latest = drill.sessions.last?.statistics, latest.foreperiodBins.count > 1 {
                print("  latest session, median RT by foreperiod:")
                print(Format.wrap(latest.foreperiodBins.map {
                    ($0.lowerMilliseconds == $0.upperMilliseconds ? "\($0.lowerMilliseconds)" : "\($0.lowerMilliseconds)–\($0.upperMilliseconds)")
                        + " ms: " + Format.milliseconds($0.medianMilliseconds)
                }, width: Self.width, indent: "    "))
            }
            print(ProgressReport.render(drill.progress))
            print("")
        }
    }

    /// Every line of the report fits this many columns (a wide table is shown in parts).
    static let width = 100

    static func table(_ drill: DrillStatistics) -> TextTable {
        let scored = drill.score != .medianReactionTime
        // Gate runs: the run's total time (start gate to finish) and the movement after the decision.
        let runs = drill.sessions.contains { $0.statistics.medianTotalMilliseconds != nil }
        let moves = drill.sessions.contains { $0.statistics.medianMovementMilliseconds != nil }
        var table = TextTable(["#", "date"] + (scored ? ["score"] : []) + ["valid", "median"] + (moves ? ["move"] : []) + (runs ? ["total"] : [])
            + ["mean", "SD", "IQR", "1/RT", "fast 10%", "slow 10%", "lapses", "antic", "f.start", "miss", "errors", "accuracy", "d′", "ToT ms/min"])
        let familiar = Set(drill.progress.entries.filter(\.familiarisation).map(\.point.session))
        for session in drill.sessions {
            let s = session.statistics
            let number = { (value: Double?) in value.map { String(format: "%.1f", $0) } ?? "–" }
            let lead = [session.id + (familiar.contains(session.id) ? " f" : ""), String(session.startedAt.prefix(10))]
            let score: [String] = scored ? [s.score.map(drill.score.format) ?? "–"] : []
            let times: [String] = ["\(s.validCount)/\(s.trials)", number(s.medianMilliseconds)]
                + (moves ? [number(s.medianMovementMilliseconds)] : []) + (runs ? [number(s.medianTotalMilliseconds)] : []) + [
                number(s.meanMilliseconds),
                number(s.standardDeviationMilliseconds), number(s.interquartileRangeMilliseconds),
                s.meanSpeed.map { String(format: "%.2f", $0) } ?? "–",
                number(s.fastest10PercentMilliseconds), number(s.slowest10PercentMilliseconds),
            ]
            let counts: [String] = [
                "\(s.lapses)", "\(s.anticipations)", "\(s.falseStarts)", "\(s.misses)", "\(s.errors)", Format.percent(s.accuracy),
                s.dPrime.map { String(format: "%.2f", $0.value) } ?? "–",
                s.timeOnTaskSlopeMillisecondsPerMinute.map { String(format: "%+.1f", $0) } ?? "–",
            ]
            table.add(lead + score + times + counts)
        }
        return table
    }
}

/// `snapcue trend --athlete A`: session medians over time, as a chart, with the robust trend.
struct TrendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend", abstract: "An athlete's median reaction time across sessions: a chart and the trend.")

    @OptionGroup var options: ProgressOptions
    #if GymSync
    @Option(name: .customLong("postgres"), help: "The athlete's sessions on every station: read them from this PostgreSQL URL.")
    var gymURL: String?
    #endif
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportOptions

    func run() async throws {
        let (name, histories) = try await athleteHistories()
        let drills = histories.map { history in
            (history, AthleteProgress(sessions: history.points, familiarisationSessions: options.familiarisation, minimumValidTrials: options.minValid))
        }
        if report.json {
            struct Drill: Encodable {
                let profile: String
                let profileVersion: Int
                let progress: AthleteProgress
            }
            return try printJSON(drills.map { Drill(profile: $0.0.profile, profileVersion: $0.0.profileVersion, progress: $0.1) })
        }
        guard !drills.isEmpty else { return print("\(name) has no complete sessions yet.") }
        for (history, progress) in drills {
            print("\(name) · \(history.title) (\(history.profile) v\(history.profileVersion)) · median RT per session")
            print(TrendChart.render(progress))
            print(ProgressReport.render(progress))
            print("")
        }
    }

    /// The athlete's drills: from the gym database with --postgres, else from this station.
    private func athleteHistories() async throws -> (String, [AthleteHistory]) {
        #if GymSync
        if let gymURL {
            let address = try reportingErrors { try GymOptions.address(gymURL) }
            do {
                let athlete = options.athlete, profile = options.profile
                return try await GymOptions.using(address) { try await $0.history(athlete: athlete, profile: profile) }
            } catch {
                throw reportingFailure(CLIError(error))
            }
        }
        #endif
        return try reportingErrors {
            let database = try store.open()
            let athlete = try database.athlete(named: options.athlete)
            return (athlete.name, try database.history(athlete: athlete.name, profile: options.profile))
        }
    }
}
