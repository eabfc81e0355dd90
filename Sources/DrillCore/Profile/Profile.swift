/// What the athlete does to respond.
public enum ResponseMode: Equatable, Sendable, Codable {
    /// Press the target switch; reaction time = press − onset.
    case press
    /// Hold a home switch, release it at the cue, then hit the target.
    /// Reaction time = release − onset; movement time = target hit − release.
    case homeRelease(home: String, movementTimeout: Duration)
    /// Run through timing gates: the start gate triggers the cue; reaction time = the
    /// decision gate (or the target) − onset; movement time = target − decision gate.
    case gateRun(GateRun)

    /// The home switch, in home-release mode.
    public var home: String? { if case .homeRelease(let home, _) = self { home } else { nil } }
    /// The gate run, in gate-run mode.
    public var gateRun: GateRun? { if case .gateRun(let run) = self { run } else { nil } }
    /// The input the athlete works to start each trial (the home switch or the start gate);
    /// it is not a response.
    public var trigger: String? { home ?? gateRun?.startGate }
}

/// A drill as the trainer wrote it: validated, with names resolved.
public struct Profile: Equatable, Sendable, Codable {
    /// Short machine name, e.g. `choice-4`.
    public var name: String
    /// Bumped by the trainer whenever the drill changes; leaderboards only
    /// compare sessions of the same version.
    public var version: Int
    /// A title for screens and reports.
    public var title: String
    /// What the drill trains, for the coach.
    public var description: String?
    /// Athlete sides: one for a normal drill, two for head-to-head.
    public var sides: [String]
    /// Press, or home-switch release.
    public var mode: ResponseMode
    /// Reaction times at or above this are lapses (500 ms unless set; PVT-B uses 355 ms).
    public var lapseThreshold: Duration
    /// Every cue, by name.
    public var cues: [Cue]
    /// The blocks in order.
    public var blocks: [Block]
    /// How the drill is scored.
    public var score: DrillScore
    /// A partner drill: the partner's switch edges are the cues (nil: the plan times them).
    public var partner: PartnerCues?

    public init(
        name: String, version: Int, title: String, description: String?, sides: [String],
        mode: ResponseMode, lapseThreshold: Duration, cues: [Cue], blocks: [Block], score: DrillScore = .medianReactionTime,
        partner: PartnerCues? = nil
    ) {
        self.name = name
        self.version = version
        self.title = title
        self.description = description
        self.sides = sides
        self.mode = mode
        self.lapseThreshold = lapseThreshold
        self.cues = cues
        self.blocks = blocks
        self.score = score
        self.partner = partner
    }

    /// The side name of a one-athlete drill.
    public static let soloSide = "athlete"

    /// Whether two athletes compete on split pads.
    public var isHeadToHead: Bool { sides.count > 1 }

    /// The cue named `name`.
    public func cue(named name: String) -> Cue? { cues.first { $0.name == name } }

    /// Lights the drill switches on, in first-use order.
    public var requiredLights: [String] { unique(cues.flatMap(\.lights)) }

    /// Sounds the drill plays.
    public var requiredSounds: [String] { unique(cues.compactMap(\.sound)) }

    /// Every input the drill listens to: the athletes' switches, the start
    /// gate and the partner's switches.
    public var requiredSwitches: [String] {
        unique(athleteSwitches + [mode.gateRun?.startGate].compactMap { $0 } + (partner?.pads ?? []))
    }

    /// The switches the athletes press: targets, distractor pads, the home switch, decision gates.
    public var athleteSwitches: [String] { unique(sides.flatMap(switches(of:))) }

    /// The pads an athlete responds on (not the home switch or the start gate):
    /// a rapid-fire trial waits for them to be released.
    public var responsePads: [String] { athleteSwitches.filter { $0 != mode.home } }

    /// The switches that belong to `side`: the ones its cues ask it to press
    /// (and the decision gates on the way to them). A press on another side's
    /// switch is not this side's response.
    public func switches(of side: String) -> [String] {
        var names = cues.flatMap { targets(of: $0, side: side) + distractorPads(of: $0) }
        if let home = mode.home { names.insert(home, at: 0) }
        if let run = mode.gateRun { names += names.compactMap { run.decisionGates[$0] } }
        return unique(names)
    }


    /// The pads of `cue` lit as distractors (one-athlete drills; in head-to-head each side's light is its own cue).
    public func distractorPads(of cue: Cue) -> [String] { isHeadToHead ? [] : cue.distractorPads }

    /// The switches `cue` asks `side` to press: its target, or every lit pad for `expect: all`.
    private func targets(of cue: Cue, side: String) -> [String] {
        if cue.expectsAllLit { return cue.lights }
        return cue.expected[side].map { [$0] } ?? []
    }

    private func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
