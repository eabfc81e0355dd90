import Foundation

/// How a drill is scored: the one number its summaries, leaderboards and end
/// screen lead with. A profile declares it (`score:`); median RT unless it says.
public enum DrillScore: Equatable, Sendable, Codable {
    /// The median reaction time of the hits, ms (lower is better).
    case medianReactionTime
    /// Hits in the session's timed sets (higher is better): a Batak-style wall.
    case hits
    /// From the first cue of a `hits: N` set to its Nth hit, ms (lower is better); the best set counts.
    case timeToHits(count: Int)
    /// The sum of the best `count` reaction times, ms (lower is better): the Zemková 4-mat score.
    /// Fewer hits than `count` give no score.
    case bestSum(count: Int)
    /// Correct trials over judged trials, % (higher is better).
    case accuracy
    /// Head-to-head trials won (higher is better; a tie counts for both).
    case wins
    /// Gate runs: the median total time of the hits, start gate to target, ms (lower is better).
    case totalTime
    /// Gate runs: each direction's best total time, averaged over the directions, ms (lower is
    /// better): the reactive agility test's score. A direction never hit gives no score.
    case bestEachWay

    /// The name a profile writes (`score: hits`; `best_sum` with its count).
    public var key: String {
        switch self {
        case .medianReactionTime: "median_rt"
        case .hits: "hits"
        case .timeToHits: "time_to_hits"
        case .bestSum: "best_sum"
        case .accuracy: "accuracy"
        case .wins: "wins"
        case .totalTime: "total_time"
        case .bestEachWay: "best_each_way"
        }
    }

    /// Whether the score times gate runs (start gate to target).
    public var timesGateRuns: Bool { self == .totalTime || self == .bestEachWay }

    /// The score's stored and exported form: the key, with the count for `best_sum` (`best_sum:32`).
    public var storedName: String {
        switch self {
        case .bestSum(let count): "best_sum:\(count)"
        case .timeToHits(let count): "time_to_hits:\(count)"
        default: key
        }
    }

    /// The score back from `storedName`; nil for a name this build does not know.
    public init?(storedName: String) {
        let parts = storedName.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            guard let count = Int(parts[1]), count > 0 else { return nil }
            switch parts[0] {
            case "best_sum": self = .bestSum(count: count)
            case "time_to_hits": self = .timeToHits(count: count)
            default: return nil
            }
            return
        }
        switch storedName {
        case "median_rt": self = .medianReactionTime
        case "hits": self = .hits
        case "accuracy": self = .accuracy
        case "wins": self = .wins
        case "total_time": self = .totalTime
        case "best_each_way": self = .bestEachWay
        default: return nil
        }
    }

    /// The score a stored or exported name gives: median RT when there is none (a session from
    /// before scores, an export without the column) or this build does not know it.
    public static func stored(_ name: String?) -> DrillScore {
        name.flatMap(DrillScore.init(storedName:)) ?? .medianReactionTime
    }

    /// Whether a smaller value ranks higher.
    public var lowerIsBetter: Bool {
        switch self {
        case .medianReactionTime, .timeToHits, .bestSum, .totalTime, .bestEachWay: true
        case .hits, .accuracy, .wins: false
        }
    }

    /// What the number is, in a coach's words (a heading, a leaderboard column).
    public var title: String {
        switch self {
        case .medianReactionTime: "median reaction time"
        case .hits: "hits"
        case .timeToHits(let count): "time to \(count) hits"
        case .bestSum(let count): "sum of the best \(count) reaction times"
        case .accuracy: "accuracy"
        case .wins: "wins"
        case .totalTime: "median total time"
        case .bestEachWay: "best time each way"
        }
    }

    /// One sentence for a coach on what the score means.
    public var explanation: String {
        switch self {
        case .medianReactionTime: "The middle reaction time of the hits: half were faster. Lower is better."
        case .hits: "Targets hit before the time ran out. More is better."
        case .timeToHits(let count): "From the first light to the \(count)th hit of the set (the best set counts). Lower is better."
        case .bestSum(let count): "The \(count) fastest reaction times added up; fewer hits than \(count) give no score. Lower is better."
        case .accuracy: "Correct responses (hits, and distractors left alone) out of all judged trials. Higher is better."
        case .wins: "Trials won against the other athlete (a tie counts for both). More is better."
        case .totalTime: "The middle time from the start gate to the target over the correct runs. Lower is better."
        case .bestEachWay: "The best correct run to each side, start gate to target, averaged over the sides; every side needs a correct run. Lower is better."
        }
    }

    /// The unit the value is shown in.
    public var unit: String {
        switch self {
        case .medianReactionTime, .timeToHits, .bestSum, .totalTime, .bestEachWay: "ms"
        case .hits: "hits"
        case .accuracy: "%"
        case .wins: "wins"
        }
    }

    /// `value` as a person reads it: `412 ms`, `31 hits`, `92.5 %`.
    public func format(_ value: Double) -> String {
        switch self {
        case .medianReactionTime, .timeToHits, .bestSum, .totalTime, .bestEachWay: "\(Int(value.rounded())) ms"
        case .hits, .wins: "\(Int(value.rounded())) \(unit)"
        case .accuracy: String(format: "%.1f %%", value)
        }
    }
}
