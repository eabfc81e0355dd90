import Foundation

/// Limits that keep a profile sane; values outside them are almost always typos.
public enum ProfileLimits {
    public static let trialsPerSet = 1...10_000
    public static let sets = 1...100
    public static let blocks = 1...100
    public static let cues = 1...64
    public static let totalTrials = 100_000
    public static let foreperiod = Duration.milliseconds(1)...Duration.seconds(600)
    public static let timeout = Duration.milliseconds(50)...Duration.seconds(600)
    public static let anticipation = Duration.milliseconds(1)...Duration.seconds(10)
    public static let cueDuration = Duration.milliseconds(1)...Duration.seconds(600)
    public static let intertrial = Duration.milliseconds(1)...Duration.seconds(600)
    public static let rest = Duration.seconds(1)...Duration.seconds(3600)
    public static let setDuration = Duration.seconds(1)...Duration.seconds(3600)
    public static let lapse = Duration.milliseconds(100)...Duration.seconds(10)
    public static let maxRepeats = 1...100
    public static let hitsPerSet = 1...1_000
    public static let gap = Duration.zero...Duration.seconds(60)
    /// A `hits: N` set with no `duration` ends at this cap if the Nth hit never comes.
    public static let defaultHitsCap = Duration.seconds(300)
    /// The delay between the athlete's start-gate crossing and the cue (0 allowed).
    public static let triggerDelay = Duration.zero...Duration.seconds(60)
    /// How long a partner drill waits for the partner to move.
    public static let partnerWait = Duration.seconds(1)...Duration.seconds(3600)
}

extension Profile {
    /// Reads a profile from YAML or JSON text, validating every field and
    /// cross-reference. `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws -> Profile {
        try ProfileParser(root: ConfigNode.parse(text, file: file)).profile()
    }

    /// Reads and validates a profile file.
    public static func load(path: String) throws -> Profile {
        try parse(ConfigFile.read(path), file: path)
    }
}

/// Reading a config file with an error a user can act on.
public enum ConfigFile {
    /// What a file is, for the advice an error gives.
    public enum Kind: Sendable {
        case profile, station

        var name: String { self == .profile ? "profile" : "station file" }
        var whereReadyOnesAre: String { self == .profile ? "ready profiles are in Profiles/" : "ready station files are in Hardware/stations/" }
    }

    /// The largest file read: a drill or a station is a short text.
    public static let maximumBytes = 1_000_000

    /// The file's text, or a `ConfigError` (located at `FILE:LINE:COL` where the
    /// problem has a place) that says why it cannot be read.
    public static func read(_ path: String, kind: Kind = .profile) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ConfigError(file: path, field: "", problem: "no such file", fix: "check the path; \(kind.whereReadyOnesAre)")
        }
        guard !isFolder.boolValue else {
            throw ConfigError(file: path, field: "", problem: "this is a folder, not a \(kind.name)", fix: "name a .yaml file; \(kind.whereReadyOnesAre)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, field: "", problem: "cannot read the file", fix: "check its permissions (ls -l \(path))")
        }
        guard data.count <= maximumBytes else {
            throw ConfigError(
                file: path, line: 1, column: 1, field: "", problem: "the file is \(data.count) bytes; the limit is 1 MB",
                fix: "a \(kind.name) is a short text file: check that this is the right file")
        }
        return try text(of: [UInt8](data), file: path)
    }

    /// `bytes` as UTF-8 text, or an error at the line and column of the first byte that is not UTF-8.
    public static func text(of bytes: [UInt8], file: String) throws -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            guard length > 0 else { break }
            if bytes[index] == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        throw ConfigError(
            file: file, line: line, column: column, field: "",
            problem: String(format: "the file is not UTF-8 text (byte 0x%02X)", index < bytes.count ? bytes[index] : 0),
            fix: "save it as UTF-8 (iconv -f latin1 -t utf-8, or your editor's 'save with encoding')")
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        let length = first < 0x80 ? 1 : first >= 0xC2 && first < 0xE0 ? 2 : first >= 0xE0 && first < 0xF0 ? 3 : first >= 0xF0 && first < 0xF5 ? 4 : 0
        guard length > 0, index + length <= bytes.count else { return 0 }
        let slice = Array(bytes[index..<index + length])
        return String(validating: slice, as: UTF8.self) == nil ? 0 : length
    }
}

struct ProfileParser {
    let root: ConfigNode

    static let topKeys = [
        "name", "version", "title", "description", "sides", "mode", "home", "movement_timeout",
        "start_gate", "decision_gates", "planned", "partner", "lapse", "cues", "defaults", "blocks", "score",
    ]
    static let ruleKeys = [
        "foreperiod", "timeout", "anticipation", "cue_duration", "intertrial", "order", "max_repeats",
        "nogo_probability", "catch_probability", "rapid_fire", "odd_split",
    ]
    static let blockKeys = ["name", "trials", "duration", "hits", "sets", "rest", "rest_after", "cues"] + ruleKeys

    static let builtInRules = TrialRules.builtIn

    func profile() throws -> Profile {
        let top = try root.mapping(allowed: Self.topKeys)
        let name = try top.required("name").name()
        let version = try top.required("version", fix: "add 'version: 1' and raise it whenever the drill changes").int(in: 1...1_000_000)
        let title = try top.optional("title")?.string() ?? name
        let description = try top.optional("description")?.string()
        let lapse = try top.optional("lapse")?.duration(in: ProfileLimits.lapse) ?? .milliseconds(500)

        let sides = try parseSides(top.optional("sides"))
        let mode = try parseMode(top, sides: sides)
        let cueNodes: ConfigNode
        let cues: [ParsedCue]
        let partner: PartnerCues?
        if let partnerNode = top.optional("partner") {
            if let cuesNode = top.optional("cues") {
                throw cuesNode.error("a partner drill's cues are the partner's moves", fix: "remove 'cues' and map the partner's switches to targets under 'partner: map'")
            }
            (partner, cues) = try parsePartner(partnerNode, sides: sides, mode: mode)
            cueNodes = partnerNode
        } else {
            cueNodes = try top.required("cues", fix: "define the drill's cues, e.g. 'cues: {go: {light: pad, expect: pad}}'")
            cues = try parseCues(cueNodes, sides: sides, mode: mode)
            partner = nil
        }
        let context = RuleContext(partner: partner != nil, foreperiodRange: mode.gateRun == nil ? ProfileLimits.foreperiod : ProfileLimits.triggerDelay)
        let defaults = try parseRules(top.optional("defaults").map { try $0.mapping(allowed: Self.ruleKeys) }, inherited: Self.builtInRules, context: context)
        let blocks = try parseBlocks(top.required("blocks"), cues: cues, defaults: defaults, sides: sides, context: context)

        let score = try top.optional("score").map { try parseScore($0, sides: sides, mode: mode, blocks: blocks) } ?? .medianReactionTime

        let profile = Profile(
            name: name, version: version, title: title, description: description, sides: sides,
            mode: mode, lapseThreshold: lapse, cues: cues.map(\.cue), blocks: blocks, score: score, partner: partner)
        try checkSplitPads(profile, at: cueNodes)
        try checkGateRun(profile, top: top)
        return profile
    }

    func parseSides(_ node: ConfigNode?) throws -> [String] {
        guard let node else { return [Profile.soloSide] }
        let names = try node.list().map { try $0.name() }
        guard (1...2).contains(names.count) else {
            throw node.error("\(names.count) sides listed", fix: "list one side, or two for a head-to-head drill (e.g. [left, right])")
        }
        guard Set(names).count == names.count else { throw node.error("side names must differ") }
        return names
    }

    func parseMode(_ top: ConfigMapping, sides: [String]) throws -> ResponseMode {
        let modeName = try top.optional("mode")?.choice(["press", "home_release", "gate_run"]) ?? "press"
        let keysOfMode = ["home_release": ["home", "movement_timeout"], "gate_run": ["start_gate", "decision_gates", "planned", "movement_timeout"]]
        for (otherMode, keys) in keysOfMode.sorted(by: { $0.key < $1.key }) where otherMode != modeName {
            for key in keys where top.has(key) && !(keysOfMode[modeName]?.contains(key) ?? false) {
                throw top.optional(key)!.error("'\(key)' only applies with 'mode: \(otherMode)'", fix: "remove it, or set 'mode: \(otherMode)'")
            }
        }
        if modeName == "press" { return .press }
        if sides.count > 1, let modeNode = top.optional("mode") {
            throw modeNode.error(
                modeName == "gate_run" ? "a gate run is for one athlete" : "home-switch release is for one athlete",
                fix: "remove 'sides' or use 'mode: press'")
        }
        if modeName == "gate_run" { return try parseGateRun(top) }
        let home = try top.required("home", fix: "name the switch the athlete holds, e.g. 'home: home'").name()
        let movementTimeout = try top.optional("movement_timeout")?.duration(in: ProfileLimits.timeout) ?? .seconds(2)
        return .homeRelease(home: home, movementTimeout: movementTimeout)
    }

    struct ParsedCue {
        let cue: Cue
        let node: ConfigNode
    }

    func parseCues(_ node: ConfigNode, sides: [String], mode: ResponseMode) throws -> [ParsedCue] {
        let entries = try node.namedEntries()
        guard ProfileLimits.cues.contains(entries.count) else {
            throw node.error("\(entries.count) cues defined", fix: "define 1 to \(ProfileLimits.cues.upperBound) cues")
        }
        return try entries.map { name, cueNode in
            let fields = try cueNode.mapping(allowed: ["light", "sound", "modality", "expect", "nogo", "weight"])
            let (lights, lightColors) = try parseCueLights(fields.optional("light"))
            let sound = try fields.optional("sound")?.name()
            guard !lights.isEmpty || sound != nil else {
                throw cueNode.error("cue '\(name)' has neither a light nor a sound", fix: "add 'light: NAME' and/or 'sound: NAME'")
            }
            let modality = try parseModality(fields, lights: lights, sound: sound)
            let isNoGo = try fields.optional("nogo")?.bool() ?? false
            let weight = try fields.optional("weight")?.int(in: 1...1000) ?? 1
            var expectsAll = false
            if let expectNode = fields.optional("expect"), (try? expectNode.scalarText()) == "all" {
                try checkExpectAll(expectNode, lights: lights, modality: modality, isNoGo: isNoGo, sides: sides, mode: mode)
                expectsAll = true
            }
            let expected = expectsAll ? [:] : try parseExpected(fields, cueName: name, isNoGo: isNoGo, sides: sides, at: cueNode)
            if sides.count == 1, lights.count > 1, !isNoGo, let target = expected[sides[0]], !lights.contains(target) {
                throw (fields.optional("expect") ?? cueNode).error(
                    "cue '\(name)' lights \(lights.count) pads but its target '\(target)' is not one of them",
                    fix: "with several lights, the target is one of the lit pads and the others are distractors: add '\(target)' to 'light', or use 'expect: all' to make every lit pad a target")
            }
            if case .homeRelease(let home, _) = mode, let target = expected.values.first(where: { $0 == home }) {
                throw (fields.optional("expect") ?? cueNode).error(
                    "the target '\(target)' is the home switch", fix: "targets must be other switches than the home switch")
            }
            let cue = Cue(
                name: name, lights: lights, sound: sound, modality: modality, expected: expected,
                isNoGo: isNoGo, weight: weight, expectsAllLit: expectsAll, lightColors: lightColors)
            return ParsedCue(cue: cue, node: cueNode)
        }
    }

    /// `light: pad`, `light: [pad1, pad2]`, or with a colour per light `light: {pad1: green, pad3: red}`.
    func parseCueLights(_ node: ConfigNode?) throws -> (lights: [String], colors: [String: String]) {
        guard let node else { return ([], [:]) }
        if case .scalar = node.node { return ([try node.name()], [:]) }
        if let items = try? node.list() { return (try items.map { try $0.name() }, [:]) }
        var lights: [String] = [], colors: [String: String] = [:]
        for (light, colorNode) in try node.namedEntries() {
            lights.append(light)
            colors[light] = try colorNode.choice(LightSpec.knownColors)
        }
        guard !lights.isEmpty else { throw node.error("the cue lights nothing", fix: "write e.g. 'light: {pad1: green}'") }
        return (lights, colors)
    }

    /// `expect: all`: one athlete, a go cue, shown with its lights.
    func checkExpectAll(_ node: ConfigNode, lights: [String], modality: Modality, isNoGo: Bool, sides: [String], mode: ResponseMode) throws {
        if isNoGo { throw node.error("a no-go cue has no switch to press", fix: "remove 'expect' or 'nogo: true'") }
        if sides.count > 1 {
            throw node.error("'expect: all' is for one athlete", fix: "give each side its switch: {\(sides.map { "\($0): SWITCH" }.joined(separator: ", "))}")
        }
        if lights.isEmpty { throw node.error("'expect: all' hits every lit pad, but the cue lights none", fix: "add 'light: [PAD, PAD]'") }
        if modality == .sound || modality == .random {
            throw node.error("'expect: all' needs the lights shown on every trial", fix: "use 'modality: light' or 'both'")
        }
        if case .homeRelease = mode {
            throw node.error("'expect: all' does not combine with 'mode: home_release'", fix: "use 'mode: press', or one target per cue")
        }
    }

    func parseScore(_ node: ConfigNode, sides: [String], mode: ResponseMode, blocks: [Block]) throws -> DrillScore {
        let score: DrillScore
        if case .scalar = node.node {
            let name = try node.choice(["median_rt", "hits", "time_to_hits", "accuracy", "wins", "best_sum", "total_time", "best_each_way"])
            guard name != "best_sum" else {
                throw node.error("'best_sum' needs the number of reaction times to add", fix: "write 'score: {best_sum: 32}'")
            }
            if name == "time_to_hits" {
                guard let count = blocks.lazy.compactMap({ if case .hits(let count, _) = $0.length { count } else { nil } }).first else {
                    throw node.error("'score: time_to_hits' times the sets that end at N hits, but no block has 'hits'", fix: "add e.g. 'hits: 20' to a block")
                }
                return .timeToHits(count: count)
            }
            score = DrillScore(storedName: name)!
        } else {
            let fields = try node.mapping(allowed: ["best_sum"])
            score = .bestSum(count: try fields.required("best_sum").int(in: 1...10_000))
        }
        let timed = blocks.contains { if case .duration = $0.length { true } else { false } }
        switch score {
        case .hits where !timed:
            throw node.error("'score: hits' counts hits in a timed set, but no block has 'duration'", fix: "add e.g. 'duration: 30s' to a block, or choose another score")
        case let gateScore where gateScore.timesGateRuns && mode.gateRun == nil:
            throw node.error("'score: \(gateScore.key)' times runs from a start gate, but the drill is not a gate run", fix: "set 'mode: gate_run' with a 'start_gate', or choose another score")
        case .wins where sides.count < 2:
            throw node.error("'score: wins' is for head-to-head drills", fix: "add 'sides: [left, right]', or choose another score")
        case .bestSum(let count):
            let planned = blocks.allSatisfy { !$0.length.isOpenEnded } ? blocks.reduce(0) { $0 + $1.plannedTrialBound * $1.sets } : Int.max
            if count > planned {
                throw node.error("the drill has \(planned) trials, fewer than the \(count) reaction times the score adds", fix: "lower best_sum or add trials")
            }
        default: break
        }
        return score
    }

    func parseModality(_ fields: ConfigMapping, lights: [String], sound: String?) throws -> Modality {
        let fallback: Modality = lights.isEmpty ? .sound : (sound == nil ? .light : .both)
        guard let node = fields.optional("modality") else { return fallback }
        let modality = Modality(rawValue: try node.choice(Modality.allCases.map(\.rawValue)))!
        switch modality {
        case .light where lights.isEmpty:
            throw node.error("modality 'light' but the cue has no light", fix: "add 'light: NAME'")
        case .sound where sound == nil:
            throw node.error("modality 'sound' but the cue has no sound", fix: "add 'sound: NAME'")
        case .both, .random:
            if lights.isEmpty || sound == nil {
                throw node.error("modality '\(modality.rawValue)' needs both a light and a sound", fix: "add the missing 'light:' or 'sound:'")
            }
        default: break
        }
        return modality
    }

    func parseExpected(_ fields: ConfigMapping, cueName: String, isNoGo: Bool, sides: [String], at cueNode: ConfigNode) throws -> [String: String] {
        guard let node = fields.optional("expect") else {
            if isNoGo { return [:] }
            throw cueNode.error(
                "cue '\(cueName)' does not say which switch to press",
                fix: sides.count > 1 ? "add 'expect: {\(sides[0]): SWITCH, \(sides[1]): SWITCH}'" : "add 'expect: SWITCH', or 'nogo: true' for a distractor")
        }
        if isNoGo {
            throw node.error("a no-go cue has no switch to press", fix: "remove 'expect' or 'nogo: true'")
        }
        if sides.count == 1 {
            guard case .scalar = node.node else {
                throw node.error("expected one switch name", fix: "write 'expect: SWITCH' (a per-side mapping is for head-to-head drills with 'sides')")
            }
            return [sides[0]: try node.name()]
        }
        let mapping = try node.mapping(allowed: sides)
        var expected: [String: String] = [:]
        for side in sides {
            expected[side] = try mapping.required(side, fix: "give each side its switch: {\(sides.map { "\($0): SWITCH" }.joined(separator: ", "))}").name()
        }
        return expected
    }

    func parseRules(_ fields: ConfigMapping?, inherited: TrialRules, context: RuleContext) throws -> TrialRules {
        guard let fields else { return inherited }
        if context.partner, let key = RuleContext.plannedOnlyKeys.first(where: fields.has) {
            throw fields.optional(key)!.error(
                "'\(key)' does not apply to a partner drill: the partner chooses each cue and when it comes",
                fix: "remove '\(key)'; the partner's moves are the cues")
        }
        var rules = inherited
        // Rapid-fire first: it sets the foreperiod (the gap) and the pause; 'rapid_fire: false' under
        // inherited rapid-fire rules brings back the built-in ones, which the keys below may change.
        if let node = fields.optional("rapid_fire") {
            try parseRapidFire(node, fields: fields, into: &rules)
            if !rules.rapidFire && inherited.rapidFire {
                rules.foreperiod = Self.builtInRules.foreperiod
                rules.intertrial = Self.builtInRules.intertrial
            }
        }
        if let node = fields.optional("foreperiod") { rules.foreperiod = try parseForeperiod(node, range: context.foreperiodRange) }
        if let node = fields.optional("timeout") { rules.timeout = try node.duration(in: ProfileLimits.timeout) }
        if let node = fields.optional("anticipation") { rules.anticipation = try node.duration(in: ProfileLimits.anticipation) }
        if let node = fields.optional("intertrial") { rules.intertrial = try node.duration(in: ProfileLimits.intertrial) }
        if let node = fields.optional("cue_duration") {
            if (try? node.scalarText()) == "until_response" {
                rules.cueDuration = .untilResponse
            } else {
                guard case .scalar = node.node, DurationText.parse(try node.scalarText()) != nil else {
                    throw node.error("expected 'until_response' or a duration", fix: "write 'cue_duration: until_response' or e.g. 'cue_duration: 500ms'")
                }
                rules.cueDuration = .fixed(try node.duration(in: ProfileLimits.cueDuration))
            }
        }
        let inheritedRepeats: Int = if case .balanced(let repeats) = inherited.order { repeats } else { 3 }
        let maxRepeats = try fields.optional("max_repeats")?.int(in: ProfileLimits.maxRepeats) ?? inheritedRepeats
        if let node = fields.optional("order") {
            switch try node.choice(["random", "sequence", "balanced"]) {
            case "random": rules.order = .random
            case "sequence": rules.order = .sequence
            default: rules.order = .balanced(maxRepeats: maxRepeats)
            }
        } else if case .balanced = rules.order {
            rules.order = .balanced(maxRepeats: maxRepeats)
        }
        if let node = fields.optional("odd_split") {
            rules.drawsOddSplit = try node.choice(["first", "random"]) == "random" ? true : nil
            guard case .balanced = rules.order else {
                throw node.error("'odd_split' chooses which cue gets the odd trial of a balanced set", fix: "set 'order: balanced', or remove it")
            }
        }
        if let node = fields.optional("max_repeats"), rules.order != .balanced(maxRepeats: maxRepeats) {
            throw node.error("'max_repeats' only applies with 'order: balanced'", fix: "set 'order: balanced' or remove it")
        }
        if rules.rapidFire, let node = fields.optional("foreperiod") ?? fields.optional("intertrial") {
            throw node.error(
                "a rapid-fire block has no foreperiod or inter-trial pause: the next cue follows the release of the last hit, after the gap",
                fix: "write the wait as 'rapid_fire: {gap: 300ms}' (or a distribution), and remove this key")
        }
        if let node = fields.optional("nogo_probability") { rules.noGoProbability = try node.probability(allowOne: false) }
        if let node = fields.optional("catch_probability") { rules.catchProbability = try node.probability(allowOne: false) }
        if rules.anticipation >= rules.timeout {
            throw (fields.optional("anticipation") ?? fields.optional("timeout") ?? fields.node).error(
                "the anticipation threshold (\(rules.anticipation.compactDescription)) must be shorter than the timeout (\(rules.timeout.compactDescription))",
                fix: "lower 'anticipation' or raise 'timeout'")
        }
        return rules
    }

    /// `rapid_fire: true | false | {gap: DURATION or DISTRIBUTION}`.
    func parseRapidFire(_ node: ConfigNode, fields: ConfigMapping, into rules: inout TrialRules) throws {
        if case .scalar = node.node {
            guard try node.bool() else {
                rules.rapidFire = false
                return
            }
            rules.foreperiod = .fixed(.zero)
        } else {
            let options = try node.mapping(allowed: ["gap"])
            rules.foreperiod = try options.optional("gap").map { try parseForeperiod($0, range: ProfileLimits.gap) } ?? .fixed(.zero)
        }
        rules.rapidFire = true
        rules.intertrial = .zero
    }

    func parseForeperiod(_ node: ConfigNode, range: ClosedRange<Duration> = ProfileLimits.foreperiod) throws -> Foreperiod {
        if case .scalar = node.node {
            return .fixed(try node.duration(in: range))
        }
        let fields = try node.mapping(allowed: ["distribution", "value", "min", "max", "scale"])
        let distribution = try fields.required("distribution", fix: "add 'distribution: fixed', 'uniform' or 'exponential'")
            .choice(["fixed", "uniform", "exponential"])
        let allowedKeys: [String] = switch distribution {
        case "fixed": ["distribution", "value"]
        case "uniform": ["distribution", "min", "max"]
        default: ["distribution", "min", "max", "scale"]
        }
        _ = try node.mapping(allowed: allowedKeys)
        if distribution == "fixed" {
            return .fixed(try fields.required("value").duration(in: range))
        }
        let minNode = try fields.required("min"), maxNode = try fields.required("max")
        let min = try minNode.duration(in: range)
        let max = try maxNode.duration(in: range)
        guard min < max else {
            throw maxNode.error(
                "max (\(max.compactDescription)) must be greater than min (\(min.compactDescription))",
                fix: min == max ? "for a constant wait write 'foreperiod: \(min.compactDescription)'" : "swap min and max")
        }
        if distribution == "uniform" { return .uniform(min: min, max: max) }
        let scale = try fields.required("scale", fix: "add 'scale:', the time constant of the exponential part (e.g. 1s)")
            .duration(in: ProfileLimits.foreperiod.lowerBound...range.upperBound)
        return .exponential(min: min, max: max, scale: scale)
    }

    func parseBlocks(_ node: ConfigNode, cues: [ParsedCue], defaults: TrialRules, sides: [String], context: RuleContext) throws -> [Block] {
        let items = try node.list()
        guard ProfileLimits.blocks.contains(items.count) else {
            throw node.error("\(items.count) blocks", fix: "write 1 to \(ProfileLimits.blocks.upperBound) blocks")
        }
        var total = 0
        var blocks: [Block] = []
        for (index, item) in items.enumerated() {
            let fields = try item.mapping(allowed: Self.blockKeys)
            let name = try fields.optional("name")?.name() ?? "block-\(index + 1)"
            let length = try parseSetLength(fields, name: name, at: item)
            let sets = try fields.optional("sets")?.int(in: ProfileLimits.sets) ?? 1
            let rest = try fields.optional("rest")?.duration(in: ProfileLimits.rest)
            if let restNode = fields.optional("rest"), sets == 1 {
                throw restNode.error("'rest' is the pause between sets, but this block has one set", fix: "add 'sets: N', or use 'rest_after' for a pause after the block")
            }
            let restAfter = try fields.optional("rest_after")?.duration(in: ProfileLimits.rest) ?? .zero
            let rules = try parseRules(fields, inherited: defaults, context: context)
            if context.partner, let cuesNode = fields.optional("cues") {
                throw cuesNode.error("a partner drill's block has no cue list: the partner chooses each cue", fix: "remove 'cues' from the block")
            }
            if case .hits = length, sides.count > 1 {
                throw (fields.optional("hits") ?? item).error("'hits' sets are for one athlete", fix: "use 'trials' or 'duration' in a head-to-head drill")
            }
            let cueNames = try parseBlockCues(fields.optional("cues"), cues: cues)
            let block = Block(
                name: name, length: length, sets: sets, restBetweenSets: rest ?? .seconds(30),
                restAfter: restAfter, cueNames: cueNames, rules: rules)
            if !context.partner { try checkCueMix(block, cues: cues, at: fields) }
            total += block.plannedTrialBound * sets
            guard total <= ProfileLimits.totalTrials else {
                throw item.error("the drill would have over \(ProfileLimits.totalTrials) trials", fix: "use fewer trials, sets or a shorter duration")
            }
            blocks.append(block)
        }
        return blocks
    }

    /// `trials: N`, `duration: D`, or `hits: N` (with an optional `duration` cap).
    func parseSetLength(_ fields: ConfigMapping, name: String, at item: ConfigNode) throws -> SetLength {
        switch (fields.optional("trials"), fields.optional("duration"), fields.optional("hits")) {
        case (let trials?, nil, nil): return .trials(try trials.int(in: ProfileLimits.trialsPerSet))
        case (nil, let duration?, nil): return .duration(try duration.duration(in: ProfileLimits.setDuration))
        case (nil, let cap, let hits?):
            return .hits(
                try hits.int(in: ProfileLimits.hitsPerSet),
                cap: try cap?.duration(in: ProfileLimits.setDuration) ?? ProfileLimits.defaultHitsCap)
        case (let trials?, _, let other?), (let trials?, let other?, nil):
            _ = trials
            throw other.error("a block has 'trials', 'duration' or 'hits', not several", fix: "keep one ('duration' may stand beside 'hits' as its time cap)")
        case (nil, nil, nil):
            throw item.error("block '\(name)' has neither 'trials', 'duration' nor 'hits'", fix: "add e.g. 'trials: 20', 'duration: 30s' or 'hits: 20'")
        }
    }

    func parseBlockCues(_ node: ConfigNode?, cues: [ParsedCue]) throws -> [String] {
        guard let node else { return cues.map(\.cue.name) }
        let items = try node.list(allowSingle: true)
        guard !items.isEmpty else { throw node.error("the list of cues is empty", fix: "name at least one cue") }
        return try items.map { item in
            let name = try item.string()
            guard cues.contains(where: { $0.cue.name == name }) else {
                var fix = "cues defined in this profile: \(cues.map(\.cue.name).joined(separator: ", "))"
                if let suggestion = closestMatch(to: name, in: cues.map(\.cue.name)) { fix = "did you mean '\(suggestion)'? " + fix }
                throw item.error("no cue named '\(name)'", fix: fix)
            }
            return name
        }
    }

    /// Checks that the block's no-go and catch settings match its cues, and
    /// that a balanced order can keep its repeat cap.
    func checkCueMix(_ block: Block, cues: [ParsedCue], at fields: ConfigMapping) throws {
        let blockCues = block.cueNames.compactMap { name in cues.first { $0.cue.name == name }?.cue }
        let noGo = blockCues.filter(\.isNoGo), go = blockCues.filter { !$0.isNoGo }
        let rules = block.rules
        let place = fields.optional("nogo_probability") ?? fields.optional("cues") ?? fields.node
        if go.isEmpty {
            throw place.error("block '\(block.name)' has no go cue", fix: "add a cue with 'expect:' to the block")
        }
        if rules.order == .sequence {
            if rules.noGoProbability > 0 || rules.catchProbability > 0 {
                throw (fields.optional("order") ?? place).error(
                    "with 'order: sequence' the cue list itself is the sequence; no-go and catch probabilities do not apply",
                    fix: "remove nogo_probability/catch_probability, or use 'order: random' or 'balanced'")
            }
            return
        }
        if !noGo.isEmpty && rules.noGoProbability == 0 {
            throw place.error(
                "block '\(block.name)' uses no-go cue '\(noGo[0].name)' but nogo_probability is not set",
                fix: "add e.g. 'nogo_probability: 0.25' to the block or to defaults")
        }
        if noGo.isEmpty && rules.noGoProbability > 0 {
            throw place.error("nogo_probability is \(rules.noGoProbability) but block '\(block.name)' has no no-go cue", fix: "add a cue with 'nogo: true', or remove nogo_probability")
        }
        // A drawn odd split gives the odd trial to any cue: with equal weights every draw has the same counts,
        // so the repeat cap checked below holds for every seed.
        if rules.drawsOddSplit == true, Set(go.map(\.weight)).count > 1 || Set(noGo.map(\.weight)).count > 1 {
            throw (fields.optional("odd_split") ?? fields.optional("cues") ?? fields.node).error(
                "'odd_split: random' needs the block's cues to have equal weights", fix: "remove the weights, or 'odd_split'")
        }
        if case .balanced(let maxRepeats) = rules.order {
            let roundTrials = block.length.isOpenEnded ? PlanGenerator.balancedRound(cues: blockCues.count) : block.plannedTrialBound
            let counts = BalancedCounts(block: block, cues: blockCues, trials: roundTrials)
            if let problem = counts.repeatCapProblem(maxRepeats: maxRepeats) {
                throw (fields.optional("max_repeats") ?? fields.optional("order") ?? place).error(problem, fix: "raise max_repeats, add cues, or use 'order: random'")
            }
        }
    }

    /// In a head-to-head drill each switch belongs to one side only.
    func checkSplitPads(_ profile: Profile, at node: ConfigNode) throws {
        guard profile.isHeadToHead else { return }
        let first = Set(profile.switches(of: profile.sides[0]))
        let shared = first.intersection(profile.switches(of: profile.sides[1]))
        if let switchName = shared.sorted().first {
            throw node.error("switch '\(switchName)' is used by both sides", fix: "give each athlete their own pads")
        }
    }
}

extension Block {
    /// The trials one set plans ahead: its count; none for a set that ends by
    /// time or by hits (its trials are drawn as it runs).
    public var plannedTrialBound: Int {
        if case .trials(let count) = length { return count }
        return 0
    }
}
