import ArgumentParser

/// The athlete's command line.
///
/// `--chip DIR --pair LIGHT:OFFSET=SWITCH:OFFSET ... [--nogo-light LIGHT:OFFSET ...]
///  --reaction MS[,MS...] --hold MS [--active-high] [--bounce-every N --bounce-gap MS]
///  [--mistakes --pause MS --min-foreperiod MS] [--chip-label LABEL --floor-line N --floor-light N] [--jumper]
///  [--cues-active-low] [--tap NAME:OFFSET ... --tap-every MIN,MAX --tap-hold MS]
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
    /// The watched lines are another person's switches (pressed when low), not lights: a partner's pads.
    var cuesActiveLow = false
    /// Lines this person presses on their own schedule (a partner's moves, an athlete's runs through the
    /// start gate): one of them, drawn, every `tapEvery` ms (uniform between the two), held `tapHold` ms.
    var taps: [(name: String, offset: Int)] = []
    var tapEvery: (min: Double, max: Double) = (1500, 3000)
    var tapHold: Double = 100
    var duration: Double = 60
    var truthPath = "truth.jsonl"
    var seed: UInt64 = 1

    /// The options of `arguments`; a bad number or a missing option is an error, never a default kept.
    init(arguments: [String]) throws {
        let parsed = try AthleteArguments.parse(arguments)
        chipDirectory = parsed.chip ?? ""
        chipLabel = parsed.chipLabel
        pairs = try parsed.pair.map { text in
            let sides = text.split(separator: "=").map(String.init)
            guard sides.count == 2 else { throw AthleteError("--pair takes LIGHT:OFFSET=SWITCH:OFFSET, not \(text)") }
            let light = try Self.named(sides[0], option: "--pair"), target = try Self.named(sides[1], option: "--pair")
            return (light.0, light.1, target.0, target.1)
        }
        noGoLights = try parsed.nogoLight.map { try Self.named($0, option: "--nogo-light") }.map { ($0.0, $0.1) }
        if let text = parsed.reaction {
            reactions = try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
                guard let value = Double(item), value >= 0 else { throw AthleteError("--reaction takes MS[,MS...] (0 or more), not \(text)") }
                return value
            }
        }
        hold = parsed.hold
        activeLow = !parsed.activeHigh
        bounceEvery = parsed.bounceEvery
        bounceGap = parsed.bounceGap
        mistakes = parsed.mistakes
        jumper = parsed.jumper
        pause = parsed.pause
        minForeperiod = parsed.minForeperiod
        floorLine = parsed.floorLine
        floorLight = parsed.floorLight
        listenDevice = parsed.listen
        recordPath = parsed.record
        soundTarget = try parsed.respond.map { try Self.named($0, option: "--respond") }.map { ($0.0, $0.1) }
        cuesActiveLow = parsed.cuesActiveLow
        taps = try parsed.tap.map { try Self.named($0, option: "--tap") }.map { ($0.0, $0.1) }
        if let text = parsed.tapEvery {
            let values = text.split(separator: ",").compactMap { Double($0) }
            guard values.count == 2, values[0] > 0, values[0] <= values[1] else { throw AthleteError("--tap-every takes MIN,MAX in ms (0 < MIN ≤ MAX), not \(text)") }
            tapEvery = (values[0], values[1])
        }
        tapHold = parsed.tapHold
        duration = parsed.duration
        truthPath = parsed.truth
        seed = parsed.seed
        if listenDevice != nil {
            guard soundTarget == nil || !chipDirectory.isEmpty else { throw AthleteError("--respond needs --chip") }
            return
        }
        guard !chipDirectory.isEmpty, !pairs.isEmpty || !taps.isEmpty else { throw AthleteError("--chip and at least one --pair or --tap are required") }
    }

    private static func named(_ text: String, option: String) throws -> (String, Int) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let offset = Int(parts[1]), offset >= 0 else { throw AthleteError("\(option) takes NAME:OFFSET, not \(text)") }
        return (String(parts[0]), offset)
    }
}

/// The athlete's flags, as ArgumentParser reads them (names as the guest's scripts pass them).
struct AthleteArguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapcue-athlete", abstract: "The virtual station's athlete: watches gpio-sim lights and presses switches.")

    @Option(help: "The gpio-sim chip's folder in sysfs.") var chip: String?
    @Option(help: "The chip's label.") var chipLabel = "snapcue"
    @Option(help: "LIGHT:OFFSET=SWITCH:OFFSET: press SWITCH when LIGHT comes on (repeatable).") var pair: [String] = []
    @Option(help: "LIGHT:OFFSET: a no-go light, to withhold (repeatable).") var nogoLight: [String] = []
    @Option(help: "Reaction times in ms, used in turn (0 = the zero-delay jumper).") var reaction: String?
    @Option(help: "Hold each press this long (ms).") var hold: Double = 80
    @Flag(help: "Switch contacts are active high.") var activeHigh = false
    @Option(help: "Every Nth response bounces (0 = never).") var bounceEvery = 0
    @Option(help: "The bounce's gap (ms).") var bounceGap: Double = 1.5
    @Flag(help: "Make mistakes on purpose, from a seeded mix.") var mistakes = false
    @Flag(help: "Be a jumper wire: each target follows its light at once.") var jumper = false
    @Option(help: "The drill's pause after a decided trial (ms).") var pause: Double = 200
    @Option(help: "The drill's shortest foreperiod (ms).") var minForeperiod: Double = 500
    @Option(help: "A spare line for measuring the floor (write → edge).") var floorLine: Int?
    @Option(help: "A spare light line for measuring light detection.") var floorLight: Int?
    @Option(help: "Record this capture device instead of watching lights.") var listen: String?
    @Option(help: "Where --listen writes the recording.") var record = "capture.raw"
    @Option(help: "SWITCH:OFFSET: with --listen, press it for every sound cue heard.") var respond: String?
    @Flag(help: "The watched lines are another person's switches, pressed when low (a partner's pads), not lights.") var cuesActiveLow = false
    @Option(help: "NAME:OFFSET: a line this person presses on their own schedule (repeatable; one is drawn each time).") var tap: [String] = []
    @Option(help: "MIN,MAX: a tap every MIN to MAX ms (uniform).") var tapEvery: String?
    @Option(help: "Hold each tap this long (ms).") var tapHold: Double = 100
    @Option(help: "How long to run (s).") var duration: Double = 60
    @Option(help: "Where the truth goes (JSON lines).") var truth = "truth.jsonl"
    @Option(help: "Seed of the mistakes.") var seed: UInt64 = 1

    func validate() throws {
        for (name, value) in [("--hold", hold), ("--bounce-gap", bounceGap), ("--pause", pause), ("--min-foreperiod", minForeperiod), ("--tap-hold", tapHold)] where value < 0 {
            throw ValidationError("\(name) must be 0 or more, not \(value)")
        }
        guard duration > 0 else { throw ValidationError("--duration must be more than 0 s, not \(duration)") }
        guard bounceEvery >= 0 else { throw ValidationError("--bounce-every must be 0 or more, not \(bounceEvery)") }
    }
}
