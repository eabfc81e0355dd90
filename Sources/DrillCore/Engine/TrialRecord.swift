/// One pad of an `expect: all` cue, hit: which pad, and when after the onset.
public struct PadSplit: Equatable, Sendable, Codable {
    /// The pad's switch.
    public var pad: String
    /// Its press − onset, in nanoseconds.
    public var reactionTimeNanoseconds: Int64

    public init(pad: String, reactionTimeNanoseconds: Int64) {
        self.pad = pad
        self.reactionTimeNanoseconds = reactionTimeNanoseconds
    }
}

/// One athlete's part of a trial.
public struct SideResult: Equatable, Sendable, Codable {
    /// The side (the athlete's place: `athlete`, or e.g. `left`/`right`).
    public var side: String
    /// The switch this side had to press (nil on no-go and catch trials).
    public var expectedSwitch: String?
    /// How it ended.
    public var outcome: Outcome
    /// The switch of the deciding response.
    public var respondedSwitch: String?
    /// The deciding response edge: the press, or in home-release mode the release.
    public var response: MonotonicInstant?
    /// Response − onset, in nanoseconds (negative for a press before onset).
    public var reactionTimeNanoseconds: Int64?
    /// Home-release mode: when the target was hit.
    public var targetHit: MonotonicInstant?
    /// Home-release mode: target hit − release, in nanoseconds.
    public var movementTimeNanoseconds: Int64?
    /// When the outcome was settled (a response edge, or a deadline).
    public var decidedAt: MonotonicInstant
    /// `expect: all`: each lit pad hit, in the order hit (the trial's time is the last one).
    public var splits: [PadSplit]
    /// Gate runs: target (or the deciding response) − the start-gate crossing, in nanoseconds.
    public var totalTimeNanoseconds: Int64?

    public init(
        side: String, expectedSwitch: String?, outcome: Outcome, respondedSwitch: String? = nil,
        response: MonotonicInstant? = nil, reactionTimeNanoseconds: Int64? = nil, targetHit: MonotonicInstant? = nil,
        movementTimeNanoseconds: Int64? = nil, decidedAt: MonotonicInstant, splits: [PadSplit] = [],
        totalTimeNanoseconds: Int64? = nil
    ) {
        self.side = side
        self.expectedSwitch = expectedSwitch
        self.outcome = outcome
        self.respondedSwitch = respondedSwitch
        self.response = response
        self.reactionTimeNanoseconds = reactionTimeNanoseconds
        self.targetHit = targetHit
        self.movementTimeNanoseconds = movementTimeNanoseconds
        self.decidedAt = decidedAt
        self.splits = splits
        self.totalTimeNanoseconds = totalTimeNanoseconds
    }

    /// The reaction time as a `Duration`.
    public var reactionTime: Duration? { reactionTimeNanoseconds.map { .nanoseconds($0) } }
    /// The movement time as a `Duration`.
    public var movementTime: Duration? { movementTimeNanoseconds.map { .nanoseconds($0) } }
}

/// Why a trial's timing is doubtful. Flagged trials are kept and shown, never silently used.
public enum TimingFlag: String, Equatable, Sendable, Codable {
    /// The cue came more than 1 ms after its scheduled onset.
    case lateOnset = "late_onset"
    /// Setting the lights took more than 1 ms, so the onset is uncertain.
    case slowLightSet = "slow_light_set"
    /// The cue's sound could not be played.
    case soundUnavailable = "sound_unavailable"
    /// The sound stream under- or over-ran during the trial.
    case soundXrun = "sound_xrun"
    /// The input layer lost edges during the trial (kernel queue overflow).
    case droppedEdges = "dropped_edges"
    /// Switch bounce was filtered during the trial.
    case bounce
}

/// Timing quality of one trial.
public struct TrialTiming: Equatable, Sendable, Codable {
    /// Actual start of the cue − scheduled onset.
    public var schedulerLatenessNanoseconds: Int64?
    /// Time the light-set call took (after − before).
    public var lightSetNanoseconds: Int64?
    /// Half-width of the window the onset lies in.
    public var onsetUncertaintyNanoseconds: Int64?
    /// When the sound reached the output, if there was one.
    public var soundOnset: MonotonicInstant?
    /// Uncertainty of `soundOnset`.
    public var soundOnsetUncertaintyNanoseconds: Int64?
    /// What makes this trial's timing doubtful.
    public var flags: [TimingFlag] = []

    public init() {}
}

/// Everything that happened in one trial, with every timestamp in integer
/// nanoseconds of CLOCK_MONOTONIC.
public struct TrialRecord: Equatable, Sendable, Codable {
    /// What the plan said.
    public var planned: PlannedTrial
    /// When the foreperiod began.
    public var foreperiodStart: MonotonicInstant
    /// When the cue was due.
    public var scheduledOnset: MonotonicInstant
    /// When the cue actually appeared (nil if none was shown: catch trial, or a false start ended the trial).
    public var onset: MonotonicInstant?
    /// Timing quality.
    public var timing: TrialTiming
    /// Each side's result.
    public var sides: [SideResult]
    /// Head-to-head: the side(s) with the fastest hit; two names for an exact tie; empty if nobody hit.
    public var winners: [String]
    /// Every switch edge during the trial, presses and releases, in order.
    public var edges: [SwitchEdge]
    /// What set the trial off, when not the plan: the partner's edge (which is also the
    /// onset) or the athlete's start-gate crossing.
    public var trigger: MonotonicInstant?
    /// Partner drills: the partner's switch whose edge was the cue.
    public var partnerSwitch: String?

    public init(
        planned: PlannedTrial, foreperiodStart: MonotonicInstant, scheduledOnset: MonotonicInstant,
        onset: MonotonicInstant?, timing: TrialTiming, sides: [SideResult], winners: [String], edges: [SwitchEdge],
        trigger: MonotonicInstant? = nil, partnerSwitch: String? = nil
    ) {
        self.planned = planned
        self.foreperiodStart = foreperiodStart
        self.scheduledOnset = scheduledOnset
        self.onset = onset
        self.timing = timing
        self.sides = sides
        self.winners = winners
        self.edges = edges
        self.trigger = trigger
        self.partnerSwitch = partnerSwitch
    }

    /// The result of `side`.
    public func result(for side: String) -> SideResult? { sides.first { $0.side == side } }
}
