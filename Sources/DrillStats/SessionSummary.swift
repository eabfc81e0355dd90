import DrillCore

/// The summary printed at the end of a session: the statistics of every side.
public struct SessionSummary: Equatable, Sendable, Codable {
    public var sides: [SessionStatistics]
    /// How the drill is scored; each side's value is its `score`.
    public var score: DrillScore
    /// Trials with at least one timing flag.
    public var flaggedTrials: Int
    /// Partner drills: how evenly the partner cued.
    public var partner: PartnerPace?

    /// Summarises `session`'s trials for every side, with the profile's lapse
    /// threshold unless `lapseThresholdMilliseconds` is given.
    public init(session: SessionResult, lapseThresholdMilliseconds: Double? = nil) {
        let sideNames = session.trials.first.map { $0.sides.map(\.side) } ?? Array(session.athletes.keys).sorted()
        let threshold = lapseThresholdMilliseconds ?? Double(session.lapseThresholdNanoseconds) / 1e6
        sides = sideNames.map { side in
            SessionStatistics(
                side: side, trials: session.trials, lapseThresholdMilliseconds: threshold, headToHead: sideNames.count > 1,
                score: session.score)
        }
        score = session.score
        flaggedTrials = session.trials.filter { !$0.timing.flags.isEmpty }.count
        partner = PartnerPace(trials: session.trials)
    }
}
