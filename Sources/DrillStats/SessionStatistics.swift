import DrillCore

/// Reaction times of one foreperiod range.
public struct ForeperiodBin: Equatable, Sendable, Codable {
    /// Shortest foreperiod in the bin, ms.
    public var lowerMilliseconds: Int
    /// Longest foreperiod the bin can hold, ms (inclusive).
    public var upperMilliseconds: Int
    /// Valid reaction times in the bin.
    public var validCount: Int
    /// Their median, ms.
    public var medianMilliseconds: Double?
}

/// Everything a coach reads off one athlete's (one side's) session.
///
/// Definitions (all reaction times are hits only, in ms):
/// - **valid n**: hits; anticipations, false starts, misses and errors carry no valid time.
/// - **median, mean, SD** (n − 1), **IQR** (Q3 − Q1, type-7 quantiles).
/// - **mean 1/RT**: the mean of 1000 / RT, in responses per second ("response
///   speed"; Basner & Dinges 2011). Less swayed by a few slow trials than the mean.
/// - **fastest / slowest 10 %**: the mean RT of the k fastest / slowest hits,
///   k = max(1, round(n / 10)); the slowest 10 % also as mean 1/RT.
/// - **lapses**: hits at or above the lapse threshold, plus misses whose timeout
///   was at or above it (a miss is a reaction slower than its timeout).
/// - **errors**: wrong targets, distractor presses and no-go commissions.
/// - **accuracy**: correct trials (hits, no-go and catch withheld) over all
///   trials but stuck-switch and cut-off ones, which could not be judged.
/// - **d′**: see `DPrime` (go/no-go sessions only).
/// - **time-on-task slope**: least-squares slope of RT against minutes since
///   the session's first cue, ms per minute (positive: slowing down, fatigue).
/// - **RT by foreperiod**: hits binned by their foreperiod; up to four
///   equal-width bins, or one bin per value when there are four or fewer values.
public struct SessionStatistics: Equatable, Sendable, Codable {
    /// The side.
    public var side: String
    /// Trials this side took part in.
    public var trials: Int
    /// Hits: trials with a valid reaction time.
    public var validCount: Int
    public var medianMilliseconds: Double?
    public var meanMilliseconds: Double?
    /// Sample standard deviation, ms.
    public var standardDeviationMilliseconds: Double?
    public var interquartileRangeMilliseconds: Double?
    /// Mean of 1000 / RT, 1/s.
    public var meanSpeed: Double?
    public var fastestMilliseconds: Double?
    public var slowestMilliseconds: Double?
    /// Mean RT of the fastest 10 %, ms.
    public var fastest10PercentMilliseconds: Double?
    /// Mean RT of the slowest 10 %, ms.
    public var slowest10PercentMilliseconds: Double?
    /// Mean 1/RT of the slowest 10 %, 1/s.
    public var slowest10PercentSpeed: Double?
    /// Median movement time of hits (home-release drills; gate runs: decision gate to target), ms.
    public var medianMovementMilliseconds: Double?
    /// Gate runs: median total time of hits, start gate to target, ms.
    public var medianTotalMilliseconds: Double?
    /// Gate runs: the fastest total time of a hit, ms.
    public var bestTotalMilliseconds: Double?
    /// Gate runs: each target's best total time of a hit, ms.
    public var bestTotalMillisecondsByTarget: [String: Double]
    public var lapseThresholdMilliseconds: Double
    public var lapses: Int
    public var anticipations: Int
    public var falseStarts: Int
    public var misses: Int
    /// Wrong targets plus no-go commissions.
    public var errors: Int
    public var accuracy: Double?
    /// Go/no-go sensitivity; nil without both go and no-go trials.
    public var dPrime: DPrime?
    /// ms per minute; nil for fewer than three hits.
    public var timeOnTaskSlopeMillisecondsPerMinute: Double?
    public var foreperiodBins: [ForeperiodBin]
    /// Count of each outcome, by outcome name.
    public var outcomes: [String: Int]
    /// Head-to-head trials won (ties count for both); nil for one-athlete drills.
    public var wins: Int?
    /// The drill's score (the `score` the statistics were made with); nil when the session gives none.
    public var score: Double?

    /// How many trials had `outcome`.
    public func count(_ outcome: Outcome) -> Int { outcomes[outcome.rawValue] ?? 0 }

    /// The statistics of `side` over `trials`.
    public init(
        side: String, trials records: [TrialRecord], lapseThresholdMilliseconds: Double, headToHead: Bool = false,
        score drillScore: DrillScore = .medianReactionTime
    ) {
        let results = records.compactMap { record in record.result(for: side).map { (record, $0) } }
        let hits = results.filter { $0.1.outcome == .hit && $0.1.reactionTimeNanoseconds != nil }
        let times = hits.map { Double($0.1.reactionTimeNanoseconds!) / 1e6 }
        var outcomes: [String: Int] = [:]
        for (_, result) in results { outcomes[result.outcome.rawValue, default: 0] += 1 }
        let judged = results.filter { $0.1.outcome != .stuckSwitch && $0.1.outcome != .cutOff }
        let correct = judged.filter { [.hit, .noGoCorrect, .catchCorrect].contains($0.1.outcome) }.count

        self.side = side
        trials = results.count
        validCount = times.count
        medianMilliseconds = Descriptive.median(times)
        meanMilliseconds = Descriptive.mean(times)
        standardDeviationMilliseconds = Descriptive.standardDeviation(times)
        interquartileRangeMilliseconds = Descriptive.interquartileRange(times)
        let speeds = times.map { 1000 / $0 }
        meanSpeed = Descriptive.mean(speeds)
        fastestMilliseconds = times.min()
        slowestMilliseconds = times.max()
        fastest10PercentMilliseconds = Descriptive.meanOfExtreme(times, fraction: 0.1, largest: false)
        slowest10PercentMilliseconds = Descriptive.meanOfExtreme(times, fraction: 0.1, largest: true)
        slowest10PercentSpeed = Descriptive.meanOfExtreme(speeds, fraction: 0.1, largest: false)
        medianMovementMilliseconds = Descriptive.median(hits.compactMap(\.1.movementTimeNanoseconds).map { Double($0) / 1e6 })
        let runs = hits.compactMap { _, result in result.totalTimeNanoseconds.map { (target: result.expectedSwitch ?? "", milliseconds: Double($0) / 1e6) } }
        medianTotalMilliseconds = Descriptive.median(runs.map(\.milliseconds))
        bestTotalMilliseconds = runs.map(\.milliseconds).min()
        bestTotalMillisecondsByTarget = Dictionary(grouping: runs, by: \.target).compactMapValues { $0.map(\.milliseconds).min() }
        self.lapseThresholdMilliseconds = lapseThresholdMilliseconds
        let thresholdNanoseconds = Int64((lapseThresholdMilliseconds * 1e6).rounded())
        let slowMisses = results.filter { record, result in
            guard result.outcome == .miss else { return false }
            let onset = record.onset ?? record.scheduledOnset
            return result.decidedAt.nanoseconds - onset.nanoseconds >= thresholdNanoseconds
        }
        lapses = times.filter { $0 >= lapseThresholdMilliseconds }.count + slowMisses.count
        anticipations = outcomes[Outcome.anticipation.rawValue] ?? 0
        falseStarts = outcomes[Outcome.falseStart.rawValue] ?? 0
        misses = outcomes[Outcome.miss.rawValue] ?? 0
        errors = results.filter(\.1.outcome.isCommissionError).count
        accuracy = judged.isEmpty ? nil : Double(correct) / Double(judged.count)
        dPrime = Self.sensitivity(results.map(\.1.outcome), kinds: results.map(\.0.planned.kind))
        timeOnTaskSlopeMillisecondsPerMinute = Self.timeOnTask(hits.map(\.0), times: times)
        foreperiodBins = Self.bins(foreperiods: hits.map(\.0.planned.foreperiodMilliseconds), times: times)
        self.outcomes = outcomes
        wins = headToHead ? records.filter { $0.winners.contains(side) }.count : nil
        score = drillScore.value(side: side, trials: records, statistics: self)
    }

    private static func sensitivity(_ outcomes: [Outcome], kinds: [TrialKind]) -> DPrime? {
        var go = 0, goResponses = 0, noGo = 0, commissions = 0
        for (outcome, kind) in zip(outcomes, kinds) {
            switch (kind, outcome) {
            case (.go, .hit), (.go, .wrongTarget): go += 1; goResponses += 1
            case (.go, .miss): go += 1
            case (.noGo, .noGoCommission): noGo += 1; commissions += 1
            case (.noGo, .noGoCorrect): noGo += 1
            default: break
            }
        }
        return DPrime(goTrials: go, goResponses: goResponses, noGoTrials: noGo, commissions: commissions)
    }

    private static func timeOnTask(_ records: [TrialRecord], times: [Double]) -> Double? {
        guard let first = records.first.map({ ($0.onset ?? $0.scheduledOnset).nanoseconds }) else { return nil }
        let minutes = records.map { Double(($0.onset ?? $0.scheduledOnset).nanoseconds - first) / 60e9 }
        return Descriptive.leastSquaresSlope(x: minutes, y: times)
    }

    private static func bins(foreperiods: [Int], times: [Double]) -> [ForeperiodBin] {
        guard let low = foreperiods.min(), let high = foreperiods.max() else { return [] }
        let distinct = Set(foreperiods).sorted()
        let ranges: [ClosedRange<Int>]
        if distinct.count <= 4 {
            ranges = distinct.map { $0...$0 }
        } else {
            let width = Double(high - low) / 4
            let edges = (0...4).map { low + Int((Double($0) * width).rounded()) }
            ranges = (0..<4).map { $0 == 3 ? edges[3]...high : edges[$0]...(edges[$0 + 1] - 1) }
        }
        return ranges.map { range in
            let inBin = zip(foreperiods, times).filter { range.contains($0.0) }.map(\.1)
            return ForeperiodBin(
                lowerMilliseconds: range.lowerBound, upperMilliseconds: range.upperBound, validCount: inBin.count,
                medianMilliseconds: Descriptive.median(inBin))
        }
    }
}
