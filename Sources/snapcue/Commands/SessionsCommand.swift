import ArgumentParser
import DrillCore
import DrillStats
import DrillStore

/// `snapcue sessions list|show`.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "List stored sessions, or show one trial by trial.", subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sessions, newest first.")

        @OptionGroup var filter: SessionFilterOptions
        @Option(parsing: .unconditional, help: "How many sessions at most.")
        var limit = 20

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be 1 or more, not \(limit)") }
        }
        @OptionGroup var store: StoreOptions
        @OptionGroup var report: ReportOptions

        func run() throws {
            let sessions = try reportingErrors {
                try store.open(create: true).sessions(filter.filter(limit: limit))
            }
            if report.json { return try printJSON(sessions) }
            guard !sessions.isEmpty else { return print("No sessions match.") }
            var table = TextTable(["#", "started", "profile", "athlete(s)", "trials", "valid", "median", "accuracy", "status"])
            for session in sessions {
                table.add([
                    "\(session.id)", Format.localTime(milliseconds: session.startedAtMilliseconds), "\(session.profile) v\(session.profileVersion)",
                    session.sides.map(\.athlete).joined(separator: " vs "), "\(session.trials)/\(session.plannedTrials)",
                    session.sides.map { "\($0.validCount)" }.joined(separator: "/"),
                    session.sides.map { Format.milliseconds($0.medianMilliseconds) }.joined(separator: " / "),
                    session.sides.map { Format.percent($0.accuracy) }.joined(separator: " / "),
                    session.status.rawValue + (session.flaggedTrials > 0 ? " (\(session.flaggedTrials) flagged)" : ""),
                ])
            }
            print(table.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one session: its summary and every trial.")

        @Argument(help: "The session's number (see 'snapcue sessions list').")
        var id: Int64
        @Option(help: "Lapse threshold in ms for the summary (default: the profile's).")
        var lapseMs: Double?
        @OptionGroup var store: StoreOptions
        @OptionGroup var report: ReportOptions

        func run() throws {
            let stored = try reportingErrors { try store.open().session(id: id) }
            let summary = SessionSummary(session: stored.result, lapseThresholdMilliseconds: lapseMs)
            if report.json {
                struct Output: Encodable {
                    let session: StoredSession
                    let summary: SessionSummary
                }
                return try printJSON(Output(session: stored, summary: summary))
            }
            print("Session \(stored.id) · \(Format.localTime(milliseconds: stored.startedAtMilliseconds)) · \(stored.status)"
                + (stored.endReason.map { " (\($0))" } ?? "") + " · uuid \(stored.uuid)")
            print(SummaryReport.render(stored.result, summary: summary))
            print("")
            print(TrialTable.render(stored.result))
        }
    }
}

/// Every trial of a session as a table.
enum TrialTable {
    static func render(_ session: SessionResult) -> String {
        let sides = session.trials.first?.sides.map(\.side) ?? []
        var table = TextTable(["trial", "block", "kind", "cue", "foreperiod", "lateness"] + sides.map { session.athletes[$0] ?? $0 } + ["flags"])
        for trial in session.trials {
            table.add([
                "\(trial.planned.index + 1)", "\(trial.planned.blockName) \(trial.planned.set).\(trial.planned.trialInSet)",
                trial.planned.kind.rawValue, trial.planned.cueName ?? "–", "\(trial.planned.foreperiodMilliseconds) ms",
                trial.timing.schedulerLatenessNanoseconds.map { String(format: "%.3f ms", Double($0) / 1e6) } ?? "–",
            ] + sides.map { side in trial.result(for: side).map { Format.result($0) } ?? "" }
              + [trial.timing.flags.map(\.rawValue).joined(separator: ",")])
        }
        return table.render()
    }
}
