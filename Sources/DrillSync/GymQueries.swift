import DrillStats
import DrillStore
import PostgresNIO

/// The whole gym's leaderboards and trends, read from the gym database: the
/// same questions `Store` answers for one station, over every station's sessions.
extension GymDatabase {
    /// The complete sessions a gym leaderboard ranks, and the version it ranks.
    public func leaderboardCandidates(_ query: LeaderboardQuery) async throws -> (version: Int, candidates: [Leaderboard.Candidate]) {
        var versions: [Int] = []
        for try await version in try await run("SELECT DISTINCT version FROM profile WHERE name = \(query.profile) ORDER BY version").decode(Int.self) {
            versions.append(version)
        }
        guard let newest = versions.last else {
            throw GymError("no station has synced sessions of a profile named '\(query.profile)'", fix: "check the name, or sync the stations first (snapcue sync)")
        }
        let version = query.version ?? newest
        guard versions.contains(version) else {
            throw GymError("'\(query.profile)' has no synced sessions of version \(version)", fix: "versions with sessions: \(versions.map(String.init).joined(separator: ", "))")
        }
        let rows = try await run("""
            SELECT s.uuid, s.started_at_ms, sa.valid_count, sa.median_rt_ms, sa.mean_speed, sa.accuracy, sa.score, a.name, a.team
            FROM session s
            JOIN profile p ON p.content_hash = s.profile_hash
            JOIN session_athlete sa ON sa.session_uuid = s.uuid
            JOIN athlete a ON a.uuid = sa.athlete_uuid
            WHERE p.name = \(query.profile) AND p.version = \(version) AND s.status = 'complete'
              AND (\(query.team)::text IS NULL OR lower(a.team) = lower(\(query.team)))
              AND (\(query.since)::bigint IS NULL OR s.started_at_ms >= \(query.since))
              AND (\(query.until)::bigint IS NULL OR s.started_at_ms < \(query.until))
              AND (\(query.seed.map { Int64(bitPattern: $0) })::bigint IS NULL OR s.seed = \(query.seed.map { Int64(bitPattern: $0) }))
            """)
        var candidates: [Leaderboard.Candidate] = []
        for try await (uuid, started, valid, median, speed, accuracy, score, name, team) in rows.decode(
            (String, Int64, Int, Double?, Double?, Double?, Double?, String, String?).self)
        {
            candidates.append(Leaderboard.Candidate(
                athlete: name, team: team,
                point: SessionPoint(
                    session: uuid, startedAtMilliseconds: started, validCount: valid, medianMilliseconds: median, meanSpeed: speed,
                    accuracy: accuracy, score: score)))
        }
        return (version, candidates)
    }

    /// An athlete's complete sessions across the gym, grouped by drill, most-run drill first.
    public func history(athlete: String, profile: String? = nil) async throws -> (name: String, drills: [AthleteHistory]) {
        var found: (uuid: String, name: String)?
        for try await (uuid, name) in try await run("SELECT uuid, name FROM athlete WHERE name_key = \(GymSync.nameKey(athlete))").decode((String, String).self) {
            found = (uuid, name)
        }
        guard let found else {
            throw GymError("no athlete named '\(athlete)' in the gym database", fix: "check the name, or sync the station that has them (snapcue sync)")
        }
        let rows = try await run("""
            SELECT s.uuid, s.started_at_ms, p.name, p.version, p.title, sa.valid_count, sa.median_rt_ms, sa.mean_speed, sa.accuracy
            FROM session_athlete sa JOIN session s ON s.uuid = sa.session_uuid JOIN profile p ON p.content_hash = s.profile_hash
            WHERE sa.athlete_uuid = \(found.uuid) AND s.status = 'complete' AND (\(profile)::text IS NULL OR p.name = \(profile))
            ORDER BY s.started_at_ms, s.uuid
            """)
        var groups: [String: AthleteHistory] = [:]
        for try await (uuid, started, name, version, title, valid, median, speed, accuracy) in rows.decode(
            (String, Int64, String, Int, String, Int, Double?, Double?, Double?).self)
        {
            groups["\(name)\u{0}\(version)", default: AthleteHistory(profile: name, profileVersion: version, title: title, points: [])].points.append(
                SessionPoint(session: uuid, startedAtMilliseconds: started, validCount: valid, medianMilliseconds: median, meanSpeed: speed, accuracy: accuracy))
        }
        let drills = groups.values.sorted { ($0.points.count, $1.profile, $0.profileVersion) > ($1.points.count, $0.profile, $1.profileVersion) }
        return (found.name, drills)
    }
}
