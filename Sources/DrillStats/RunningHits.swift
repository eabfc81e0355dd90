import DrillCore

/// Each side's valid reaction times as a drill goes: the running median and best
/// that the terminal's status line and the live page show after every trial.
public struct RunningHits: Equatable, Sendable {
    private var times: [String: [Double]] = [:]

    public init() {}

    /// Counts `result` if it is a valid reaction with a time.
    public mutating func record(_ result: SideResult) {
        guard result.outcome.isValidReaction, let nanoseconds = result.reactionTimeNanoseconds else { return }
        times[result.side, default: []].append(Double(nanoseconds) / 1e6)
    }

    /// The side's hits so far.
    public func count(side: String) -> Int { times[side]?.count ?? 0 }

    /// The median of the side's hits so far, ms.
    public func medianMilliseconds(side: String) -> Double? { times[side].flatMap(Descriptive.median) }

    /// The side's fastest hit so far, ms.
    public func bestMilliseconds(side: String) -> Double? { times[side]?.min() }
}
