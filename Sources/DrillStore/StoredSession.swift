import DrillCore

/// A session as the store holds it: the full record plus its bookkeeping.
public struct StoredSession: Equatable, Sendable, Codable {
    /// The session's number in this store.
    public var id: Int64
    public var uuid: String
    /// `running`, `complete` or `aborted`.
    public var status: SessionStatus
    public var endReason: String?
    public var startedAtMilliseconds: Int64
    public var endedAtMilliseconds: Int64?
    /// Whether the seed was chosen (a fixed drill) rather than drawn at random.
    public var seedChosen: Bool
    public var profileHash: String
    public var stationKind: StationKind
    /// Each side's athlete's team (sides without a team are absent).
    public var teams: [String: String]
    /// Every trial and timestamp.
    public var result: SessionResult
}

/// One line of `snapcue sessions list`.
public struct SessionListing: Equatable, Sendable, Codable {
    /// One side of a listed session.
    public struct Side: Equatable, Sendable, Codable {
        public var side: String
        public var athlete: String
        public var team: String?
        public var trials: Int
        public var validCount: Int
        public var medianMilliseconds: Double?
        public var meanSpeed: Double?
        public var accuracy: Double?
        /// The drill's score (`SessionListing.score` says which).
        public var score: Double?
    }

    public var id: Int64
    public var uuid: String
    public var startedAtMilliseconds: Int64
    public var profile: String
    public var profileVersion: Int
    public var station: String
    public var status: SessionStatus
    public var endReason: String?
    public var seed: UInt64
    public var trials: Int
    public var plannedTrials: Int
    public var flaggedTrials: Int
    public var maxLatenessNanoseconds: Int64?
    public var sides: [Side]
    /// How the drill is scored.
    public var score: DrillScore = .medianReactionTime
}

/// Which sessions a listing or export covers.
public struct SessionFilter: Sendable {
    public var athlete: String?
    public var profile: String?
    /// Unix ms, inclusive.
    public var since: Int64?
    /// Unix ms, exclusive.
    public var until: Int64?
    /// The most recent `limit` sessions only.
    public var limit: Int?
    /// Only the session with this number.
    public var session: Int64?

    public init(
        athlete: String? = nil, profile: String? = nil, since: Int64? = nil, until: Int64? = nil, limit: Int? = nil, session: Int64? = nil
    ) {
        self.session = session
        self.athlete = athlete
        self.profile = profile
        self.since = since
        self.until = until
        self.limit = limit
    }
}
