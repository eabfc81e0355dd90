#if GymSync
import ArgumentParser
import DrillCore
import DrillStore
import DrillSync
import Foundation
import Logging

/// `--postgres URL`: the gym database.
struct GymOptions: ParsableArguments {
    @Option(
        name: .customLong("postgres"),
        help: ArgumentHelp("The gym's PostgreSQL database, postgres://USER:PASSWORD@HOST:5432/DATABASE.", discussion: "Default: $SNAPCUE_POSTGRES."))
    var url: String?

    /// The address given, or nil when neither the option nor the environment names one.
    func address() throws -> GymAddress? {
        guard let url = url ?? ProcessInfo.processInfo.environment["SNAPCUE_POSTGRES"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        return try Self.address(url)
    }

    /// Parses `url`; a bad one is a `CLIError` saying what is wrong.
    static func address(_ url: String) throws -> GymAddress {
        do {
            return try GymAddress(url)
        } catch let error as GymError {
            throw CLIError(error.message, fix: error.fix)
        }
    }

    /// Runs `body` on a fresh connection, closed afterwards whatever happens.
    static func using<Result: Sendable>(_ address: GymAddress, _ body: (GymDatabase) async throws -> Result) async throws -> Result {
        let gym = try await connect(address)
        do {
            let result = try await body(gym)
            await gym.close()
            return result
        } catch {
            await gym.close()
            throw error
        }
    }

    /// Connects (quietly: errors are reported by the command).
    static func connect(_ address: GymAddress) async throws -> GymDatabase {
        var logger = Logger(label: "snapcue-gym")
        logger.logLevel = .critical
        return try await GymDatabase.connect(address, logger: logger)
    }
}

/// `snapcue sync`: push this station's results to the gym database, pull the gym's athletes.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send this station's sessions to the gym's PostgreSQL database and bring the gym's athletes here.",
        discussion: """
            Safe to repeat and to interrupt: nothing is sent twice, and what an interrupted sync missed goes next time.
            The station keeps working without the gym database; run 'sync' (or 'serve --sync-postgres') when it is back.
            Athletes are one person per name across the gym: the first record to reach the gym keeps its id and
            spelling; details (team, birth year, hand) missing on one side are filled from the other.
            """)

    @OptionGroup var gym: GymOptions
    @Option(help: "This station's name in the gym database (default: the host name).")
    var stationName: String?
    @Option(help: "Sync again every N seconds until stopped (Ctrl-C), instead of once.")
    var every: Int?
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportOptions

    func validate() throws {
        if let every, every < 1 { throw ValidationError("--every takes a number of seconds ≥ 1") }
    }

    func run() async throws {
        let (database, address) = try reportingErrors {
            guard let address = try gym.address() else {
                throw CLIError("no gym database named", fix: "pass --postgres postgres://USER:PASSWORD@HOST:5432/DATABASE, or set SNAPCUE_POSTGRES")
            }
            return (try store.open(create: true), address)
        }
        let name = stationName ?? ProcessInfo.processInfo.hostName
        repeat {
            do {
                let summary = try await Self.syncOnce(store: database, address: address, station: name) { pending in
                    if !report.json { print("  session \(pending.sessionID): \(pending.trialCount - pending.pushedTrials) new trial(s), \(pending.status)") }
                }
                if report.json {
                    try printJSON(summary)
                } else {
                    print("synced with \(address): \(summary.sessionsPushed) session(s), \(summary.trialsPushed) trial(s) sent; "
                        + "\(summary.athletesAdded) athlete(s) added to the gym, \(summary.athletesMerged) merged or brought here")
                }
            } catch {
                guard every != nil else { throw reportingFailure(CLIError(error)) }
                Terminal.writeError("sync: \(String(describing: error).split(separator: "\n").first ?? ""); retrying in \(every!) s")
            }
            if let every { try await Task.sleep(for: .seconds(every)) }
        } while every != nil
    }

    /// Connects, syncs once, disconnects.
    static func syncOnce(store: Store, address: GymAddress, station: String, progress: (PendingPush) -> Void = { _ in }) async throws -> SyncReport {
        try await GymOptions.using(address) { gym in
            try await GymSync(store: store, gym: gym, station: station).run(progress: progress)
        }
    }
}

extension CLIError {
    /// A gym or store error as a CLI error (message and fix kept).
    init(_ error: any Error) {
        switch error {
        case let error as GymError: self.init(error.message, fix: error.fix, kind: .unavailable)
        case let error as CLIError: self = error
        case let error as any UserError: self.init(error.headline, fix: error.fix, kind: error.kind)
        default: self.init("\(error)")
        }
    }
}
#endif
