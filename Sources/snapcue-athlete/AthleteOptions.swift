/// The athlete's command line.
///
/// `--chip DIR --pair LIGHT:OFFSET=SWITCH:OFFSET ... [--nogo-light LIGHT:OFFSET ...]
///  --reaction MS[,MS...] --hold MS [--active-high] [--bounce-every N --bounce-gap MS]
///  [--mistakes --pause MS --min-foreperiod MS] [--chip-label LABEL --floor-line N --floor-light N] [--jumper]
///  --duration S --truth FILE --seed N`, or `--listen DEVICE --record FILE --duration S` (the athlete's ears),
///  with `--chip DIR --respond SWITCH:OFFSET --reaction MS[,MS...] --hold MS --truth FILE` also responding to sounds
struct AthleteOptions {
    var chipDirectory = ""
    var chipLabel = "snapcue"
    var pairs: [(light: String, lightOffset: Int, target: String, targetOffset: Int)] = []
    var noGoLights: [(name: String, offset: Int)] = []
    /// Reaction times to use in turn (ms); 0 = the zero-delay jumper.
    var reactions: [Double] = [250]
    /// Switch contacts are active low (press = pull-down).
    var activeLow = true
    /// Hold each press this long (ms).
    var hold: Double = 80
    /// Every Nth normal response bounces (0 = never): down, up, down, `bounceGap` apart.
    var bounceEvery = 0
    var bounceGap: Double = 1.5
    /// Make mistakes on purpose, from a seeded mix.
    var mistakes = false
    /// Be a jumper wire: each target follows its light, at once (for `snapcue calibrate`).
    var jumper = false
    /// The drill's pause after a decided trial, and its shortest foreperiod (ms): false starts land between.
    var pause: Double = 200
    var minForeperiod: Double = 500
    /// Spare lines for measuring the floor (write → edge, light detection).
    var floorLine: Int?
    var floorLight: Int?
    /// Record this capture device (the loopback's other side) to `recordPath` instead of watching lights.
    var listenDevice: String?
    var recordPath = "capture.raw"
    /// With `--listen`: the switch to press for every sound cue heard.
    var soundTarget: (name: String, offset: Int)?
    var duration: Double = 60
    var truthPath = "truth.jsonl"
    var seed: UInt64 = 1

    init(arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw AthleteError("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        func named(_ text: String) throws -> (String, Int) {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let offset = Int(parts[1]) else { throw AthleteError("expected NAME:OFFSET, got \(text)") }
            return (String(parts[0]), offset)
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--chip": chipDirectory = try value()
            case "--chip-label": chipLabel = try value()
            case "--pair":
                let sides = try value().split(separator: "=").map(String.init)
                guard sides.count == 2 else { throw AthleteError("--pair takes LIGHT:OFFSET=SWITCH:OFFSET") }
                let light = try named(sides[0]), target = try named(sides[1])
                pairs.append((light.0, light.1, target.0, target.1))
            case "--nogo-light":
                let light = try named(try value())
                noGoLights.append((light.0, light.1))
            case "--reaction": reactions = try value().split(separator: ",").compactMap { Double($0) }
            case "--hold": hold = Double(try value()) ?? hold
            case "--active-high": activeLow = false
            case "--bounce-every": bounceEvery = Int(try value()) ?? 0
            case "--bounce-gap": bounceGap = Double(try value()) ?? bounceGap
            case "--mistakes": mistakes = true
            case "--jumper": jumper = true
            case "--pause": pause = Double(try value()) ?? pause
            case "--min-foreperiod": minForeperiod = Double(try value()) ?? minForeperiod
            case "--floor-line": floorLine = Int(try value())
            case "--floor-light": floorLight = Int(try value())
            case "--listen": listenDevice = try value()
            case "--record": recordPath = try value()
            case "--respond":
                let target = try named(try value())
                soundTarget = (target.0, target.1)
            case "--duration": duration = Double(try value()) ?? duration
            case "--truth": truthPath = try value()
            case "--seed": seed = UInt64(try value()) ?? seed
            default: throw AthleteError("unknown option \(arguments[index])")
            }
            index += 1
        }
        if listenDevice != nil {
            guard soundTarget == nil || !chipDirectory.isEmpty else { throw AthleteError("--respond needs --chip") }
            return
        }
        guard !chipDirectory.isEmpty, !pairs.isEmpty else { throw AthleteError("--chip and at least one --pair are required") }
        guard !reactions.isEmpty else { throw AthleteError("--reaction needs at least one value") }
    }
}
