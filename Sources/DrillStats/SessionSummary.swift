import DrillCore

/// One athlete's (one side's) summary of a session.
public struct SideSummary: Equatable, Sendable, Codable {
    /// The side.
    public var side: String
    /// Trials this side took part in.
    public var trials: Int
    /// Hits: trials with a valid reaction time.
    public var validCount: Int
    /// Median reaction time of hits, ms.
    public var medianMilliseconds: Double?
    /// Mean reaction time of hits, ms.
    public var meanMilliseconds: Double?
    /// Sample standard deviation of hit reaction times, ms.
    public var standardDeviationMilliseconds: Double?
    /// Fastest hit, ms.
    public var fastestMilliseconds: Double?
    /// Slowest hit, ms.
    public var slowestMilliseconds: Double?
    /// Median movement time of hits (home-release drills), ms.
    public var medianMovementMilliseconds: Double?
    /// Hits at or above the lapse threshold.
    public var lapses: Int
    /// Count of each outcome, by outcome name.
    public var outcomes: [String: Int]
    /// Wrong targets plus no-go commissions.
    public var errors: Int
    /// Correct trials (hits, no-go and catch correctly withheld) over all
    /// trials except stuck-switch ones, which could not be judged.
    public var accuracy: Double?
    /// Head-to-head trials won (ties count for both).
    public var wins: Int?

    /// How many trials had `outcome`.
    public func count(_ outcome: Outcome) -> Int { outcomes[outcome.rawValue] ?? 0 }
}

/// The summary printed at the end of a session, per side.
public struct SessionSummary: Equatable, Sendable, Codable {
    public var sides: [SideSummary]
    /// Trials with at least one timing flag.
    public var flaggedTrials: Int

    /// Summarises `session`'s trials for every side.
    public init(session: SessionResult) {
        let sideNames = session.trials.first.map { $0.sides.map(\.side) } ?? Array(session.athletes.keys).sorted()
        let headToHead = sideNames.count > 1
        sides = sideNames.map { side in
            Self.summarize(
                side: side, trials: session.trials,
                lapseThreshold: Double(session.lapseThresholdNanoseconds) / 1e6, headToHead: headToHead)
        }
        flaggedTrials = session.trials.filter { !$0.timing.flags.isEmpty }.count
    }

    static func summarize(side: String, trials: [TrialRecord], lapseThreshold: Double, headToHead: Bool) -> SideSummary {
        let results = trials.compactMap { $0.result(for: side) }
        let hits = results.filter { $0.outcome == .hit }
        let times = hits.compactMap(\.reactionTimeNanoseconds).map { Double($0) / 1e6 }
        let movements = hits.compactMap(\.movementTimeNanoseconds).map { Double($0) / 1e6 }
        var outcomes: [String: Int] = [:]
        for result in results { outcomes[result.outcome.rawValue, default: 0] += 1 }
        let judged = results.filter { $0.outcome != .stuckSwitch }
        let correct = judged.filter { [.hit, .noGoCorrect, .catchCorrect].contains($0.outcome) }.count
        return SideSummary(
            side: side, trials: results.count, validCount: hits.count,
            medianMilliseconds: Descriptive.median(times), meanMilliseconds: Descriptive.mean(times),
            standardDeviationMilliseconds: Descriptive.standardDeviation(times),
            fastestMilliseconds: times.min(), slowestMilliseconds: times.max(),
            medianMovementMilliseconds: Descriptive.median(movements),
            lapses: times.filter { $0 >= lapseThreshold }.count,
            outcomes: outcomes, errors: results.filter(\.outcome.isCommissionError).count,
            accuracy: judged.isEmpty ? nil : Double(correct) / Double(judged.count),
            wins: headToHead ? trials.filter { $0.winners.contains(side) }.count : nil)
    }
}
