import DrillCore
import DrillLinux
import Foundation

/// The virtual athlete of the virtual station: a process separate from the
/// drill. It watches light lines on a gpio-sim chip, and after a reaction
/// time it chooses, drives the matching switch line. Everything it does is
/// written as truth (one JSON object per line) for the report to compare
/// with what Snapcue measured.
@main
struct AthleteCommand {
    static func main() {
        do {
            let options = try AthleteOptions(arguments: Array(CommandLine.arguments.dropFirst()))
            try Athlete(options: options).run()
        } catch {
            FileHandle.standardError.write(Data("snapcue-athlete: \(error)\n".utf8))
            exit(2)
        }
    }
}

/// One response pair: a light and the switch the athlete presses when it comes on.
struct Pairing {
    var light: SimulatedLine
    var lightName: String
    var target: SimulatedLine
    var targetName: String
}

struct AthleteOptions {
    var chipDirectory = ""
    var pairs: [(light: String, lightOffset: Int, target: String, targetOffset: Int)] = []
    /// Reaction times to use in turn (ms); 0 = the zero-delay jumper.
    var reactions: [Double] = [250]
    /// Switch contacts are active low (press = pull-down).
    var activeLow = true
    /// Hold each press this long.
    var hold: Double = 80
    /// Every Nth response bounces (0 = never): down, up, down with `bounceGap` spacing.
    var bounceEvery = 0
    var bounceGap: Double = 1.5
    var duration: Double = 60
    var truthPath = "truth.jsonl"
    var seed: UInt64 = 1

    /// `--chip DIR --pair LIGHT:OFFSET=SWITCH:OFFSET ... --reaction MS[,MS...] --hold MS --active-high
    ///  --bounce-every N --duration S --truth FILE`
    init(arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw AthleteError("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--chip": chipDirectory = try value()
            case "--pair":
                let text = try value()
                let sides = text.split(separator: "=").map { $0.split(separator: ":") }
                guard sides.count == 2, sides.allSatisfy({ $0.count == 2 }), let lightOffset = Int(sides[0][1]), let targetOffset = Int(sides[1][1]) else {
                    throw AthleteError("--pair takes LIGHT:OFFSET=SWITCH:OFFSET, got \(text)")
                }
                pairs.append((String(sides[0][0]), lightOffset, String(sides[1][0]), targetOffset))
            case "--reaction": reactions = try value().split(separator: ",").compactMap { Double($0) }
            case "--hold": hold = Double(try value()) ?? hold
            case "--active-high": activeLow = false
            case "--bounce-every": bounceEvery = Int(try value()) ?? 0
            case "--bounce-gap": bounceGap = Double(try value()) ?? bounceGap
            case "--duration": duration = Double(try value()) ?? duration
            case "--truth": truthPath = try value()
            case "--seed": seed = UInt64(try value()) ?? seed
            default: throw AthleteError("unknown option \(arguments[index])")
            }
            index += 1
        }
        guard !chipDirectory.isEmpty, !pairs.isEmpty else { throw AthleteError("--chip and at least one --pair are required") }
    }
}

/// Watches the lights and responds.
struct Athlete {
    let options: AthleteOptions
    let clock = SystemMonotonicClock()

    func run() throws {
        let pairs = try options.pairs.map { pair in
            Pairing(
                light: try SimulatedLine(chipDirectory: options.chipDirectory, offset: pair.lightOffset), lightName: pair.light,
                target: try SimulatedLine(chipDirectory: options.chipDirectory, offset: pair.targetOffset), targetName: pair.target)
        }
        _ = FileManager.default.createFile(atPath: options.truthPath, contents: nil)
        guard let truth = FileHandle(forWritingAtPath: options.truthPath) else { throw AthleteError("cannot write \(options.truthPath)") }
        let released = options.activeLow
        for pair in pairs { pair.target.pull(up: released) }
        _ = RealtimeThread.configureCurrentThread(priority: 70)
        let end = clock.now() + .milliseconds(Int64(options.duration * 1000))
        var wasOn = pairs.map { $0.light.level() }
        var responses = 0
        while clock.now() < end {
            for (index, pair) in pairs.enumerated() {
                let on = pair.light.level()
                defer { wasOn[index] = on }
                guard on, !wasOn[index] else { continue }
                let seen = clock.now()
                let reaction = options.reactions[responses % options.reactions.count]
                let bounce = options.bounceEvery > 0 && (responses + 1) % options.bounceEvery == 0
                responses += 1
                let pressAt = seen + .microseconds(Int64(reaction * 1000))
                if pressAt > clock.now() { clock.sleep(until: pressAt) }
                let writeStart = clock.now()
                pair.target.pull(up: !released)
                let writeEnd = clock.now()
                var burstEnd = writeEnd
                if bounce {
                    let gap = Duration.microseconds(Int64(options.bounceGap * 1000))
                    clock.sleep(until: writeEnd + gap)
                    pair.target.pull(up: released)
                    clock.sleep(until: clock.now() + gap)
                    pair.target.pull(up: !released)
                    burstEnd = clock.now()
                }
                clock.sleep(until: clock.now() + .microseconds(Int64(options.hold * 1000)))
                pair.target.pull(up: released)
                let record = """
                    {"light":"\(pair.lightName)","switch":"\(pair.targetName)","seen_ns":\(seen.nanoseconds),"press_write_start_ns":\(writeStart.nanoseconds),"press_write_end_ns":\(writeEnd.nanoseconds),"intended_rt_ms":\(reaction),"bounce":\(bounce),"burst_end_ns":\(burstEnd.nanoseconds)}

                    """
                truth.write(Data(record.utf8))
                // Wait for the light to go off before watching this pair again (until-response cues).
                let giveUp = clock.now() + .seconds(2)
                while pair.light.level() && clock.now() < giveUp { clock.sleep(until: clock.now() + .microseconds(20)) }
                wasOn[index] = pair.light.level()
            }
            clock.sleep(until: clock.now() + .microseconds(20))
        }
        try truth.close()
    }
}
