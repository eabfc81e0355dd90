import GRDB

/// A drill that has sessions here, for the leaderboards index.
public struct DrillOverview: Equatable, Sendable, Codable {
    public var profile: String
    /// The newest version with sessions (the one leaderboards rank by default).
    public var latestVersion: Int
    /// The newest version's title.
    public var title: String
    /// Every version with sessions, oldest first.
    public var versions: [Int]
    /// Complete sessions, all versions.
    public var completeSessions: Int
    /// Athletes with a complete session.
    public var athletes: Int
    /// Start of the latest session, Unix ms.
    public var lastSessionAtMilliseconds: Int64?
}

/// An athlete with their session count, for the athletes index.
public struct AthleteOverview: Equatable, Sendable, Codable {
    public var athlete: Athlete
    /// Complete sessions.
    public var completeSessions: Int
    /// Start of the latest session (any status), Unix ms.
    public var lastSessionAtMilliseconds: Int64?
}

extension Store {
    /// Every drill with a stored session, most recently run first.
    public func drillOverviews() throws -> [DrillOverview] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.name,
                        MAX(p.version) AS latest,
                        GROUP_CONCAT(DISTINCT p.version) AS versions,
                        SUM(s.status = 'complete') AS complete,
                        (SELECT COUNT(DISTINCT sa.athlete_id) FROM session_athlete sa JOIN session s2 ON s2.id = sa.session_id
                            JOIN profile p2 ON p2.id = s2.profile_id WHERE p2.name = p.name AND s2.status = 'complete') AS athletes,
                        MAX(s.started_at_ms) AS last_at,
                        (SELECT title FROM profile p3 WHERE p3.name = p.name ORDER BY p3.version DESC, p3.id DESC LIMIT 1) AS title
                    FROM profile p JOIN session s ON s.profile_id = p.id
                    GROUP BY p.name
                    ORDER BY last_at DESC
                    """)
            return rows.map { row in
                let versions = (row["versions"] as String? ?? "").split(separator: ",").compactMap { Int($0) }.sorted()
                return DrillOverview(
                    profile: row["name"], latestVersion: row["latest"], title: row["title"], versions: Array(Set(versions)).sorted(),
                    completeSessions: row["complete"] ?? 0, athletes: row["athletes"] ?? 0, lastSessionAtMilliseconds: row["last_at"])
            }
        }
    }

    /// Every athlete (of `team`, if given) with their session counts, by name.
    public func athleteOverviews(team: String? = nil) throws -> [AthleteOverview] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.*,
                        (SELECT COUNT(*) FROM session_athlete sa JOIN session s ON s.id = sa.session_id
                            WHERE sa.athlete_id = a.id AND s.status = 'complete') AS complete,
                        (SELECT MAX(s.started_at_ms) FROM session_athlete sa JOIN session s ON s.id = sa.session_id
                            WHERE sa.athlete_id = a.id) AS last_at
                    FROM athlete a
                    WHERE (?1 IS NULL OR a.team = ?1 COLLATE NOCASE)
                    ORDER BY a.name COLLATE NOCASE
                    """,
                arguments: [team])
            return rows.map { row in
                AthleteOverview(athlete: Self.athlete(row), completeSessions: row["complete"], lastSessionAtMilliseconds: row["last_at"])
            }
        }
    }
}
