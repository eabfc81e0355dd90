import DrillCore

/// A drill as the browser's drill builder edits it: plain fields a form can
/// show, turned into the profile's YAML here (one writer of profiles from the
/// web). It covers the drills a coach builds from scratch: cues with lights,
/// colours and targets, no-go cues, blocks of trials, time or hits, sets and
/// rests, the foreperiod, timeout, order, rapid-fire, the score, and cues that
/// come from a partner's move. A drill with more (a gate run, a home switch,
/// two sides, rules set per block beyond order, wait and timeout) is edited in
/// its file; `init(profile:)` says which part.
public struct DrillForm: Codable, Equatable, Sendable {
    public struct CueRow: Codable, Equatable, Sendable {
        public var name: String
        /// The lights, by name (several: the target is one of them, the others distractors).
        public var lights: [String]
        /// The colour of each light, in the order of `lights` ("" for the light's own colour).
        /// A list, not a mapping: light names pass through JSON untouched.
        public var colors: [String]
        /// The switch to press; empty for a no-go cue.
        public var target: String
        public var nogo: Bool
    }

    public struct BlockRow: Codable, Equatable, Sendable {
        public var name: String
        /// `trials`, `duration` (seconds) or `hits`.
        public var length: String
        public var amount: Int
        public var sets: Int
        /// Rest between sets, seconds.
        public var restSeconds: Int
        /// This block's own order, wait (ms) and timeout (ms); nil: the drill's.
        public var order: String?
        public var foreperiodMinMilliseconds: Int?
        public var foreperiodMaxMilliseconds: Int?
        public var timeoutMilliseconds: Int?
        /// A `hits` block's time cap, seconds (nil: the 5 min default).
        public var capSeconds: Int?
    }

    /// Cues from a partner: each partner pad calls one of the athlete's targets.
    public struct PartnerRow: Codable, Equatable, Sendable {
        /// The partner's pads, in order, and the target each calls (same positions).
        public var pads: [String]
        public var targets: [String]
        /// Partner pads that call nothing: no-go cues.
        public var feints: [String]
        /// `press` or `release`: the partner's edge that is the cue.
        public var on: String
        /// Also light the athlete's target at the partner's move.
        public var light: Bool
        /// The drill ends when the partner has not moved for this long, seconds.
        public var waitSeconds: Int
    }

    public var name: String
    public var title: String
    public var description: String
    public var version: Int
    /// The cues; unused when `partner` is set (the partner's pads are the cues).
    public var cues: [CueRow]
    /// Set when the cues come from a partner's move; nil when the station's lights cue.
    public var partner: PartnerRow?
    public var blocks: [BlockRow]
    public var foreperiodMinMilliseconds: Int
    public var foreperiodMaxMilliseconds: Int
    public var timeoutMilliseconds: Int
    /// `random`, `sequence` or `balanced`.
    public var order: String
    public var nogoProbability: Double
    /// Rapid-fire: the next cue when the pad is released; the wait (`foreperiod…`) is then the gap.
    public var rapidFire: Bool
    /// The score's stored name (`median_rt`, `hits`, `accuracy`, …).
    public var score: String
    /// Balanced order: at most this many of one cue in a row (3 unless set).
    public var maxRepeats: Int

    /// Why a profile cannot be edited in the builder.
    public struct NotEditable: Error, Equatable {
        public var reason: String
    }

    /// The form of `profile`, or `NotEditable` naming what the builder does not edit.
    public init(profile: Profile) throws {
        let unsupported: [(Bool, String)] = [
            (profile.mode != .press, "a home switch or timing gates"),
            (profile.partner.map { $0.wait != .seconds(Int64($0.wait.seconds.rounded())) } ?? false, "a partner wait in fractions of a second"),
            (profile.isHeadToHead, "two sides"), (profile.cues.contains(where: { $0.sound != nil }), "sound cues"),
            (profile.cues.contains(where: \.expectsAllLit), "'expect: all'"),
            (profile.blocks.contains(where: { $0.rules.foreperiod.isExponential }), "a non-aging (exponential) wait"),
            (profile.blocks.contains(where: { $0.rules.anticipation != TrialRules.builtIn.anticipation }), "its own anticipation threshold"),
            (profile.blocks.contains(where: { $0.rules.cueDuration != .untilResponse }), "a fixed cue duration"),
            (profile.blocks.contains(where: { !$0.rules.rapidFire && $0.rules.intertrial != TrialRules.builtIn.intertrial }), "its own pause between trials"),
            (profile.blocks.contains(where: { $0.rules.catchProbability > 0 }), "catch trials"),
            (profile.blocks.contains(where: { $0.rules.drawsOddSplit == true }), "a drawn odd split"),
            (profile.blocks.contains(where: { !Self.differOnlyInFormFields($0.rules, profile.blocks.last!.rules) }), "rules set per block beyond order, wait and timeout"),
            (profile.blocks.contains(where: { $0.cueNames != profile.cues.map(\.name) }), "a cue list per block"),
            (profile.cues.contains(where: { $0.weight != 1 }), "cue weights"),
            (profile.lapseThreshold != .milliseconds(500), "its own lapse threshold"),
            (Set(profile.blocks.compactMap { if case .balanced(let repeats) = $0.rules.order { repeats } else { nil } }).count > 1, "a different max_repeats per block"),
            (profile.blocks.contains(where: { $0.restAfter > .zero }), "rests after blocks"),
        ]
        if let (_, what) = unsupported.first(where: \.0) {
            throw NotEditable(reason: "this drill uses \(what), which the builder does not edit: change its file (and raise its version)")
        }
        // The drill's rules are its last block's (usually the work); earlier blocks may differ in order, wait and timeout.
        let rules = profile.blocks[profile.blocks.count - 1].rules
        name = profile.name
        title = profile.title
        description = profile.description ?? ""
        version = profile.version
        cues = profile.cues.map { cue in
            CueRow(
                name: cue.name, lights: cue.lights, colors: cue.lights.map { cue.lightColors[$0] ?? "" },
                target: cue.expected[Profile.soloSide] ?? "", nogo: cue.isNoGo)
        }
        if let source = profile.partner {
            let calls = profile.cues.filter { !$0.isNoGo }
            partner = PartnerRow(
                pads: calls.map(\.name), targets: calls.map { $0.expected[Profile.soloSide] ?? "" },
                feints: profile.cues.filter(\.isNoGo).map(\.name), on: source.edge.rawValue, light: source.lightsTarget,
                waitSeconds: Int(source.wait.seconds.rounded()))
            cues = []
        }
        blocks = profile.blocks.map { block in
            let (length, amount): (String, Int) = switch block.length {
            case .trials(let count): ("trials", count)
            case .duration(let limit): ("duration", Int(limit.seconds.rounded()))
            case .hits(let count, _): ("hits", count)
            }
            let cap: Int? = if case .hits(_, let cap) = block.length, cap != ProfileLimits.defaultHitsCap { Int(cap.seconds.rounded()) } else { nil }
            var row = BlockRow(name: block.name, length: length, amount: amount, sets: block.sets, restSeconds: Int(block.restBetweenSets.seconds.rounded()))
            if block.rules.order != rules.order { row.order = Self.orderName(block.rules.order) }
            if block.rules.foreperiod != rules.foreperiod {
                row.foreperiodMinMilliseconds = Int(block.rules.foreperiod.minimum.milliseconds.rounded())
                row.foreperiodMaxMilliseconds = Int(block.rules.foreperiod.maximum.milliseconds.rounded())
            }
            if block.rules.timeout != rules.timeout { row.timeoutMilliseconds = Int(block.rules.timeout.milliseconds.rounded()) }
            row.capSeconds = cap
            return row
        }
        foreperiodMinMilliseconds = Int(rules.foreperiod.minimum.milliseconds.rounded())
        foreperiodMaxMilliseconds = Int(rules.foreperiod.maximum.milliseconds.rounded())
        timeoutMilliseconds = Int(rules.timeout.milliseconds.rounded())
        order = Self.orderName(rules.order)
        // One repeat cap for the drill: the balanced blocks' (the check above allows one value).
        maxRepeats = profile.blocks.lazy.compactMap { if case .balanced(let repeats) = $0.rules.order { repeats } else { nil } }.first ?? 3
        nogoProbability = rules.noGoProbability
        rapidFire = rules.rapidFire
        score = profile.score.storedName
    }

    /// The profile's YAML: what the builder shows beside the form and saves.
    public var yaml: String {
        var lines = [
            "# Built in the station's drill builder.",
            "name: \(Self.scalar(name))", "version: \(version)", "title: \(Self.scalar(title))",
        ]
        if !description.isEmpty { lines.append("description: \(Self.scalar(description))") }
        switch DrillScore(storedName: score) {
        case .medianReactionTime?: break
        case .bestSum(let count)?: lines.append("score: {best_sum: \(count)}")
        case let other?: lines.append("score: \(other.key)")  // time_to_hits takes its count from the hits block
        case nil: lines.append("score: \(Self.scalar(score))")  // the check says what is wrong with it
        }
        lines.append("")
        if let partner {
            lines += Self.partnerLines(partner)
        } else {
            lines += cueLines
        }
        lines.append("")
        lines.append("defaults:")
        // A partner chooses each cue and its moment: no wait, order or share of no-go cues to set.
        if partner == nil {
            let wait = Self.wait(foreperiodMinMilliseconds, foreperiodMaxMilliseconds)
            lines.append(rapidFire ? "  rapid_fire: {gap: \(wait)}" : "  foreperiod: \(wait)")
        }
        lines.append("  timeout: \(timeoutMilliseconds)ms")
        if partner == nil {
            lines.append("  order: \(Self.scalar(order))")
            if order == "balanced" && maxRepeats != 3 { lines.append("  max_repeats: \(maxRepeats)") }
            if nogoProbability > 0 { lines.append("  nogo_probability: \(nogoProbability)") }
        }
        lines.append("")
        lines.append("blocks:")
        for block in blocks { lines += blockLines(block) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `cues:` and a line per cue.
    private var cueLines: [String] {
        var lines = ["cues:"]
        for cue in cues {
            var fields: [String] = []
            let colored = cue.colors.contains { !$0.isEmpty }
            if cue.lights.count == 1, !colored {
                fields.append("light: \(Self.scalar(cue.lights[0]))")
            } else if !colored {
                fields.append("light: [\(cue.lights.map(Self.scalar).joined(separator: ", "))]")
            } else {
                // A colour per light; a light left at its own colour shows the station's.
                let pairs = cue.lights.enumerated().map { index, light in
                    let color = index < cue.colors.count && !cue.colors[index].isEmpty ? cue.colors[index] : "white"
                    return "\(Self.scalar(light)): \(Self.scalar(color))"
                }
                fields.append("light: {\(pairs.joined(separator: ", "))}")
            }
            fields.append(cue.nogo ? "nogo: true" : "expect: \(Self.scalar(cue.target))")
            lines.append("  \(Self.scalar(cue.name)): {\(fields.joined(separator: ", "))}")
        }
        return lines
    }

    /// `partner:` with the pairs as a table, in the form's order.
    private static func partnerLines(_ partner: PartnerRow) -> [String] {
        let pairs = zip(partner.pads, partner.targets).map { "\(scalar($0)): \(scalar($1))" }
        var lines = ["partner:", "  on: \(scalar(partner.on))", "  map: {\(pairs.joined(separator: ", "))}"]
        if !partner.feints.isEmpty { lines.append("  feints: [\(partner.feints.map(scalar).joined(separator: ", "))]") }
        if partner.light { lines.append("  light: true") }
        lines.append("  wait: \(partner.waitSeconds)s")
        return lines
    }

    /// A block's lines under `blocks:`.
    private func blockLines(_ block: BlockRow) -> [String] {
        var lines = ["  - name: \(Self.scalar(block.name))"]
        lines.append("    \(Self.scalar(block.length)): \(block.length == "duration" ? "\(block.amount)s" : "\(block.amount)")")
        if block.length == "hits", let cap = block.capSeconds { lines.append("    duration: \(cap)s") }
        if block.sets > 1 {
            lines.append("    sets: \(block.sets)")
            lines.append("    rest: \(block.restSeconds)s")
        }
        guard partner == nil else {
            if let timeout = block.timeoutMilliseconds { lines.append("    timeout: \(timeout)ms") }
            return lines
        }
        if let order = block.order, !order.isEmpty {
            lines.append("    order: \(Self.scalar(order))")
            if order == "balanced" && self.order != "balanced" && maxRepeats != 3 { lines.append("    max_repeats: \(maxRepeats)") }
        }
        if let low = block.foreperiodMinMilliseconds {
            let wait = Self.wait(low, block.foreperiodMaxMilliseconds ?? low)
            lines.append(rapidFire ? "    rapid_fire: {gap: \(wait)}" : "    foreperiod: \(wait)")
        }
        if let timeout = block.timeoutMilliseconds { lines.append("    timeout: \(timeout)ms") }
        return lines
    }

    /// A wait as a profile writes it: `800ms`, or uniform between two.
    static func wait(_ low: Int, _ high: Int) -> String {
        low >= high ? "\(low)ms" : "{distribution: uniform, min: \(low)ms, max: \(high)ms}"
    }

    static func orderName(_ order: CueOrder) -> String {
        switch order {
        case .random: "random"
        case .sequence: "sequence"
        case .balanced: "balanced"
        }
    }

    /// Whether two blocks' rules differ only where a block row can say so (order, wait, timeout).
    static func differOnlyInFormFields(_ rules: TrialRules, _ other: TrialRules) -> Bool {
        var aligned = rules
        aligned.order = other.order
        aligned.foreperiod = other.foreperiod
        aligned.timeout = other.timeout
        if case .balanced = rules.order, case .balanced = other.order { return aligned == other && rules.order == other.order }
        return aligned == other
    }

    /// A value as a YAML scalar: plain when it is a safe word, else double-quoted.
    static func scalar(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSetLike.word.contains($0) || $0 == " ") }
            && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased())
            && Double(text) == nil
        if plain { return text }
        let escaped = text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\t": "\\t"
            default: scalar.value < 0x20 ? String(format: "\\u%04X", scalar.value) : String(scalar)
            }
        }.joined()
        return "\"\(escaped)\""
    }
}

/// ASCII letters, digits, `-`, `_`, `.` and `/`: what a YAML plain scalar may hold here unquoted.
private enum CharacterSetLike {
    struct Word {
        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || scalar == "-" || scalar == "_" || scalar == "." || scalar == "/" || scalar == "(" || scalar == ")"
        }
    }
    static let word = Word()
}

private extension Foreperiod {
    var isExponential: Bool { if case .exponential = self { true } else { false } }
}
