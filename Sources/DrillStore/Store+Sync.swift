import DrillCore
import GRDB

/// A session with trials a gym database does not have yet.
public struct PendingPush: Equatable, Sendable {
    public var sessionID: Int64
    public var uuid: String
    /// Trials the gym database already holds (they are skipped).
    public var pushedTrials: Int
    public var trialCount: Int
    public var status: String
}

extension Store {
    /// Sessions whose trials or status `target` (a gym database's address) has
    /// not received yet, oldest first. Running sessions are included: their
    /// trials so far are pushed, the rest on a later sync.
    public func pendingPushes(target: String) throws -> [PendingPush] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.uuid, s.trial_count, s.status, COALESCE(p.pushed_trials, 0) AS pushed
                    FROM session s LEFT JOIN sync_push p ON p.session_id = s.id AND p.target = ?
                    WHERE p.session_id IS NULL OR p.pushed_trials < s.trial_count OR p.pushed_status <> s.status
                    ORDER BY s.started_at_ms, s.id
                    """,
                arguments: [target]
            ).map { row in
                PendingPush(sessionID: row["id"], uuid: row["uuid"], pushedTrials: row["pushed"], trialCount: row["trial_count"], status: row["status"])
            }
        }
    }

    /// Records that `target` now holds `trials` trials of session `id` with `status`.
    public func markPushed(target: String, sessionID: Int64, trials: Int, status: String) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_push (target, session_id, pushed_trials, pushed_status, pushed_at_ms) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (target, session_id) DO UPDATE SET
                        pushed_trials = excluded.pushed_trials, pushed_status = excluded.pushed_status, pushed_at_ms = excluded.pushed_at_ms
                    """,
                arguments: [target, sessionID, trials, status, Clock.nowMilliseconds])
        }
    }

    /// Each side's athlete's uuid in session `id`.
    public func athleteUUIDs(sessionID: Int64) throws -> [String: String] {
        try read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db, sql: "SELECT sa.side, a.uuid FROM session_athlete sa JOIN athlete a ON a.id = sa.athlete_id WHERE sa.session_id = ?",
                    arguments: [sessionID]
                ).map { ($0["side"] as String, $0["uuid"] as String) })
        }
    }

    /// Makes the local athlete named like `gym` (any case) the gym's record:
    /// its uuid, and its details where the local ones are empty. Adds the
    /// athlete when there is none of that name here. Returns whether anything changed.
    @discardableResult
    public func adoptGymAthlete(_ gym: Athlete) throws -> Bool {
        try write { db in
            guard let local = try Self.fetchAthlete(db, name: gym.name) else {
                // A uuid taken here by another name (renamed elsewhere) keeps the local record.
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM athlete WHERE uuid = ?)", arguments: [gym.uuid]) == true { return false }
                try Self.insert(db, gym)
                return true
            }
            let merged = Athlete(
                uuid: gym.uuid, name: local.name, team: local.team ?? gym.team, birthYear: local.birthYear ?? gym.birthYear,
                handedness: local.handedness ?? gym.handedness)
            guard merged != local else { return false }
            try db.execute(
                sql: "UPDATE athlete SET uuid = ?, team = ?, birth_year = ?, handedness = ? WHERE name = ? COLLATE NOCASE",
                arguments: [merged.uuid, merged.team, merged.birthYear, merged.handedness?.rawValue, local.name])
            return true
        }
    }
}
