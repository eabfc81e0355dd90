#if StationWeb
import DrillCore
import DrillLinux
import DrillSim
import DrillStore
import DrillWeb
import Foundation
import Synchronization

/// Runs drills started from the web on this station, one at a time: the
/// same `DrillSession` (runner on a real-time cue thread, display side
/// storing each trial as it completes) as `snapcue run`. On the simulated
/// station the virtual athlete does the drill; on a GPIO station, the athlete.
final class WebDrillLauncher: DrillLauncher {
    private let store: Store
    /// `sim` or a station file.
    private let stationName: String
    private let realtime: RealtimeSettings
    /// The running drill's stop signal; nil when idle.
    private let running = Mutex<StopSignal?>(nil)
    private let idle = Mutex<[CheckedContinuation<Void, Never>]>([])

    /// The cue thread's real-time request.
    struct RealtimeSettings: Sendable {
        var wanted: Bool
        var priority: Int32
        var cpu: Int?
    }

    init(store: Store, stationName: String, realtime: RealtimeSettings) {
        self.store = store
        self.stationName = stationName
        self.realtime = realtime
    }

    func start(_ request: DrillRequest, profilePath: String, board: LiveBoard) throws -> LiveState.Drill {
        let stop = StopSignal()
        try running.withLock { current in
            if current != nil {
                throw WebError(.conflict, "a drill is already running on this station", fix: "stop it first (POST /api/drills/stop), or wait for it to end")
            }
            current = stop
        }
        do {
            var setup = try DrillSetup.load(
                profilePath: profilePath, station: stationName, seed: request.seed ?? UInt64.random(in: 1...999_999),
                athleteNames: request.athletes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            let ports = try openPorts(setup, stop: stop)
            setup.keeper = try SessionKeeper(store: store, setup: setup, seedChosen: request.seed != nil, addNewAthletes: request.addAthlete ?? false)
            let drill = LiveState.Drill(
                profile: setup.profile, station: setup.station, seed: setup.plan.seed, athletes: setup.athletes,
                plannedTrials: setup.plan.trials.count, sessionID: setup.keeper?.sessionID)
            board.begin(drill)
            let handoff = Handoff(value: (setup, ports))
            let thread = Thread { [self] in
                nameCurrentThread("snapcue-drill")
                let (setup, ports) = handoff.value
                run(setup, ports: ports, board: board)
                finish()
            }
            thread.start()
            log("drill started: \(header(setup))" + (setup.keeper.map { " · session \($0.sessionID)" } ?? ""))
            return drill
        } catch {
            running.withLock { $0 = nil }
            throw Self.webError(error)
        }
    }

    func stop() -> Bool {
        running.withLock { current in
            guard let current else { return false }
            current.request()
            return true
        }
    }

    /// Waits until no drill runs (the running one finishes or is stopped).
    func waitUntilIdle() async {
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

    private func finish() {
        running.withLock { $0 = nil }
        resumeWaiters()
    }

    private func resumeWaiters() {
        for waiter in idle.withLock({ waiters in defer { waiters.removeAll() }; return waiters }) { waiter.resume() }
    }

    // MARK: Ports

    /// The station's lights, switches and sound, opened before any cue so a
    /// busy line or missing device is the request's error.
    private enum Ports {
        case simulated(SimulatedStation)
        case gpio(GPIOStation, ALSASoundOutput?)
    }

    private func openPorts(_ setup: DrillSetup, stop: StopSignal) throws -> Ports {
        let clock = SystemMonotonicClockAdapter.clock
        if setup.station.isSimulated {
            return .simulated(LiveSimulatedStation.make(setup, fast: false, stop: stop).station)
        }
        let station = try GPIOStation(station: setup.station, clock: clock, stopRequested: { stop.isRequested })
        let sound = setup.profile.requiredSounds.isEmpty ? nil : try ALSASoundOutput(station: setup.station, directory: setup.stationDirectory)
        return .gpio(station, sound)
    }

    private func run(_ setup: DrillSetup, ports: Ports, board: LiveBoard) {
        let clock = SystemMonotonicClockAdapter.clock
        let settings = realtime
        let configure: @Sendable () -> Void = {
            guard settings.wanted else { return }
            _ = RealtimeThread.configureCurrentThread(priority: settings.priority, cpu: settings.cpu)
        }
        let session: SessionResult
        switch ports {
        case .simulated(let station):
            session = DrillSession.run(
                setup, clock: clock, lights: station.lights, sound: station.sound, switches: station,
                onCueThread: { station.observe($0) }, onCueThreadStart: configure, display: board.apply)
        case .gpio(let station, let sound):
            defer {
                station.lights.allOff()
                sound?.stop()
            }
            session = DrillSession.run(
                setup, clock: clock, lights: station.lights, sound: sound, switches: station.switches,
                onCueThreadStart: configure, display: board.apply)
        }
        let end = switch session.end {
        case .complete: "complete"
        case .aborted(let reason): "stopped (\(reason))"
        }
        log("drill ended: \(session.trials.count)/\(session.plannedTrials) trials, \(end)" + (setup.keeper?.notes.last.map { "; \($0)" } ?? ""))
    }

    private func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Errors of starting a drill, as web answers.
    private static func webError(_ error: any Error) -> any Error {
        switch error {
        case let error as CLIError: WebError(.unprocessableContent, error.message, fix: error.fix)
        case let error as GPIOError: WebError(.serviceUnavailable, error.description)
        case let error as ALSAError: WebError(.serviceUnavailable, error.description)
        case let error as SoundError: WebError(.unprocessableContent, error.description)
        case let error as StationFault: WebError(.serviceUnavailable, error.description)
        default: error
        }
    }
}
#endif
