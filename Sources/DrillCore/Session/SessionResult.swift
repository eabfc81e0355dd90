/// A whole session: what was run, with which seed, and every trial.
public struct SessionResult: Equatable, Sendable, Codable {
    /// The profile's name.
    public var profileName: String
    /// The profile's version.
    public var profileVersion: Int
    /// The profile's title.
    public var profileTitle: String
    /// The seed of the plan: the same profile and seed replay the same drill.
    public var seed: UInt64
    /// The station's name.
    public var station: String
    /// Who stood at each side (`side → athlete name`).
    public var athletes: [String: String]
    /// Wall-clock start, ISO 8601 (for people; all trial times are monotonic).
    public var startedAt: String
    /// How the drill ended.
    public var end: DrillEnd
    /// Planned trials (an upper bound for time-limited sets).
    public var plannedTrials: Int
    /// Every completed trial, in order.
    public var trials: [TrialRecord]
    /// Lapse threshold of the profile, for summaries.
    public var lapseThresholdNanoseconds: Int64
    /// How the drill is scored.
    public var score: DrillScore = .medianReactionTime
    /// Partner drills: the partner's name, when given (the partner is recorded, not scored).
    public var partner: String?

    public init(
        profile: Profile, seed: UInt64, station: String, athletes: [String: String], startedAt: String,
        plannedTrials: Int
    ) {
        profileName = profile.name
        profileVersion = profile.version
        profileTitle = profile.title
        self.seed = seed
        self.station = station
        self.athletes = athletes
        self.startedAt = startedAt
        end = .fault(reason: "in progress")
        self.plannedTrials = plannedTrials
        trials = []
        lapseThresholdNanoseconds = profile.lapseThreshold.nanoseconds
        score = profile.score
    }

    /// A session as stored: every field given.
    public init(
        profileName: String, profileVersion: Int, profileTitle: String, seed: UInt64, station: String,
        athletes: [String: String], startedAt: String, end: DrillEnd, plannedTrials: Int, trials: [TrialRecord],
        lapseThresholdNanoseconds: Int64, score: DrillScore = .medianReactionTime, partner: String? = nil
    ) {
        self.profileName = profileName
        self.profileVersion = profileVersion
        self.profileTitle = profileTitle
        self.seed = seed
        self.station = station
        self.athletes = athletes
        self.startedAt = startedAt
        self.end = end
        self.plannedTrials = plannedTrials
        self.trials = trials
        self.lapseThresholdNanoseconds = lapseThresholdNanoseconds
        self.score = score
        self.partner = partner
    }

    /// Adds what an engine action settles: completed trials and the end.
    public mutating func record(_ action: EngineAction) {
        switch action {
        case .trialCompleted(let trial): trials.append(trial)
        case .finished(let end): self.end = end
        default: break
        }
    }
}
