import CGPIOShim
import DrillCore
#if canImport(Glibc)
import Glibc
#endif

/// A real station's GPIO lines, opened from its station file: every light
/// as an output (off), every switch as an input with both-edge events.
/// Opening fails with a `GPIOError` naming the light or switch, chip and line.
public final class GPIOStation {
    /// The lights port.
    public let lights: GPIOLights
    /// The switches port.
    public let switches: GPIOSwitches

    /// - Parameter stopRequested: polled while waiting, so Ctrl-C ends a drill promptly.
    public init(station: Station, clock: SystemMonotonicClock = SystemMonotonicClock(), consumer: String = "snapcue",
                stopRequested: @escaping @Sendable () -> Bool = { false }) throws {
        var chips: [String: GPIOChip] = [:]
        func chip(_ spec: String) throws -> GPIOChip {
            if let open = chips[spec] { return open }
            let opened = try GPIOChip.open(matching: spec)
            chips[spec] = opened
            return opened
        }
        // Aliases share a line: each (chip, offset) is requested once. An RGB pad has a line per colour.
        var lightLines: [GPIOLights.Light] = []
        var lightByPlace: [String: GPIOLineHandle] = [:]
        for light in station.lights {
            var outputs: [GPIOLights.Output] = []
            for output in light.outputs {
                let what = light.colorLines.isEmpty ? "light '\(light.name)'" : "light '\(light.name)' \(output.color)"
                guard let gpio = output.gpio else { throw StationFault("\(what) has no GPIO line in station '\(station.name)'") }
                let owner = try chip(gpio.chip)
                let offset = try owner.offset(of: gpio.line)
                let place = "\(owner.name) line \(offset)"
                let handle = try lightByPlace[place] ?? owner.requestOutput(
                    offset: offset, activeLow: gpio.activeLow, initiallyOn: false, consumer: consumer, purpose: what)
                lightByPlace[place] = handle
                outputs.append(GPIOLights.Output(color: output.color, handle: handle, place: place))
            }
            lightLines.append(GPIOLights.Light(spec: light, outputs: outputs))
        }
        var switchLines: [GPIOSwitches.Line] = []
        for switchSpec in station.switches {
            guard let gpio = switchSpec.gpio else { throw StationFault("switch '\(switchSpec.name)' has no GPIO line in station '\(station.name)'") }
            let owner = try chip(gpio.chip)
            let offset = try owner.offset(of: gpio.line)
            let place = "\(owner.name) line \(offset)"
            if let index = switchLines.firstIndex(where: { $0.place == place }) {
                switchLines[index].aliases.append(switchSpec.name)
                continue
            }
            let handle = try owner.requestInput(offset: offset, activeLow: gpio.activeLow, bias: gpio.bias, consumer: consumer, purpose: "switch '\(switchSpec.name)'")
            let pressed = try handle.get()
            switchLines.append(GPIOSwitches.Line(
                handle: handle, place: place,
                tracker: SwitchTracker(name: switchSpec.name, debounce: switchSpec.debounce, initiallyPressed: pressed)))
        }
        lights = GPIOLights(lines: lightLines)
        switches = GPIOSwitches(lines: switchLines, clock: clock, stopRequested: stopRequested)
    }
}

/// Lights on GPIO output lines: a line per single-colour light, a line per
/// colour of an RGB pad (a mix such as yellow lights two of them).
public final class GPIOLights: LightOutput {
    /// One coloured output line of a light.
    struct Output {
        let color: String
        let handle: GPIOLineHandle
        let place: String
    }

    /// A light and its output lines.
    struct Light {
        let spec: LightSpec
        let outputs: [Output]
    }

    private typealias Resolved = (name: String, output: Output)
    private let lights: [String: Light]

    init(lines: [Light]) {
        var map: [String: Light] = [:]
        for light in lines { map[light.spec.name] = light }
        lights = map
    }

    /// Sets the named lights: on in their own colour, or off (every colour line).
    /// On the cue thread: nothing but the set calls.
    public func set(_ names: [String], on: Bool) throws {
        try setLines(on ? try resolve(names, colors: [:]) : try resolveAll(names), on: on)
    }

    /// Switches the lights on, timing only the set calls: the names are
    /// looked up first, so the clock readings bracket the kernel calls and
    /// little else (the onset's uncertainty is the calls' own length).
    public func switchOn(_ names: [String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        try switchOn(names, colors: [:], timedBy: clock)
    }

    /// Switches the lights on in the colours given: every line of every
    /// colour of the cue is set inside one timed span (one onset).
    public func switchOn(_ names: [String], colors: [String: String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        let resolved = try resolve(names, colors: colors)
        let start = clock.now()
        try setLines(resolved, on: true)
        return TimedSpan(start: start, end: clock.now())
    }

    private func light(_ name: String) throws -> Light {
        guard let light = lights[name] else { throw StationFault("no light named '\(name)' on this station") }
        return light
    }

    /// The lines that show each light in its colour.
    private func resolve(_ names: [String], colors: [String: String]) throws -> [Resolved] {
        try names.flatMap { name -> [Resolved] in
            let light = try light(name)
            guard let shown = light.spec.outputs(showing: colors[name]) else {
                throw StationFault("light '\(name)' cannot show \(colors[name] ?? light.spec.color): it shows \(light.spec.colors.joined(separator: ", "))")
            }
            return light.outputs.filter { output in shown.contains { $0.color == output.color } }.map { (name, $0) }
        }
    }

    /// Every line of each light (to switch it off whatever colour it showed).
    private func resolveAll(_ names: [String]) throws -> [Resolved] {
        try names.flatMap { name in try light(name).outputs.map { (name, $0) } }
    }

    private func setLines(_ resolved: [Resolved], on: Bool) throws {
        for (name, output) in resolved {
            let code = output.handle.set(on)
            if code != 0 {
                throw StationFault("light '\(name)' (\(output.place)): cannot set it: \(String(cString: strerror(code))); was the GPIO device unplugged?")
            }
        }
    }

    /// Switches every light off (best effort, for shutdown).
    public func allOff() {
        for light in lights.values { for output in light.outputs { _ = output.handle.set(false) } }
    }

    /// The light names.
    public var names: [String] { Array(lights.keys).sorted() }
}

/// Switches on GPIO input lines, reported with the kernel's edge timestamps.
///
/// Waiting uses `PreciseWaiter`: `ppoll` on every line's event descriptor
/// until its adaptive spin margin before the deadline, then a spin on the
/// clock (polling the descriptors without blocking), so a cue deadline is met
/// within microseconds rather than the kernel's timer slack.
public final class GPIOSwitches: SwitchInput {
    struct Line {
        let handle: GPIOLineHandle
        let place: String
        var tracker: SwitchTracker
        /// Other names of the same switch (station aliases): each edge is reported under every name.
        var aliases: [String] = []

        func edges(for edge: SwitchEdge) -> [SwitchEdge] {
            [edge] + aliases.map { SwitchEdge(switchName: $0, kind: edge.kind, timestamp: edge.timestamp, readAt: edge.readAt) }
        }
    }

    private var lines: [Line]
    private var descriptors: [pollfd]
    private let clock: SystemMonotonicClock
    private let stopRequested: @Sendable () -> Bool
    private var pending: [SwitchEdge] = []
    private let events = UnsafeMutablePointer<snapcue_gpio_event>.allocate(capacity: 16)
    /// The deadline wait (ppoll, then spin); its margins can be tuned.
    public var waiter: PreciseWaiter

    init(lines: [Line], clock: SystemMonotonicClock, stopRequested: @escaping @Sendable () -> Bool) {
        self.lines = lines
        self.clock = clock
        self.stopRequested = stopRequested
        waiter = PreciseWaiter(clock: clock)
        descriptors = lines.map { pollfd(fd: $0.handle.eventDescriptor, events: Int16(POLLIN), revents: 0) }
        pending.reserveCapacity(64)
    }

    deinit { events.deallocate() }

    public func pressedSwitches() throws -> Set<String> {
        Set(lines.filter(\.tracker.isPressed).flatMap { [$0.tracker.name] + $0.aliases })
    }

    public func takeQualityFlags() -> [TimingFlag] {
        var flags: [TimingFlag] = []
        for index in lines.indices {
            for flag in lines[index].tracker.takeFlags() where !flags.contains(flag) { flags.append(flag) }
        }
        return flags
    }

    public func waitForEdge(until deadline: MonotonicInstant?) throws -> InputWaitResult {
        while true {
            if !pending.isEmpty { return .edge(pending.removeFirst()) }
            if stopRequested() { return .stopRequested }
            if let resync = try resyncDue(at: clock.now()) { return .edge(resync) }
            let resyncAt = lines.compactMap(\.tracker.resyncDue).min()
            let wake = resyncAt.map { at in deadline.map { min($0, at) } ?? at } ?? deadline
            switch try waiter.wait(until: wake, descriptors: &descriptors) {
            case .deadline where wake == deadline: return .deadline
            case .readable: try readReadyLines()
            case .deadline, .sliceEnded: continue
            }
        }
    }

    /// Reads every line whose descriptor is ready and queues the clean edges, in time order.
    private func readReadyLines() throws {
        let before = pending.count
        for index in descriptors.indices where descriptors[index].revents != 0 {
            let revents = descriptors[index].revents
            descriptors[index].revents = 0
            if revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 && revents & Int16(POLLIN) == 0 {
                throw StationFault("switch '\(lines[index].tracker.name)' (\(lines[index].place)) stopped reporting: was the GPIO device unplugged?")
            }
            let count: Int
            do {
                count = try lines[index].handle.readEvents(into: events, capacity: 16)
            } catch let error as GPIOError {
                throw StationFault("switch '\(lines[index].tracker.name)' (\(lines[index].place)): \(error.operation): \(error.message); was the GPIO device unplugged?")
            }
            let readAt = clock.now()
            for eventIndex in 0..<count {
                let event = events[eventIndex]
                let stamp = MonotonicInstant(nanoseconds: Int64(event.timestamp_ns))
                if var edge = lines[index].tracker.event(at: stamp, reportedActive: event.to_active != 0, sequence: UInt64(event.line_seqno)) {
                    edge.readAt = readAt
                    pending.append(contentsOf: lines[index].edges(for: edge))
                }
            }
        }
        if pending.count - before > 1 { pending.sort { $0.timestamp < $1.timestamp } }
    }

    /// Reads the level of a line in doubt once its debounce window has passed.
    private func resyncDue(at now: MonotonicInstant) throws -> SwitchEdge? {
        for index in lines.indices {
            guard let due = lines[index].tracker.resyncDue, due <= now else { continue }
            let level = try lines[index].handle.get()
            if let edge = lines[index].tracker.resync(level: level, at: now) {
                let all = lines[index].edges(for: edge)
                pending.append(contentsOf: all.dropFirst())
                return all[0]
            }
        }
        return nil
    }
}
