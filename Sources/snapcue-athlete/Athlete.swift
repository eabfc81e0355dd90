import DrillCore
import DrillLinux
import Foundation

/// The virtual athlete of the virtual station: a process separate from the
/// drill. It watches light lines on a gpio-sim chip, and after a reaction
/// time it chooses, drives the matching switch line. With `--mistakes` it
/// also makes every kind of mistake on purpose, from a seeded mix. Everything
/// it does is written as truth (one JSON object per line) for the report to
/// compare with what Snapcue measured; with `--floor-line`/`--floor-light` it
/// measures its own latencies (the station's floor) in the same run.
/// With `--cues-active-low` it watches another person's switches instead of
/// lights (it answers a partner's moves), and with `--tap` it presses lines on
/// its own irregular schedule (it plays the partner, or runs through a start gate).
/// Its record file (the truth, or with `--listen` the recording's times) is
/// created just before it starts watching: the guest's scripts wait for it.
@main
struct AthleteCommand {
    static func main() {
        do {
            let options = try AthleteOptions(arguments: Array(CommandLine.arguments.dropFirst()))
            if let device = options.listenDevice {
                let responder = try options.soundTarget.map { try SoundResponder(options: options, target: $0) }
                try Listener(device: device, recordPath: options.recordPath, duration: options.duration, responder: responder).run()
            } else {
                try Athlete(options: options).run()
            }
        } catch let error as AthleteError {
            FileHandle.standardError.write(Data("snapcue-athlete: \(error)\n".utf8))
            exit(2)
        } catch {
            // ArgumentParser's own errors (a bad number, an unknown flag, --help) say it its way.
            AthleteArguments.exit(withError: error)
        }
    }
}

/// A light the athlete watches and the switch it presses for it (nil: a no-go light).
struct WatchedLight {
    var name: String
    var light: SimulatedLine
    var target: (name: String, line: SimulatedLine)?
}

/// What the athlete does when a light comes on, or before the next one.
enum Action: String {
    case normal, anticipation, wrong, miss, withhold, commit
}

struct Athlete {
    let options: AthleteOptions
    let clock = SystemMonotonicClock()

    /// A jumper wire from each light to its switch: the switch follows the
    /// light at once, both ways. Each press it makes is written to the truth
    /// as it happens (the process is usually stopped by a signal), so a
    /// checker can tell a cue the jumper missed (stalled through the light's
    /// whole off time, it never saw the new onset) from an edge Snapcue lost.
    func runJumper() throws {
        let pairs = try options.pairs.map { pair in
            (light: try SimulatedLine(chipDirectory: options.chipDirectory, offset: pair.lightOffset),
             target: try SimulatedLine(chipDirectory: options.chipDirectory, offset: pair.targetOffset))
        }
        let truth = try RecordFile(path: options.truthPath)
        let released = options.activeLow
        for pair in pairs { pair.target.pull(up: released) }
        _ = RealtimeThread.configureCurrentThread(priority: 70)
        var state = pairs.map { _ in false }
        var followed = 0
        let end = clock.now() + .milliseconds(Int64(options.duration * 1000))
        while clock.now() < end {
            for (index, pair) in pairs.enumerated() {
                let on = pair.light.level()
                guard on != state[index] else { continue }
                let write = clock.now()
                pair.target.pull(up: on ? !released : released)
                state[index] = on
                if on {
                    followed += 1
                    truth.record(["kind": "jumper_press", "write_ns": write.nanoseconds])
                }
            }
            clock.sleep(until: clock.now() + .microseconds(20))
        }
        truth.record(["kind": "jumper", "cues_followed": followed])
        try truth.close()
    }

    func run() throws {
        if options.jumper { return try runJumper() }
        let lights = try options.pairs.map { pair in
            WatchedLight(
                name: pair.light, light: try SimulatedLine(chipDirectory: options.chipDirectory, offset: pair.lightOffset),
                target: (pair.target, try SimulatedLine(chipDirectory: options.chipDirectory, offset: pair.targetOffset)))
        } + options.noGoLights.map { light in
            WatchedLight(name: light.name, light: try SimulatedLine(chipDirectory: options.chipDirectory, offset: light.offset), target: nil)
        }
        let targets = lights.compactMap(\.target)
        let taps = try options.taps.map { (name: $0.name, line: try SimulatedLine(chipDirectory: options.chipDirectory, offset: $0.offset)) }
        var tapGenerator = SeededGenerator(seed: options.seed &+ 0x7A9)
        let tapDelay = { (generator: inout SeededGenerator) -> Duration in
            .microseconds(Int64((options.tapEvery.min + (options.tapEvery.max - options.tapEvery.min) * generator.nextUnitInterval()) * 1000))
        }
        let floor = options.floorLine == nil ? nil : try FloorProbe(options: options, clock: clock)
        let truth = try RecordFile(path: options.truthPath)
        let record = truth.record
        let released = options.activeLow
        for target in targets { target.line.pull(up: released) }
        for tap in taps { tap.line.pull(up: released) }
        _ = RealtimeThread.configureCurrentThread(priority: 70)
        var generator = SeededGenerator(seed: options.seed)
        let end = clock.now() + .milliseconds(Int64(options.duration * 1000))
        var wasOn = lights.map { isOn($0) }
        var nextTap = taps.isEmpty ? nil : clock.now() + tapDelay(&tapGenerator)
        var responses = 0
        var held: (name: String, line: SimulatedLine, releaseAt: MonotonicInstant)?
        let floorLight = try floor.map { _ in try SimulatedLine(chipDirectory: options.chipDirectory, offset: options.floorLight ?? 14) }
        var floorWasOn = false
        floor?.startLightDriver(seed: options.seed &+ 1)

        while clock.now() < end {
            if let holding = held, clock.now() >= holding.releaseAt {
                let start = clock.now()
                holding.line.pull(up: released)
                record(["kind": "held_release", "switch": holding.name, "release_write_ns": start.nanoseconds])
                held = nil
            }
            // The floor light, seen through this same polling loop: the athlete's real detection latency.
            if let floorLight {
                let on = floorLight.level()
                if on && !floorWasOn {
                    let seen = clock.now()
                    if let latency = floor?.seen(at: seen) {
                        record(["kind": "floor", "light_detect_ns": latency, "seen_ns": seen.nanoseconds])
                    }
                }
                floorWasOn = on
            }
            if let due = nextTap, clock.now() >= due, held == nil {
                let tap = taps[tapGenerator.nextIndex(below: taps.count)]
                var fields: [String: Any] = ["kind": "tap", "switch": tap.name]
                fields.merge(pressAndRelease(tap.line, at: due, bounce: false, hold: options.tapHold)) { $1 }
                record(fields)
                nextTap = clock.now() + tapDelay(&tapGenerator)
            }
            for (index, watched) in lights.enumerated() {
                let on = isOn(watched)
                defer { wasOn[index] = on }
                guard on, !wasOn[index] else { continue }
                let seen = clock.now()
                floor?.setBusy(true)
                defer { floor?.setBusy(false) }
                var fields: [String: Any] = ["kind": "response", "light": watched.name, "seen_ns": seen.nanoseconds]
                if held != nil {
                    // Holding a pad through this onset: no response.
                    fields["action"] = "held_through"
                    record(fields)
                    continue
                }
                let action = chooseAction(for: watched, using: &generator)
                fields["action"] = action.rawValue
                var press: (name: String, line: SimulatedLine)?
                var reaction = options.reactions[responses % options.reactions.count]
                switch action {
                case .normal: press = watched.target
                case .anticipation:
                    press = watched.target
                    reaction = 30 + 30 * generator.nextUnitInterval()
                case .wrong:
                    let others = targets.filter { $0.name != watched.target?.name }
                    press = others[generator.nextIndex(below: others.count)]
                case .commit: press = targets[generator.nextIndex(below: targets.count)]
                case .miss, .withhold: press = nil
                }
                responses += 1
                if let press {
                    let bounce = options.bounceEvery > 0 && responses % options.bounceEvery == 0 && action == .normal
                    let times = pressAndRelease(press.line, at: seen + .microseconds(Int64(reaction * 1000)), bounce: bounce)
                    fields.merge(times) { $1 }
                    fields["switch"] = press.name
                    fields["bounce"] = bounce
                    fields["intended_rt_ms"] = reaction
                }
                record(fields)
                let lightOff = waitUntilOff(watched)
                if options.mistakes, let decided = preCueMistake(after: lightOff, targets: targets, using: &generator, released: released) {
                    record(decided.fields)
                    if let line = decided.held { held = (line.name, line.line, clock.now() + .milliseconds(1200)) }
                }
                if let floor { record(floor.measureWriteToEdge()) }
            }
            clock.sleep(until: clock.now() + .microseconds(20))
        }
        if let holding = held { holding.line.pull(up: released) }
        floor?.stop()
        try truth.close()
    }

    /// The seeded mix of mistakes (all `normal` without `--mistakes`).
    func chooseAction(for watched: WatchedLight, using generator: inout SeededGenerator) -> Action {
        guard options.mistakes else { return watched.target == nil ? .withhold : .normal }
        let roll = generator.nextUnitInterval()
        if watched.target == nil { return roll < 0.3 ? .commit : .withhold }
        switch roll {
        case ..<0.06: return .anticipation
        case ..<0.12: return .miss
        case ..<0.20: return .wrong
        default: return .normal
        }
    }

    /// Sometimes, before the next cue: a false start in the next foreperiod,
    /// or a pad pressed in the pause and held (1.2 s) through the next onset(s).
    func preCueMistake(
        after lightOff: MonotonicInstant, targets: [(name: String, line: SimulatedLine)], using generator: inout SeededGenerator,
        released: Bool
    ) -> (fields: [String: Any], held: (name: String, line: SimulatedLine)?)? {
        let roll = generator.nextUnitInterval()
        let target = targets[generator.nextIndex(below: targets.count)]
        if roll < 0.07 {
            // The pause (intertrial) is options.pause; the foreperiod is at least options.minForeperiod.
            let delay = options.pause + 60 + (options.minForeperiod - 150) * generator.nextUnitInterval()
            var fields: [String: Any] = ["kind": "false_start", "switch": target.name]
            fields.merge(pressAndRelease(target.line, at: lightOff + .microseconds(Int64(delay * 1000)), bounce: false)) { $1 }
            return (fields, nil)
        }
        if roll < 0.11 {
            clock.sleep(until: lightOff + .microseconds(Int64(options.pause * 400)))
            let start = clock.now()
            target.line.pull(up: !released)
            return (["kind": "held", "switch": target.name, "press_write_start_ns": start.nanoseconds], target)
        }
        return nil
    }

    /// Whether the watched line is on: a light's level, or with `--cues-active-low` a switch pressed (low).
    func isOn(_ watched: WatchedLight) -> Bool { watched.light.level() != options.cuesActiveLow }

    /// Presses at `instant` (optionally with contact bounce), holds (`hold` ms, or `--hold`), releases;
    /// returns the write times.
    func pressAndRelease(_ line: SimulatedLine, at instant: MonotonicInstant, bounce: Bool, hold: Double? = nil) -> [String: Any] {
        let released = options.activeLow
        if instant > clock.now() { clock.sleep(until: instant) }
        let writeStart = clock.now()
        line.pull(up: !released)
        let writeEnd = clock.now()
        var burstEnd = writeEnd
        if bounce {
            let gap = Duration.microseconds(Int64(options.bounceGap * 1000))
            clock.sleep(until: writeEnd + gap)
            line.pull(up: released)
            clock.sleep(until: clock.now() + gap)
            line.pull(up: !released)
            burstEnd = clock.now()
        }
        clock.sleep(until: clock.now() + .microseconds(Int64((hold ?? options.hold) * 1000)))
        line.pull(up: released)
        return ["press_write_start_ns": writeStart.nanoseconds, "press_write_end_ns": writeEnd.nanoseconds, "burst_end_ns": burstEnd.nanoseconds]
    }

    /// Waits (up to 3 s) for the light to go off; returns when it was seen off.
    @discardableResult
    func waitUntilOff(_ watched: WatchedLight) -> MonotonicInstant {
        let giveUp = clock.now() + .seconds(3)
        while isOn(watched) && clock.now() < giveUp { clock.sleep(until: clock.now() + .microseconds(20)) }
        return clock.now()
    }
}
