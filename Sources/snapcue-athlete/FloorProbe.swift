import DrillCore
import DrillLinux
import Foundation
import Synchronization

/// The floor light's pending onset, shared by the driver thread and the polling loop.
final class FloorLightState: Sendable {
    typealias State = (onset: Int64?, stopped: Bool, busy: Bool, spoiled: Bool)
    private let state = Mutex<State>((nil, false, false, false))

    func withLock<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
        state.withLock { body(&$0) }
    }
}

/// Hands the station to the light driver thread (only that thread uses its lights).
struct LightHandoff: @unchecked Sendable {
    let station: GPIOStation
}

/// Measures the virtual station's floor in the same run as the drill, on two
/// spare gpio-sim lines the athlete owns:
/// - write → kernel edge: the athlete pulls the floor line and reads the
///   kernel's edge timestamp through libgpiod (the same path Snapcue uses);
/// - light detection: a separate thread switches the floor light on at
///   random moments through libgpiod, as Snapcue's cue thread does with the
///   drill's lights, and the athlete's polling loop (the one that watches
///   the drill's lights) times how long it takes to see it.
/// Snapcue's reaction-time error should equal their sum, and no more.
final class FloorProbe {
    private let clock: SystemMonotonicClock
    private let station: GPIOStation
    private let pullLine: SimulatedLine
    private var pressed = false

    init(options: AthleteOptions, clock: SystemMonotonicClock) throws {
        self.clock = clock
        let definition = try Station.parse("""
            name: floor
            lights: {floorlight: {chip: "\(options.chipLabel)", line: \(options.floorLight ?? 14)}}
            switches: {floor: {chip: "\(options.chipLabel)", line: \(options.floorLine ?? 15), debounce: 1us}}
            """, file: "<floor>")
        station = try GPIOStation(station: definition, clock: clock)
        pullLine = try SimulatedLine(chipDirectory: options.chipDirectory, offset: options.floorLine ?? 15)
        pullLine.pull(up: false)
        _ = try? station.switches.waitForEdge(until: clock.now() + .milliseconds(20))
    }

    /// One write → kernel edge probe; the result goes into the truth file.
    func measureWriteToEdge() -> [String: Any] {
        var fields: [String: Any] = ["kind": "floor"]
        pressed.toggle()
        let writeStart = clock.now()
        pullLine.pull(up: pressed)
        if case .edge(let edge)? = try? station.switches.waitForEdge(until: writeStart + .milliseconds(100)) {
            fields["write_to_edge_ns"] = (edge.timestamp - writeStart).nanoseconds
            if let readAt = edge.readAt { fields["write_to_read_ns"] = (readAt - writeStart).nanoseconds }
        }
        return fields
    }

    /// Starts a thread that, like Snapcue's cue thread, switches the floor
    /// light on at random moments (through libgpiod) unrelated to the
    /// athlete's polling loop, and off once the loop has seen it. The loop
    /// reports what it saw with `seen(at:)`.
    func startLightDriver(seed: UInt64) {
        let shared = lightState
        let handoff = LightHandoff(station: station)
        let clock = self.clock
        let thread = Thread {
            nameCurrentThread("floor-light")
            _ = RealtimeThread.configureCurrentThread(priority: 80, lockMemory: false)
            var generator = SeededGenerator(seed: seed)
            while !shared.withLock({ $0.stopped }) {
                clock.sleep(until: clock.now() + .milliseconds(300) + .microseconds(Int64(generator.nextIndex(below: 400_000))))
                // Drill lights come while the athlete is idle and polling; probe under the same condition.
                while shared.withLock({ $0.busy && !$0.stopped }) { clock.sleep(until: clock.now() + .milliseconds(5)) }
                guard let lightSet = try? handoff.station.lights.switchOn(["floorlight"], timedBy: clock) else { continue }
                shared.withLock {
                    $0.onset = lightSet.midpoint.nanoseconds
                    $0.spoiled = false
                }
                let giveUp = clock.now() + .seconds(2)
                while shared.withLock({ $0.onset != nil && !$0.stopped }) && clock.now() < giveUp {
                    clock.sleep(until: clock.now() + .milliseconds(1))
                }
                try? handoff.station.lights.set(["floorlight"], on: false)
                shared.withLock { $0.onset = nil }
                clock.sleep(until: clock.now() + .milliseconds(5))
            }
        }
        thread.start()
    }

    /// The polling loop saw the floor light at `instant`: the detection
    /// latency, if a probe was pending and the athlete stayed idle meanwhile.
    func seen(at instant: MonotonicInstant) -> Int64? {
        lightState.withLock { state in
            guard let onset = state.onset else { return nil }
            state.onset = nil
            return state.spoiled ? nil : instant.nanoseconds - onset
        }
    }

    /// The athlete starts (true) or ends (false) a response: probes wait, and one in flight is discarded.
    func setBusy(_ busy: Bool) {
        lightState.withLock { state in
            state.busy = busy
            if busy && state.onset != nil { state.spoiled = true }
        }
    }

    func stop() { lightState.withLock { $0.stopped = true } }

    private let lightState = FloorLightState()
}
