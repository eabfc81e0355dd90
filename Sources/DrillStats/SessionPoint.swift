/// One athlete's session, reduced to what trends and leaderboards compare.
public struct SessionPoint: Equatable, Sendable, Codable {
    /// The session's id (as the store shows it).
    public var session: String
    /// Wall-clock start, Unix milliseconds.
    public var startedAtMilliseconds: Int64
    /// Hits with a valid reaction time.
    public var validCount: Int
    /// Median reaction time of the hits, ms.
    public var medianMilliseconds: Double?
    /// Mean 1/RT, 1/s.
    public var meanSpeed: Double?
    /// Correct over judged trials.
    public var accuracy: Double?
    /// The drill's score (its profile says which).
    public var score: Double?

    public init(
        session: String, startedAtMilliseconds: Int64, validCount: Int, medianMilliseconds: Double?, meanSpeed: Double?,
        accuracy: Double?, score: Double? = nil
    ) {
        self.session = session
        self.startedAtMilliseconds = startedAtMilliseconds
        self.validCount = validCount
        self.medianMilliseconds = medianMilliseconds
        self.meanSpeed = meanSpeed
        self.accuracy = accuracy
        self.score = score
    }
}
