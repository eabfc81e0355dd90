/// How one athlete's part of a trial ended.
public enum Outcome: String, Equatable, Sendable, Codable, CaseIterable {
    /// The expected switch, at or after the anticipation threshold, before the timeout.
    case hit
    /// Another of the athlete's switches.
    case wrongTarget = "wrong_target"
    /// A response earlier than the anticipation threshold after onset: a guess, not a reaction.
    case anticipation
    /// A response during the foreperiod (before any cue), or on a catch trial.
    case falseStart = "false_start"
    /// No response before the timeout.
    case miss
    /// A no-go cue correctly withheld.
    case noGoCorrect = "nogo_correct"
    /// A response to a no-go cue.
    case noGoCommission = "nogo_commission"
    /// A switch was already held at onset, so the trial cannot be timed.
    case stuckSwitch = "stuck_switch"
    /// A catch trial (no cue) correctly withheld.
    case catchCorrect = "catch_correct"
    /// A press on a lit distractor pad (a pad lit with the target that is not a target).
    case distractor
    /// A timed set's deadline came while the trial was still open: neither a hit nor a miss.
    case cutOff = "cut_off"

    /// Whether this outcome carries a valid reaction time.
    public var isValidReaction: Bool { self == .hit }

    /// Whether the athlete did something wrong (an error, not a miss or a timing fault).
    public var isCommissionError: Bool { self == .wrongTarget || self == .noGoCommission || self == .distractor }

    /// A short label for screens.
    public var label: String {
        switch self {
        case .hit: "hit"
        case .wrongTarget: "wrong target"
        case .anticipation: "anticipation"
        case .falseStart: "false start"
        case .miss: "miss"
        case .noGoCorrect: "no-go ok"
        case .noGoCommission: "no-go error"
        case .stuckSwitch: "stuck switch"
        case .catchCorrect: "catch ok"
        case .distractor: "distractor"
        case .cutOff: "cut off"
        }
    }
}
