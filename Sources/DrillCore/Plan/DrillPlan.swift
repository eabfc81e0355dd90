/// Whether a trial shows a cue to respond to, a distractor, or nothing.
public enum TrialKind: String, Equatable, Sendable, Codable {
    /// Respond to the cue.
    case go
    /// A distractor: withhold.
    case noGo = "nogo"
    /// No cue at all: withhold.
    case catchTrial = "catch"
}

/// One trial as the seed fixed it, before anything happens.
public struct PlannedTrial: Equatable, Sendable, Codable {
    /// 0-based position in the whole drill.
    public var index: Int
    /// 0-based block index into `DrillPlan.blocks`.
    public var blockIndex: Int
    /// The block's name.
    public var blockName: String
    /// 1-based set within the block.
    public var set: Int
    /// 1-based trial within the set.
    public var trialInSet: Int
    /// Go, no-go or catch.
    public var kind: TrialKind
    /// The cue's name (nil for a catch trial).
    public var cueName: String?
    /// Lights switched on at onset (after the modality choice).
    public var lights: [String]
    /// Sound played at onset (after the modality choice).
    public var sound: String?
    /// The switch each side must press (empty for no-go and catch trials).
    public var expected: [String: String]
    /// The wait before the cue, in whole milliseconds (rapid-fire: the gap after the release).
    public var foreperiodMilliseconds: Int
    /// `expect: all`: every lit light's pad must be hit, in any order.
    public var expectsAllLit: Bool = false
    /// The colour of each lit light the cue names (the others show their own).
    public var lightColors: [String: String] = [:]

    /// The switches `side` must press: its target, or every lit pad.
    public func targets(of side: String) -> [String] {
        if expectsAllLit { return kind == .go ? lights : [] }
        return expected[side].map { [$0] } ?? []
    }

    /// The wait before the cue.
    public var foreperiod: Duration { .milliseconds(foreperiodMilliseconds) }

    public init(
        index: Int, blockIndex: Int, blockName: String, set: Int, trialInSet: Int, kind: TrialKind, cueName: String?,
        lights: [String], sound: String?, expected: [String: String], foreperiodMilliseconds: Int
    ) {
        self.index = index
        self.blockIndex = blockIndex
        self.blockName = blockName
        self.set = set
        self.trialInSet = trialInSet
        self.kind = kind
        self.cueName = cueName
        self.lights = lights
        self.sound = sound
        self.expected = expected
        self.foreperiodMilliseconds = foreperiodMilliseconds
    }
}

/// One set of a block, as planned.
public struct PlannedSet: Equatable, Sendable, Codable {
    /// 0-based block index into `DrillPlan.blocks`.
    public var blockIndex: Int
    /// 1-based set within the block.
    public var set: Int
    /// The set's trials when it has a trial count; empty for a set that ends
    /// by time or hits, whose trials are drawn as it runs.
    public var trials: [PlannedTrial]

    public init(blockIndex: Int, set: Int, trials: [PlannedTrial]) {
        self.blockIndex = blockIndex
        self.set = set
        self.trials = trials
    }
}

/// Everything a seed decides about a drill: the cue sequence, modalities,
/// foreperiods and expected responses. The same profile and seed give the
/// same plan on every machine.
public struct DrillPlan: Equatable, Sendable, Codable {
    /// The profile's name.
    public var profileName: String
    /// The profile's version.
    public var profileVersion: Int
    /// The seed that produced this plan.
    public var seed: UInt64
    /// The blocks, with the rules their trials follow.
    public var blocks: [Block]
    /// Every set, in order.
    public var sets: [PlannedSet]

    /// The trials planned ahead, in order: every trial of a drill whose sets
    /// have trial counts. Sets that end by time or by hits draw theirs as they
    /// run (`OpenSetDraw`), so they list none here.
    public var trials: [PlannedTrial] { sets.flatMap(\.trials) }

    /// Whether every set has a trial count, so `trials` is the whole drill.
    public var isFixedLength: Bool { sets.allSatisfy { !blocks[$0.blockIndex].length.isOpenEnded } }

    /// The drill's total of trials as sessions store it and displays show it ("12/40"): every
    /// trial when all sets have trial counts, 0 when a set ends by time or hits (no total).
    public var plannedTotal: Int { isFixedLength ? trials.count : 0 }

    /// The rules of `trial`'s block.
    public func rules(for trial: PlannedTrial) -> TrialRules { blocks[trial.blockIndex].rules }
}
