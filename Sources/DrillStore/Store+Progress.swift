import DrillCore
import DrillStats
import GRDB

/// One athlete's sessions of one drill (profile name and version).
public struct AthleteHistory: Equatable, Sendable, Codable {
    public var profile: String
    public var profileVersion: Int
    /// The drill's title (what headings show).
    public var title: String
    /// Complete sessions, oldest first.
    public var points: [SessionPoint]

    public init(profile: String, profileVersion: Int, title: String, points: [SessionPoint]) {
        self.profile = profile
        self.profileVersion = profileVersion
        self.title = title
        self.points = points
    }
}

/// Which sessions a leaderboard ranks.
public struct LeaderboardQuery: Sendable {
    public var profile: String
    /// The profile version; the newest one with sessions if nil.
    public var version: Int?
    public var team: String?
    /// Unix ms, inclusive.
    public var since: Int64?
    /// Unix ms, exclusive.
    public var until: Int64?
    /// Only sessions with this exact seed (the identical drill); any seed if nil.
    public var seed: UInt64?

    public init(profile: String, version: Int? = nil, team: String? = nil, since: Int64? = nil, until: Int64? = nil, seed: UInt64? = nil) {
        self.profile = profile
        self.version = version
        self.team = team
        self.since = since
        self.until = until
        self.seed = seed
    }
}

extension Store {
    /// `athlete`'s complete sessions, grouped by drill (profile name and version), most-run drill first.
    public func history(athlete: String, profile: String? = nil) throws -> [AthleteHistory] {
        try read { db in
            guard let athleteID = try Self.athleteID(db, name: athlete) else {
                throw Self.unknownAthlete(athlete, among: try String.fetchAll(db, sql: "SELECT name FROM athlete"))
            }
            if let profile { try Self.requireProfile(db, profile) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.started_at_ms, p.name, p.version, p.title, sa.valid_count, sa.median_rt_ms, sa.mean_speed, sa.accuracy, sa.score
                    FROM session_athlete sa JOIN session s ON s.id = sa.session_id JOIN profile p ON p.id = s.profile_id
                    WHERE sa.athlete_id = ? AND s.status = 'complete' AND (?2 IS NULL OR p.name = ?2)
                    ORDER BY s.started_at_ms, s.id
                    """,
                arguments: [athleteID, profile])
            var groups: [String: AthleteHistory] = [:]
            for row in rows {
                let key = "\(row["name"] as String)\u{0}\(row["version"] as Int)"
                groups[key, default: AthleteHistory(profile: row["name"], profileVersion: row["version"], title: row["title"], points: [])].points.append(
                    SessionPoint(
                        session: "\(row["id"] as Int64)", startedAtMilliseconds: row["started_at_ms"], validCount: row["valid_count"],
                        medianMilliseconds: row["median_rt_ms"], meanSpeed: row["mean_speed"], accuracy: row["accuracy"],
                        score: row["score"]))
            }
            return groups.values.sorted { ($0.points.count, $1.profile, $0.profileVersion) > ($1.points.count, $0.profile, $1.profileVersion) }
        }
    }

    /// The complete sessions a leaderboard ranks, and the version it ranks.
    public func leaderboardCandidates(_ query: LeaderboardQuery) throws -> (version: Int, candidates: [Leaderboard.Candidate]) {
        try read { db in
            try Self.requireProfile(db, query.profile)
            let versions = try Int.fetchAll(db, sql: "SELECT DISTINCT version FROM profile WHERE name = ? ORDER BY version", arguments: [query.profile])
            let version = query.version ?? versions.last!
            guard versions.contains(version) else {
                throw StoreError("'\(query.profile)' has no sessions of version \(version)", fix: "versions with sessions: \(versions.map(String.init).joined(separator: ", "))", kind: .notFound)
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.started_at_ms, sa.valid_count, sa.median_rt_ms, sa.mean_speed, sa.accuracy, sa.score, a.name, a.team
                    FROM session s
                    JOIN profile p ON p.id = s.profile_id
                    JOIN session_athlete sa ON sa.session_id = s.id
                    JOIN athlete a ON a.id = sa.athlete_id
                    WHERE p.name = ?1 AND p.version = ?2 AND s.status = 'complete'
                      AND (?3 IS NULL OR a.team = ?3 COLLATE NOCASE)
                      AND (?4 IS NULL OR s.started_at_ms >= ?4) AND (?5 IS NULL OR s.started_at_ms < ?5)
                      AND (?6 IS NULL OR s.seed = ?6)
                    """,
                arguments: [query.profile, version, query.team, query.since, query.until, query.seed.map { Int64(bitPattern: $0) }])
            let candidates = rows.map { row in
                Leaderboard.Candidate(
                    athlete: row["name"], team: row["team"],
                    point: SessionPoint(
                        session: "\(row["id"] as Int64)", startedAtMilliseconds: row["started_at_ms"], validCount: row["valid_count"],
                        medianMilliseconds: row["median_rt_ms"], meanSpeed: row["mean_speed"], accuracy: row["accuracy"],
                        score: row["score"]))
            }
            return (version, candidates)
        }
    }

    /// How `profile` (its newest version, or `version`) is scored: what `--metric score` ranks by.
    public func score(ofProfile profile: String, version: Int? = nil) throws -> DrillScore {
        try read { db in
            let name = try String.fetchOne(
                db, sql: "SELECT score FROM profile WHERE name = ? AND (? IS NULL OR version = ?) ORDER BY version DESC, id DESC LIMIT 1",
                arguments: [profile, version, version])
            return DrillScore.stored(name)
        }
    }

    /// Teams that have athletes, for checking a `--team` filter.
    public func teams() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT team FROM athlete WHERE team IS NOT NULL ORDER BY team") }
    }
}
