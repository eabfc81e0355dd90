import DrillCore
import DrillLinux

/// Measures the virtual station's floor in the same run as the drill, on two
/// spare gpio-sim lines the athlete owns:
/// - write → kernel edge: the athlete pulls the floor line and reads the
///   kernel's edge timestamp through libgpiod (the same path Snapcue uses);
/// - light detection: the athlete sets the floor light through libgpiod and
///   times how long its own sysfs polling takes to see it.
/// Snapcue's reaction-time error should equal their sum, and no more.
final class FloorProbe {
    private let clock: SystemMonotonicClock
    private let station: GPIOStation
    private let pullLine: SimulatedLine
    private let lightValue: SimulatedLine
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
        lightValue = try SimulatedLine(chipDirectory: options.chipDirectory, offset: options.floorLight ?? 14)
        pullLine.pull(up: false)
        _ = try? station.switches.waitForEdge(until: clock.now() + .milliseconds(20))
    }

    /// One probe of each floor; the result goes into the truth file.
    func measure() -> [String: Any] {
        var fields: [String: Any] = ["kind": "floor"]
        pressed.toggle()
        let writeStart = clock.now()
        pullLine.pull(up: pressed)
        if case .edge(let edge)? = try? station.switches.waitForEdge(until: writeStart + .milliseconds(100)) {
            fields["write_to_edge_ns"] = (edge.timestamp - writeStart).nanoseconds
            if let readAt = edge.readAt { fields["write_to_read_ns"] = (readAt - writeStart).nanoseconds }
        }
        let before = clock.now()
        try? station.lights.set(["floorlight"], on: true)
        let after = clock.now()
        let onset = MonotonicInstant(nanoseconds: (before.nanoseconds + after.nanoseconds) / 2)
        let giveUp = onset + .milliseconds(100)
        while !lightValue.level() && clock.now() < giveUp { clock.sleep(until: clock.now() + .microseconds(20)) }
        fields["light_detect_ns"] = (clock.now() - onset).nanoseconds
        try? station.lights.set(["floorlight"], on: false)
        return fields
    }
}
