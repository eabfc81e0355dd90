import ArgumentParser
import DrillCore
import DrillSim
import DrillStation
import DrillStats
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Options shared by commands that run a drill.
struct DrillOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Seed of the drill plan (same profile + seed = same drill). Random if omitted; always printed.")
    var seed: UInt64?

    @Option(name: .customLong("athlete"), help: "Athlete name; repeat once per side for head-to-head drills.")
    var athletes: [String] = []

    @Option(help: "Partner drills: the partner's name (recorded with the session; the partner is not scored).")
    var partner: String?

    @Flag(help: "Print the whole session (every trial, every timestamp in ns) and its summary as JSON on standard output; progress goes to standard error.")
    var json = false

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not store the session in the results database.")
    var noStore = false

    @Flag(help: "Register an --athlete name that is new here even if it looks like a typo of an existing athlete.")
    var addAthlete = false

    /// Opens the session record for `setup` (athletes checked before any cue), unless --no-store.
    func keep(_ setup: inout DrillSetup, team: String? = nil) throws {
        guard !noStore else { return }
        setup.keeper = try SessionKeeper(
            store: try store.open(create: true), setup: setup, seedChosen: seed != nil, addNewAthletes: addAthlete, team: team)
    }

    /// The seed to use: the given one, or a fresh random one.
    var resolvedSeed: UInt64 { seed ?? UInt64.random(in: 1...999_999) }
}

/// Options of the simulated athlete.
struct VirtualAthleteOptions: ParsableArguments {
    @Flag(help: "Run as fast as possible on a simulated clock (no real waiting); results are identical for a given seed.")
    var fast = false

    @Option(parsing: .unconditional, help: "Seed of the virtual athlete's behaviour (default: derived from the plan seed).")
    var athleteSeed: UInt64?

}

/// Stop requests from Ctrl-C (SIGINT) and SIGTERM when the terminal is not in raw mode.
let processStopSignal = StopSignal()

func installStopHandlers() {
    signal(SIGINT) { _ in processStopSignal.request() }
    signal(SIGTERM) { _ in processStopSignal.request() }
}

/// Prints a finished session (summary table or JSON) and picks the exit code.
func finish(_ session: SessionResult, json: Bool, keeper: SessionKeeper? = nil) throws {
    let summary = SessionSummary(session: session)
    defer { for note in keeper?.notes ?? [] { Terminal.writeError(note) } }
    if json {
        struct Output: Encodable {
            let session: SessionResult
            let summary: SessionSummary
        }
        print(try SnapcueJSON.prettyText(Output(session: session, summary: summary)))
        Terminal.writeError(SummaryReport.render(session, summary: summary))
    } else {
        print(SummaryReport.render(session, summary: summary))
        if let keeper, let store = keeper.keptIn {
            let comparison = HistoryComparison.report(session, sessionID: keeper.sessionID, store: store)
            if !comparison.isEmpty { print(comparison) }
        }
    }
    switch session.end {
    case .complete, .partnerIdle: break  // a partner who stops moving ends the drill cleanly
    case .stopped: throw ExitCode(ExitStatus.stopped)
    case .fault: throw ExitCode(ExitStatus.stationFault)
    }
}

/// Runs `setup` on the simulated station with virtual athletes, printing progress lines.
func runWithVirtualAthletes(_ setup: DrillSetup, options: VirtualAthleteOptions, json: Bool) -> SessionResult {
    let ports = DrillPorts.simulated(setup, fast: options.fast, athleteSeed: options.athleteSeed, stop: processStopSignal)
    let writeProgress: @Sendable (String) -> Void = json ? Terminal.writeToStandardError : Terminal.write
    let redraw = json ? isatty(STDERR_FILENO) == 1 : Terminal.outputIsTerminal
    let printer = ProgressPrinter(setup: setup, redraw: redraw && !options.fast, clock: ports.clock, write: writeProgress)
    writeProgress(setup.headline + "\n")
    return DrillSession.run(setup, ports: ports, stop: processStopSignal, display: printer.show)
}
