/// The order in which a block draws its cues.
public enum CueOrder: Equatable, Sendable, Codable {
    /// Independent weighted draws: the athlete cannot predict the next cue.
    case random
    /// The block's cues in the order listed, repeated.
    case sequence
    /// Counts fixed by the weights (and the no-go and catch probabilities),
    /// shuffled so that no cue repeats more than `maxRepeats` times in a row.
    case balanced(maxRepeats: Int)
}

/// How long a cue's lights stay on.
public enum CueDuration: Equatable, Sendable, Codable {
    /// Until every athlete has responded, or the timeout.
    case untilResponse
    /// A fixed time after onset, whatever the athlete does.
    case fixed(Duration)
}

/// The timing and cue rules shared by the trials of a block.
public struct TrialRules: Equatable, Sendable, Codable {
    /// The wait before each cue.
    public var foreperiod: Foreperiod
    /// The response window after onset; no response by then is a miss.
    public var timeout: Duration
    /// Responses earlier than this after onset are anticipations, not reactions.
    public var anticipation: Duration
    /// How long the lights stay on.
    public var cueDuration: CueDuration
    /// The pause after a trial is decided before the next foreperiod starts.
    public var intertrial: Duration
    /// The order of cues.
    public var order: CueOrder
    /// Fraction of trials (excluding catch trials) that use a no-go cue.
    public var noGoProbability: Double
    /// Fraction of trials with no cue at all (the athlete must not respond).
    public var catchProbability: Double
    /// Rapid-fire: the next trial starts when the athlete has released every switch,
    /// with no inter-trial pause; `foreperiod` is then the gap before the next cue (0 allowed).
    public var rapidFire: Bool
    /// Balanced order: when the trials do not divide evenly (5 trials, 2 cues), the seed
    /// draws which cue gets the odd one (`odd_split: random`), so counting cannot tell
    /// the last cue. Nil or false: the cue listed first gets it.
    public var drawsOddSplit: Bool?

    public init(
        foreperiod: Foreperiod, timeout: Duration, anticipation: Duration, cueDuration: CueDuration,
        intertrial: Duration, order: CueOrder, noGoProbability: Double, catchProbability: Double,
        rapidFire: Bool = false
    ) {
        self.foreperiod = foreperiod
        self.timeout = timeout
        self.anticipation = anticipation
        self.cueDuration = cueDuration
        self.intertrial = intertrial
        self.order = order
        self.noGoProbability = noGoProbability
        self.catchProbability = catchProbability
        self.rapidFire = rapidFire
    }
}

extension TrialRules {
    /// The rules a profile's blocks follow unless it says otherwise.
    public static let builtIn = TrialRules(
        foreperiod: .uniform(min: .seconds(1), max: .seconds(3)), timeout: .milliseconds(1500),
        anticipation: .milliseconds(100), cueDuration: .untilResponse, intertrial: .seconds(1),
        order: .random, noGoProbability: 0, catchProbability: 0)
}

/// How long a set runs: a count of trials, or a span of time (PVT style).
public enum SetLength: Equatable, Sendable, Codable {
    /// Exactly this many trials per set.
    case trials(Int)
    /// The set ends exactly this long after it began, even mid-trial (the open trial is cut off).
    case duration(Duration)
    /// The set ends at the `count`th hit, or at `cap` after it began (as `duration`), whichever comes first.
    case hits(Int, cap: Duration)

    /// The time limit of the set, if it has one.
    public var timeLimit: Duration? {
        switch self {
        case .trials: nil
        case .duration(let limit): limit
        case .hits(_, let cap): cap
        }
    }

    /// Whether the set's trials are drawn as it runs (ended by time or hits) rather than planned ahead.
    public var isOpenEnded: Bool { timeLimit != nil }
}

/// A part of a drill (warm-up, work sets, test block), run as `sets` sets
/// with rest between them.
public struct Block: Equatable, Sendable, Codable {
    /// The block's name (e.g. `warm-up`).
    public var name: String
    /// Trials per set, or a time limit per set.
    public var length: SetLength
    /// How many sets.
    public var sets: Int
    /// Rest between sets of this block.
    public var restBetweenSets: Duration
    /// Rest after this block, before the next one.
    public var restAfter: Duration
    /// The cues this block draws from (by name, all defined in the profile).
    public var cueNames: [String]
    /// Timing and order rules.
    public var rules: TrialRules

    public init(
        name: String, length: SetLength, sets: Int, restBetweenSets: Duration, restAfter: Duration,
        cueNames: [String], rules: TrialRules
    ) {
        self.name = name
        self.length = length
        self.sets = sets
        self.restBetweenSets = restBetweenSets
        self.restAfter = restAfter
        self.cueNames = cueNames
        self.rules = rules
    }
}
