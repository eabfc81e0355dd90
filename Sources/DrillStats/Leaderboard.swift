import DrillCore

/// What a leaderboard ranks by.
public enum LeaderboardMetric: String, CaseIterable, Equatable, Sendable, Codable {
    /// Session median RT, lower is better (the default).
    case median
    /// Session mean 1/RT, higher is better.
    case speed
    /// Session accuracy, higher is better.
    case accuracy
    /// The drill's declared score, in its own direction (`DrillScore.lowerIsBetter`).
    case score
}

extension DrillScore {
    /// What a leaderboard of this drill ranks by unless asked otherwise: its declared score, or the median.
    public var defaultMetric: LeaderboardMetric { self == .medianReactionTime ? .median : .score }

    /// The valid trials a session needs to count unless asked otherwise: 10 for a median, 1 for a declared
    /// score (a Batak set or a time to 20 hits is whole whatever its count of hits).
    public var defaultMinimumValidTrials: Int { self == .medianReactionTime ? 10 : 1 }
}

/// A ranking of athletes in one drill (one profile version).
///
/// Rules, applied in this order:
/// 1. A session counts if it has at least `minimumValidTrials` hits and a value for the metric.
/// 2. Each athlete is ranked by their best counting session (their other sessions do not count).
/// 3. Athletes are ordered by that value: median RT ascending; speed and accuracy descending;
///    the drill's score in its own direction (time and reaction-time sums ascending, hits and wins descending).
/// 4. Equal values (compared exactly, not as displayed) are broken by, in turn:
///    more valid trials; for accuracy, the lower median RT; the earlier session
///    (who got there first); the athlete's name. Every row has its own rank, and
///    `tieBrokenBy` names the rule that separated a row from an equal one above it.
public struct Leaderboard: Equatable, Sendable, Codable {
    /// One athlete's session as a candidate.
    public struct Candidate: Equatable, Sendable, Codable {
        public var athlete: String
        public var team: String?
        public var point: SessionPoint

        public init(athlete: String, team: String?, point: SessionPoint) {
            self.athlete = athlete
            self.team = team
            self.point = point
        }
    }

    /// One ranked athlete.
    public struct Row: Equatable, Sendable, Codable {
        public var rank: Int
        public var athlete: String
        public var team: String?
        /// The best session.
        public var best: SessionPoint
        /// The metric's value of `best`.
        public var value: Double
        /// Counting sessions the athlete had.
        public var countingSessions: Int
        /// The rule that ordered this row after an equal value above it.
        public var tieBrokenBy: String?
    }

    public var metric: LeaderboardMetric
    /// The drill's score (what `.score` ranks by).
    public var score: DrillScore
    public var minimumValidTrials: Int
    public var rows: [Row]

    public init(
        candidates: [Candidate], metric: LeaderboardMetric = .median, minimumValidTrials: Int = 10,
        score: DrillScore = .medianReactionTime
    ) {
        self.metric = metric
        self.score = score
        self.minimumValidTrials = minimumValidTrials
        let lowerFirst = metric == .median || (metric == .score && score.lowerIsBetter)
        let counting = candidates.filter { $0.point.validCount >= minimumValidTrials && Self.value($0.point, metric) != nil }
        let byAthlete = Dictionary(grouping: counting, by: \.athlete)
        let bests = byAthlete.values.map { sessions in
            (sessions.min { Self.ordering($0, $1, metric, lowerFirst: lowerFirst).isBefore }!, sessions.count)
        }
        let sorted = bests.sorted { Self.ordering($0.0, $1.0, metric, lowerFirst: lowerFirst).isBefore }
        rows = sorted.enumerated().map { index, entry in
            let tieBrokenBy = index > 0 ? Self.ordering(sorted[index - 1].0, entry.0, metric, lowerFirst: lowerFirst).decidedBy : nil
            return Row(
                rank: index + 1, athlete: entry.0.athlete, team: entry.0.team, best: entry.0.point,
                value: Self.value(entry.0.point, metric)!, countingSessions: entry.1, tieBrokenBy: tieBrokenBy)
        }
    }

    /// The metric's value of a session.
    public static func value(_ point: SessionPoint, _ metric: LeaderboardMetric) -> Double? {
        switch metric {
        case .median: point.medianMilliseconds
        case .speed: point.meanSpeed
        case .accuracy: point.accuracy
        case .score: point.score
        }
    }

    /// Whether `a` goes before `b`, and which tie-break rule decided (nil: the metric itself).
    private static func ordering(
        _ a: Candidate, _ b: Candidate, _ metric: LeaderboardMetric, lowerFirst: Bool
    ) -> (isBefore: Bool, decidedBy: String?) {
        let va = value(a.point, metric)!, vb = value(b.point, metric)!
        if va != vb { return (lowerFirst ? va < vb : va > vb, nil) }
        if a.point.validCount != b.point.validCount { return (a.point.validCount > b.point.validCount, "more valid trials") }
        if metric == .accuracy, let ma = a.point.medianMilliseconds, let mb = b.point.medianMilliseconds, ma != mb {
            return (ma < mb, "lower median RT")
        }
        if a.point.startedAtMilliseconds != b.point.startedAtMilliseconds {
            return (a.point.startedAtMilliseconds < b.point.startedAtMilliseconds, "earlier session")
        }
        if a.athlete != b.athlete { return (a.athlete.lowercased() < b.athlete.lowercased() || (a.athlete.lowercased() == b.athlete.lowercased() && a.athlete < b.athlete), "name") }
        return (a.point.session < b.point.session, "session id")
    }
}
