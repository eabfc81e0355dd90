import DrillCore
import DrillLinux
import DrillStore
import Foundation
import Synchronization

/// Runs drills on this station in the background, one at a time: the web
/// app's way to start a drill. Each runs as `snapcue run` does (set-up and
/// ports checked before any cue, the cue thread real-time, each trial stored
/// the moment it is decided); on the simulated station the virtual athlete
/// does the drill, on a GPIO station the athlete.
public final class StationDrills: Sendable {
    private let store: Store
    /// `sim` or a station file.
    private let stationName: String
    private let realtime: RealtimeRequest
    /// The running drill's stop signal; nil when idle.
    private let running = Mutex<StopSignal?>(nil)
    private let idle = Mutex<[CheckedContinuation<Void, Never>]>([])
    private let log: @Sendable (String) -> Void

    /// A request to start a drill.
    public struct Start: Sendable {
        public var profilePath: String
        public var athletes: [String]
        public var seed: UInt64?
        public var addNewAthletes: Bool
        /// Partner drills: the partner's name.
        public var partner: String?

        public init(profilePath: String, athletes: [String], seed: UInt64?, addNewAthletes: Bool, partner: String? = nil) {
            self.profilePath = profilePath
            self.athletes = athletes
            self.seed = seed
            self.addNewAthletes = addNewAthletes
            self.partner = partner
        }
    }

    /// A started drill: what the live view shows of it.
    public struct Started: Sendable {
        public let profile: Profile
        public let station: Station
        public let seed: UInt64
        public let athletes: [String: String]
        public let plannedTrials: Int
        public let sessionID: Int64?
    }

    public init(
        store: Store, stationName: String, realtime: RealtimeRequest,
        log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) {
        self.store = store
        self.stationName = stationName
        self.realtime = realtime
        self.log = log
    }

    /// Checks and starts a drill: `willRun` sees it just before its first cue can come, then
    /// `display` each action on the drill's own thread. Throws a `UserError` (`.conflict` when a
    /// drill is already running) before any cue.
    public func start(
        _ request: Start, willRun: (Started) -> Void = { _ in }, display: @escaping @Sendable (EngineAction) -> Void
    ) throws -> Started {
        let stop = StopSignal()
        try running.withLock { current in
            if current != nil {
                throw ActionableError(
                    "a drill is already running on this station", fix: "stop it first (POST /api/drills/stop), or wait for it to end",
                    webFix: "stop it first, or wait for it to end", kind: .conflict)
            }
            current = stop
        }
        do {
            var setup = try DrillSetup.load(
                profilePath: request.profilePath, station: stationName, seed: request.seed ?? UInt64.random(in: 1...999_999),
                athleteNames: request.athletes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                partnerName: request.partner.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 })
            let ports = try DrillPorts.open(setup, stop: stop)
            setup.keeper = try SessionKeeper(store: store, setup: setup, seedChosen: request.seed != nil, addNewAthletes: request.addNewAthletes)
            let started = Started(
                profile: setup.profile, station: setup.station, seed: setup.plan.seed, athletes: setup.athletes,
                plannedTrials: setup.plan.plannedTotal, sessionID: setup.keeper?.sessionID)
            willRun(started)
            let handoff = Handoff(value: (setup, ports))
            let thread = Thread { [self] in
                nameCurrentThread("snapcue-drill")
                let (setup, ports) = handoff.value
                run(setup, ports: ports, stop: stop, display: display)
                finish()
            }
            thread.start()
            log("drill started: \(setup.headline)" + (setup.keeper.map { " · session \($0.sessionID)" } ?? ""))
            return started
        } catch {
            running.withLock { $0 = nil }
            throw error
        }
    }

    /// Asks the running drill to stop; false when none runs.
    public func stop() -> Bool {
        running.withLock { current in
            guard let current else { return false }
            current.request()
            return true
        }
    }

    /// Waits until no drill runs (the running one finishes or is stopped).
    public func waitUntilIdle() async {
        await withCheckedContinuation { continuation in
            let isIdle = running.withLock { $0 == nil }
            if isIdle {
                continuation.resume()
            } else {
                idle.withLock { $0.append(continuation) }
                // It may have finished between the two checks.
                if running.withLock({ $0 == nil }) { resumeWaiters() }
            }
        }
    }

    private func run(_ setup: DrillSetup, ports: DrillPorts, stop: StopSignal, display: (EngineAction) -> Void) {
        defer { ports.close() }
        let session = DrillSession.run(setup, ports: ports, realtime: realtime, stop: stop, display: display)
        let end = session.end.reason.map { "stopped (\($0))" } ?? "complete"
        log("drill ended: \(session.trials.count)/\(session.plannedTrials) trials, \(end)" + (setup.keeper?.notes.last.map { "; \($0)" } ?? ""))
    }

    private func finish() {
        running.withLock { $0 = nil }
        resumeWaiters()
    }

    private func resumeWaiters() {
        for waiter in idle.withLock({ waiters in defer { waiters.removeAll() }; return waiters }) { waiter.resume() }
    }
}
