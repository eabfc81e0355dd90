import Foundation

/// How long the athlete waits between the start of a trial and the cue.
public enum Foreperiod: Equatable, Sendable, Codable {
    /// Always the same wait. Easy to anticipate; good for warm-ups.
    case fixed(Duration)
    /// Uniform between `min` and `max`. The hazard rises over the interval,
    /// so late cues become predictable.
    case uniform(min: Duration, max: Duration)
    /// `min` plus an exponential wait with time constant `scale`, truncated at
    /// `max` (inverse-CDF sampling, no rejection). "Non-aging": the chance
    /// that the cue comes in the next instant stays flat, so waiting longer
    /// does not help the athlete anticipate.
    case exponential(min: Duration, max: Duration, scale: Duration)

    /// The shortest foreperiod this distribution can give.
    public var minimum: Duration {
        switch self {
        case .fixed(let value): value
        case .uniform(let min, _), .exponential(let min, _, _): min
        }
    }

    /// The longest foreperiod this distribution can give.
    public var maximum: Duration {
        switch self {
        case .fixed(let value): value
        case .uniform(_, let max), .exponential(_, let max, _): max
        }
    }

    /// The cumulative distribution function at `value` (before rounding to
    /// whole milliseconds), for checking samples against the declared shape.
    public func cumulativeProbability(at value: Duration) -> Double {
        switch self {
        case .fixed(let fixed):
            return value >= fixed ? 1 : 0
        case .uniform(let min, let max):
            if value <= min { return 0 }
            if value >= max { return 1 }
            return (value - min).seconds / (max - min).seconds
        case .exponential(let min, let max, let scale):
            if value <= min { return 0 }
            if value >= max { return 1 }
            let rate = 1 / scale.seconds
            let span = (max - min).seconds
            let x = (value - min).seconds
            return (1 - exp(-rate * x)) / (1 - exp(-rate * span))
        }
    }

    /// A plain description, e.g. `uniform 1s–3s`.
    public var summary: String {
        switch self {
        case .fixed(let value): "fixed \(value.compactDescription)"
        case .uniform(let min, let max): "uniform \(min.compactDescription)–\(max.compactDescription)"
        case .exponential(let min, let max, let scale):
            "non-aging \(min.compactDescription)–\(max.compactDescription) (scale \(scale.compactDescription))"
        }
    }
}
