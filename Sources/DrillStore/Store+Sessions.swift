import DrillCore
import DrillStats
import GRDB

extension Store {
    /// Sessions matching `filter`, newest first.
    public func sessions(_ filter: SessionFilter = SessionFilter()) throws -> [SessionListing] {
        try read { db in
            let athleteID = try filter.athlete.map { name in
                guard let id = try Self.athleteID(db, name: name) else {
                    throw Self.unknownAthlete(name, among: try String.fetchAll(db, sql: "SELECT name FROM athlete"))
                }
                return id
            }
            if let profile = filter.profile { try Self.requireProfile(db, profile) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*, p.name AS profile_name, p.version AS profile_version, p.score AS profile_score, st.name AS station_name
                    FROM session s JOIN profile p ON p.id = s.profile_id JOIN station st ON st.id = s.station_id
                    WHERE (?1 IS NULL OR s.id IN (SELECT session_id FROM session_athlete WHERE athlete_id = ?1))
                      AND (?2 IS NULL OR p.name = ?2)
                      AND (?3 IS NULL OR s.started_at_ms >= ?3) AND (?4 IS NULL OR s.started_at_ms < ?4)
                      AND (?6 IS NULL OR s.id = ?6)
                    ORDER BY s.started_at_ms DESC, s.id DESC
                    LIMIT ?5
                    """,
                arguments: [athleteID, filter.profile, filter.since, filter.until, filter.limit ?? -1, filter.session])
            return try rows.map { row in
                let id: Int64 = row["id"]
                let sides = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT sa.*, a.name, a.team FROM session_athlete sa JOIN athlete a ON a.id = sa.athlete_id
                        WHERE sa.session_id = ? ORDER BY sa.side
                        """,
                    arguments: [id]
                ).map { side in
                    SessionListing.Side(
                        side: side["side"], athlete: side["name"], team: side["team"], trials: side["trials"],
                        validCount: side["valid_count"], medianMilliseconds: side["median_rt_ms"], meanSpeed: side["mean_speed"],
                        accuracy: side["accuracy"], score: side["score"])
                }
                return SessionListing(
                    id: id, uuid: row["uuid"], startedAtMilliseconds: row["started_at_ms"], profile: row["profile_name"],
                    profileVersion: row["profile_version"], station: row["station_name"], status: try SessionStatus.parse(row["status"], place: path),
                    endReason: row["end_reason"], seed: UInt64(bitPattern: row["seed"]), trials: row["trial_count"],
                    plannedTrials: row["planned_trials"], flaggedTrials: row["flagged_trials"],
                    maxLatenessNanoseconds: row["max_lateness_ns"], sides: sides,
                    score: DrillScore.stored(row["profile_score"]))
            }
        }
    }

    /// The whole session `id`, every trial and timestamp.
    public func session(id: Int64) throws -> StoredSession {
        try read { db in
            guard let session = try Self.loadSession(db, id: id) else {
                let newest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM session")
                throw StoreError(
                    "no session \(id) in \(path)",
                    fix: newest.map { "sessions are numbered 1 to \($0): see 'snapcue sessions list'" } ?? "no sessions are stored yet: run a drill first",
                    kind: .notFound)
            }
            return session
        }
    }

    /// The columns of a stored session: the session row, its profile and station. Add a WHERE clause.
    static let sessionSelect = """
        SELECT s.*, p.name AS profile_name, p.version AS profile_version, p.title AS profile_title,
            p.score AS profile_score, p.content_hash, st.name AS station_name, st.kind AS station_kind
        FROM session s JOIN profile p ON p.id = s.profile_id JOIN station st ON st.id = s.station_id
        """

    /// The stored session `id`, with its trials.
    static func loadSession(_ db: Database, id: Int64) throws -> StoredSession? {
        guard let row = try Row.fetchOne(db, sql: sessionSelect + " WHERE s.id = ?", arguments: [id]) else { return nil }
        var athletes: [String: String] = [:]
        var teams: [String: String] = [:]
        for side in try Row.fetchAll(
            db, sql: "SELECT sa.side, a.name, a.team FROM session_athlete sa JOIN athlete a ON a.id = sa.athlete_id WHERE sa.session_id = ?",
            arguments: [id])
        {
            athletes[side["side"]] = side["name"]
            if let team: String = side["team"] { teams[side["side"]] = team }
        }
        return try storedSession(row, athletes: athletes, teams: teams, trials: try loadTrials(db, session: id))
    }

    /// A stored session from a `sessionSelect` row and what was read beside it.
    static func storedSession(_ row: Row, athletes: [String: String], teams: [String: String], trials: [TrialRecord]) throws -> StoredSession {
        let status = try SessionStatus.parse(row["status"], place: "the results database")
        let reason: String? = row["end_reason"]
        let started: Int64 = row["started_at_ms"]
        let result = SessionResult(
            profileName: row["profile_name"], profileVersion: row["profile_version"], profileTitle: row["profile_title"],
            seed: UInt64(bitPattern: row["seed"]), station: row["station_name"], athletes: athletes,
            startedAt: WallClock.iso(milliseconds: started),
            end: status == .running ? .fault(reason: "in progress") : DrillEnd(complete: status == .complete, reason: reason),
            plannedTrials: row["planned_trials"], trials: trials, lapseThresholdNanoseconds: row["lapse_threshold_ns"],
            score: DrillScore.stored(row["profile_score"]), partner: row["partner"])
        return StoredSession(
            id: row["id"], uuid: row["uuid"], status: status, endReason: reason, startedAtMilliseconds: started,
            endedAtMilliseconds: row["ended_at_ms"], seedChosen: row["seed_chosen"], profileHash: row["content_hash"],
            stationKind: StationKind(rawValue: row["station_kind"]) ?? .sim, teams: teams, result: result)
    }

    /// Every trial of session `id` with its per-side results, in trial order.
    static func loadTrials(_ db: Database, session id: Int64) throws -> [TrialRecord] {
        // Cursors, not fetchAll: a cursor's row finds a column by name in a dictionary, while a
        // copied row lowercases every column name on each lookup.
        var results: [Int64: [SideResult]] = [:]
        let resultRows = try Row.fetchCursor(db, sql: "SELECT * FROM trial_result WHERE session_id = ? ORDER BY trial_index, side", arguments: [id])
        while let result = try resultRows.next() {
            results[result["trial_index"], default: []].append(try TrialRow.sideResult(DatabaseTrialCells(row: result)))
        }
        var trials: [TrialRecord] = []
        let trialRows = try Row.fetchCursor(db, sql: "SELECT * FROM trial WHERE session_id = ? ORDER BY trial_index", arguments: [id])
        while let trial = try trialRows.next() {
            trials.append(try TrialRow.record(DatabaseTrialCells(row: trial), sides: results[trial["trial_index"]] ?? []))
        }
        return trials
    }

    static func instant(_ nanoseconds: Int64?) -> MonotonicInstant? { nanoseconds.map(MonotonicInstant.init(nanoseconds:)) }

    /// Throws a clear error unless some session ran profile `name`.
    static func requireProfile(_ db: Database, _ name: String) throws {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM profile WHERE name = ?)", arguments: [name]) == true { return }
        let known = try String.fetchAll(db, sql: "SELECT DISTINCT name FROM profile ORDER BY name")
        let near = known.filter { isNearMiss($0, name) }
        throw StoreError(
            "no sessions of a profile named '\(name)'" + (near.isEmpty ? "" : " (did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?)"),
            fix: known.isEmpty ? "no sessions are stored yet: run a drill first" : "profiles with sessions: \(known.joined(separator: ", "))",
            kind: .notFound)
    }
}
