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
        // Aliases share a line: each (chip, offset) is requested once. An RGB pad's colour lines are
        // requested together, so that one call sets its colour.
        var lightLines: [GPIOLights.Light] = []
        var lightByPlace: [String: GPIOLineHandle] = [:]
        var groupByPlaces: [String: GPIOLineGroupHandle] = [:]
        for light in station.lights {
            if light.colorLines.isEmpty {
                guard let gpio = light.gpio else { throw StationFault("light '\(light.name)' has no GPIO line in station '\(station.name)'") }
                let owner = try chip(gpio.chip)
                let offset = try owner.offset(of: gpio.line)
                let place = "\(owner.name) line \(offset)"
                let handle = try lightByPlace[place] ?? owner.requestOutput(
                    offset: offset, activeLow: gpio.activeLow, initiallyOn: false, consumer: consumer, purpose: "light '\(light.name)'")
                lightByPlace[place] = handle
                lightLines.append(GPIOLights.Light(spec: light, drive: .line(handle), places: [place]))
                continue
            }
            // Station parsing checked that an RGB pad's lines share one chip and one 'active' setting.
            guard let first = light.colorLines.first?.gpio, light.colorLines.allSatisfy({ $0.gpio != nil }) else {
                throw StationFault("light '\(light.name)' has a colour without a GPIO line in station '\(station.name)'")
            }
            let owner = try chip(first.chip)
            let offsets = try light.colorLines.map { try owner.offset(of: $0.gpio!.line) }
            let places = offsets.map { "\(owner.name) line \($0)" }
            let key = places.joined(separator: ",")
            let group = try groupByPlaces[key] ?? owner.requestOutputGroup(
                offsets: offsets, activeLow: first.activeLow, consumer: consumer,
                purpose: "light '\(light.name)' (\(light.colorLines.map(\.color).joined(separator: ", ")))")
            groupByPlaces[key] = group
            lightLines.append(GPIOLights.Light(spec: light, drive: .group(group), places: places))
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

/// Lights on GPIO output lines: a line per single-colour light; an RGB pad's
/// colour lines requested together and set in one call (a mix such as yellow
/// sets two of them at once).
public final class GPIOLights: LightOutput {
    /// How a light's lines are driven.
    enum Drive {
        /// A single-colour light's line.
        case line(GPIOLineHandle)
        /// An RGB pad's colour lines, in `LightSpec.colorLines` order.
        case group(GPIOLineGroupHandle)
    }

    /// A light and its lines.
    struct Light {
        let spec: LightSpec
        let drive: Drive
        /// Where each line is (`gpiochip0 line 5`), in the drive's order.
        let places: [String]
    }

    /// One set call, prepared before the timed span: the light and each of its lines' values.
    private typealias SetCall = (light: Light, values: [Int32])
    private let lights: [String: Light]

    init(lines: [Light]) {
        var map: [String: Light] = [:]
        for light in lines { map[light.spec.name] = light }
        lights = map
    }

    /// Sets the named lights: on in their own colour, or off (every colour line).
    /// On the cue thread: nothing but the set calls.
    public func set(_ names: [String], on: Bool) throws {
        let prepared = on ? try calls(names, colors: [:]) : try names.map { name -> SetCall in
            let light = try light(name)
            return (light, Self.values(of: light, shown: []))
        }
        try perform(prepared)
    }

    /// Switches the lights on, timing only the set calls: the names are
    /// looked up first, so the clock readings bracket the kernel calls and
    /// little else (the onset's uncertainty is the calls' own length).
    public func switchOn(_ names: [String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        try switchOn(names, colors: [:], timedBy: clock)
    }

    /// Switches the lights on in the colours given, inside one timed span
    /// (one onset): one set call per light, an RGB pad's lines together.
    public func switchOn(_ names: [String], colors: [String: String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        let prepared = try calls(names, colors: colors)
        let start = clock.now()
        try perform(prepared)
        return TimedSpan(start: start, end: clock.now())
    }

    private func light(_ name: String) throws -> Light {
        guard let light = lights[name] else { throw StationFault("no light named '\(name)' on this station") }
        return light
    }

    /// The set call that shows each light in its colour.
    private func calls(_ names: [String], colors: [String: String]) throws -> [SetCall] {
        try names.map { name in
            let light = try light(name)
            guard let shown = light.spec.outputs(showing: colors[name]) else {
                throw StationFault("light '\(name)' cannot show \(colors[name] ?? light.spec.color): it shows \(light.spec.colors.joined(separator: ", "))")
            }
            return (light, Self.values(of: light, shown: Set(shown.map(\.color))))
        }
    }

    /// Each line's value: on for the colours shown.
    private static func values(of light: Light, shown: Set<String>) -> [Int32] {
        light.spec.outputs.map { shown.contains($0.color) ? 1 : 0 }
    }

    private func perform(_ calls: [SetCall]) throws {
        for (light, values) in calls {
            let code: Int32 = switch light.drive {
            case .line(let handle): handle.set(values[0] == 1)
            case .group(let group): group.set(values)
            }
            if code != 0 {
                throw StationFault(
                    "light '\(light.spec.name)' (\(light.places.joined(separator: ", "))): cannot set it: \(String(cString: strerror(code))); was the GPIO device unplugged?")
            }
        }
    }

    /// Switches every light off (best effort, for shutdown).
    public func allOff() {
        for light in lights.values {
            switch light.drive {
            case .line(let handle): _ = handle.set(false)
            case .group(let group): _ = group.set(Self.values(of: light, shown: []))
            }
        }
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
