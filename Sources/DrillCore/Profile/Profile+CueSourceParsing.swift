/// What the rules of a block may say, given where the drill's cues come from.
struct RuleContext {
    /// A partner drill: the partner chooses each cue and its moment.
    var partner: Bool
    /// The foreperiods allowed (a gate run's delay after the start gate may be 0).
    var foreperiodRange: ClosedRange<Duration>

    /// Rule keys about the plan's cues and their timing, which a partner drill does not have.
    static let plannedOnlyKeys = ["foreperiod", "rapid_fire", "order", "max_repeats", "nogo_probability", "catch_probability", "odd_split"]
}

extension ProfileParser {
    /// `partner:` — the partner's switches, which edge is the cue, and the
    /// athlete's target for each (`map: same | mirror` pairs `pads` with
    /// `targets` by position, or a table `{PARTNER_SWITCH: TARGET}`). Each
    /// partner switch becomes a cue named after it; `feints` are no-go cues.
    func parsePartner(_ node: ConfigNode, sides: [String], mode: ResponseMode) throws -> (PartnerCues, [ParsedCue]) {
        let fields = try node.mapping(allowed: ["on", "map", "pads", "targets", "feints", "light", "wait"])
        if sides.count > 1 {
            throw node.error("a partner drill is for one athlete and their partner", fix: "remove 'sides'")
        }
        if mode.gateRun != nil {
            throw node.error("a gate run's cue follows the athlete's own start, not a partner", fix: "use 'mode: press' or 'home_release' with a partner")
        }
        let edge = SwitchEdge.Kind(rawValue: try fields.optional("on")?.choice(["press", "release"]) ?? "press")!
        let lightsTarget = try fields.optional("light")?.bool() ?? false
        let wait = try fields.optional("wait")?.duration(in: ProfileLimits.partnerWait) ?? .seconds(60)
        let mapNode = try fields.required("map", fix: "add 'map: mirror' (with 'pads' and 'targets'), 'map: same', or a table {PARTNER_SWITCH: TARGET}")
        let pairs = try parsePartnerMap(mapNode, fields: fields)
        let feints = try fields.optional("feints")?.list(allowSingle: true).map { try $0.name() } ?? []

        let side = sides[0]
        var cues = pairs.map { pad, target in
            ParsedCue(
                cue: Cue(name: pad, lights: lightsTarget ? [target] : [], sound: nil, modality: .light, expected: [side: target], isNoGo: false),
                node: mapNode)
        }
        let feintsNode = fields.optional("feints") ?? node
        for feint in feints {
            if pairs.contains(where: { $0.pad == feint }) {
                throw feintsNode.error("'\(feint)' is both a cue and a feint", fix: "a partner switch either calls a target or is a feint: remove it from one")
            }
            cues.append(ParsedCue(cue: Cue(name: feint, lights: [], sound: nil, modality: .light, expected: [:], isNoGo: true), node: feintsNode))
        }
        let pads = cues.map(\.cue.name)
        guard Set(pads).count == pads.count else {
            throw mapNode.error("a partner switch is listed twice", fix: "each partner switch calls one target")
        }
        let athleteSwitches = Set(pairs.map(\.target) + [mode.home].compactMap { $0 })
        if let shared = pads.first(where: athleteSwitches.contains) {
            throw (pads.contains(shared) && feints.contains(shared) ? feintsNode : mapNode).error(
                "'\(shared)' is both the partner's switch and the athlete's",
                fix: "give the partner their own pads (the partner's move is the cue; the athlete's press is the response)")
        }
        return (PartnerCues(pads: pads, edge: edge, lightsTarget: lightsTarget, wait: wait), cues)
    }

    /// The partner-switch → target pairs of `map`, in the order written.
    private func parsePartnerMap(_ node: ConfigNode, fields: ConfigMapping) throws -> [(pad: String, target: String)] {
        guard case .scalar = node.node else {
            for key in ["pads", "targets"] where fields.has(key) {
                throw fields.optional(key)!.error("'\(key)' pairs by position with 'map: same' or 'mirror'; a table names the pairs itself", fix: "remove '\(key)'")
            }
            let pairs = try node.namedEntries().map { pad, target in (pad: pad, target: try target.name()) }
            guard !pairs.isEmpty else { throw node.error("the map is empty", fix: "write e.g. 'map: {partner-left: pad-right}'") }
            return pairs
        }
        let how = try node.choice(["same", "mirror"])
        let padsNode = try fields.required("pads", fix: "list the partner's switches in order, e.g. 'pads: [partner-left, partner-right]'")
        let targetsNode = try fields.required("targets", fix: "list the athlete's targets in the same order, e.g. 'targets: [pad-left, pad-right]'")
        let pads = try padsNode.list().map { try $0.name() }
        let targets = try targetsNode.list().map { try $0.name() }
        guard !pads.isEmpty else { throw padsNode.error("no partner switch listed", fix: "list at least one") }
        guard pads.count == targets.count else {
            throw targetsNode.error(
                "\(pads.count) partner switch\(pads.count == 1 ? "" : "es") but \(targets.count) target\(targets.count == 1 ? "" : "s"): with 'map: \(how)' each partner switch needs its counterpart",
                fix: "list as many targets as partner switches, in the same order (left to right as each person faces the other), or write the pairs as a table")
        }
        let ordered = how == "mirror" ? Array(targets.reversed()) : targets
        return Array(zip(pads, ordered)).map { (pad: $0.0, target: $0.1) }
    }

    /// `mode: gate_run`: the start gate, optional decision gates per target, planned or reactive.
    func parseGateRun(_ top: ConfigMapping) throws -> ResponseMode {
        let start = try top.required("start_gate", fix: "name the gate whose crossing starts each run, e.g. 'start_gate: start'").name()
        var decisionGates: [String: String] = [:]
        if let node = top.optional("decision_gates") {
            for (target, gateNode) in try node.namedEntries() { decisionGates[target] = try gateNode.name() }
        }
        let planned = try top.optional("planned")?.bool() ?? false
        let movementTimeout = try top.optional("movement_timeout")?.duration(in: ProfileLimits.timeout) ?? .seconds(5)
        return .gateRun(GateRun(startGate: start, decisionGates: decisionGates, isPlanned: planned, movementTimeout: movementTimeout))
    }

    /// A gate run's gates are not its targets, and each decision gate belongs to a target.
    func checkGateRun(_ profile: Profile, top: ConfigMapping) throws {
        guard let run = profile.mode.gateRun else { return }
        let targets = Set(profile.cues.flatMap { $0.expected.values })
        if targets.contains(run.startGate) {
            throw try top.required("start_gate").error(
                "the start gate '\(run.startGate)' is also a target", fix: "the run starts at one gate and ends at another: name a different target")
        }
        guard let node = top.optional("decision_gates") else { return }
        for (target, gate) in run.decisionGates.sorted(by: { $0.key < $1.key }) {
            let place = node.descendant(at: target) ?? node
            guard targets.contains(target) else {
                throw place.error("no cue has the target '\(target)'", fix: "decision gates are keyed by target: \(targets.sorted().joined(separator: ", "))")
            }
            if gate == run.startGate || targets.contains(gate) {
                throw place.error("the decision gate '\(gate)' is also the start gate or a target", fix: "wire a gate of its own on the way to '\(target)'")
            }
        }
        let gates = run.decisionGates.values
        if Set(gates).count != gates.count {
            throw node.error("two targets share a decision gate", fix: "each direction has its own decision gate (the first one crossed is the decision)")
        }
    }
}
