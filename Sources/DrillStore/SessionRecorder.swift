import DrillCore
import Foundation
import DrillStats
import GRDB

/// Writes one running session: each trial in its own durable transaction as
/// it completes, then the end. Used from the display thread, never the cue thread.
public final class SessionRecorder {
    /// The session's number in this store (what `snapcue sessions show` takes).
    public let sessionID: Int64
    /// The session's stable id.
    public let uuid: String
    private let store: Store
    private var session: SessionResult

    init(store: Store, sessionID: Int64, uuid: String, session: SessionResult) {
        self.store = store
        self.sessionID = sessionID
        self.uuid = uuid
        self.session = session
    }

    /// Commits a completed trial (and the session's running summary) before returning.
    public func record(_ trial: TrialRecord) throws {
        session.trials.append(trial)
        let snapshot = session
        try store.write { db in
            try TrialRow.insert(db, sessionID: sessionID, trial)
            try Store.refreshAggregates(db, sessionID: sessionID, session: snapshot)
        }
    }

    /// Marks the session complete or aborted.
    public func finish(_ end: DrillEnd) throws {
        session.end = end
        try store.write { db in try Store.close(db, sessionID: sessionID, end: end, endedAt: Clock.nowMilliseconds) }
    }
}

extension Store {
    /// Opens a session record (status `running`, owned by this process).
    /// Every athlete must already exist.
    public func beginSession(_ start: SessionStart) throws -> SessionRecorder {
        let id = try write { db in
            try Self.insertSession(db, start, startedAt: WallClock.milliseconds(iso: start.session.startedAt) ?? Clock.nowMilliseconds,
                                   status: "running", owner: (ProcessIdentity.currentPID, ProcessIdentity.bootID))
        }
        return SessionRecorder(store: self, sessionID: id, uuid: start.uuid, session: start.session)
    }

    static func insertSession(
        _ db: Database, _ start: SessionStart, startedAt: Int64, status: String, owner: (Int32, String)?,
        stationHost: String? = ProcessInfo.processInfo.hostName
    ) throws -> Int64 {
        let session = start.session
        let profile = start.profile
        try db.execute(
            sql: "INSERT OR IGNORE INTO profile (name, version, title, content_hash, definition) VALUES (?, ?, ?, ?, ?)",
            arguments: [profile.name, profile.version, profile.title, profile.contentHash, profile.definition])
        let profileID = try Int64.fetchOne(db, sql: "SELECT id FROM profile WHERE content_hash = ?", arguments: [profile.contentHash])!
        try db.execute(
            sql: "INSERT INTO station (name, kind, host) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, host = COALESCE(excluded.host, host)",
            arguments: [session.station, start.stationKind, stationHost])
        let stationID = try Int64.fetchOne(db, sql: "SELECT id FROM station WHERE name = ?", arguments: [session.station])!
        try db.execute(
            sql: """
                INSERT INTO session (uuid, profile_id, station_id, seed, seed_chosen, started_at_ms, status, planned_trials,
                    lapse_threshold_ns, owner_pid, owner_boot)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [start.uuid, profileID, stationID, Int64(bitPattern: session.seed), start.seedChosen, startedAt, status,
                        session.plannedTrials, session.lapseThresholdNanoseconds, owner?.0, owner?.1])
        let sessionID = db.lastInsertedRowID
        for (side, name) in session.athletes.sorted(by: { $0.key < $1.key }) {
            guard let athleteID = try athleteID(db, name: name) else {
                throw unknownAthlete(name, among: try String.fetchAll(db, sql: "SELECT name FROM athlete"))
            }
            try db.execute(
                sql: "INSERT INTO session_athlete (session_id, side, athlete_id) VALUES (?, ?, ?)",
                arguments: [sessionID, side, athleteID])
        }
        return sessionID
    }

    /// Rewrites the session's timing-quality summary and each side's summary from its trials.
    static func refreshAggregates(_ db: Database, sessionID: Int64, session: SessionResult) throws {
        let trials = session.trials
        let flagged = trials.filter { !$0.timing.flags.isEmpty }.count
        let xruns = trials.filter { $0.timing.flags.contains(.soundXrun) }.count
        let dropped = trials.filter { $0.timing.flags.contains(.droppedEdges) }.count
        try db.execute(
            sql: """
                UPDATE session SET trial_count = ?, flagged_trials = ?, max_lateness_ns = ?, max_light_set_ns = ?,
                    max_onset_uncertainty_ns = ?, xrun_trials = ?, dropped_edge_trials = ?
                WHERE id = ?
                """,
            arguments: [
                trials.count, flagged, trials.compactMap(\.timing.schedulerLatenessNanoseconds).max(),
                trials.compactMap(\.timing.lightSetNanoseconds).max(), trials.compactMap(\.timing.onsetUncertaintyNanoseconds).max(),
                xruns, dropped, sessionID,
            ])
        let summary = SessionSummary(session: session)
        for side in summary.sides {
            try db.execute(
                sql: "UPDATE session_athlete SET trials = ?, valid_count = ?, median_rt_ms = ?, mean_speed = ?, accuracy = ? WHERE session_id = ? AND side = ?",
                arguments: [side.trials, side.validCount, side.medianMilliseconds, side.meanSpeed, side.accuracy, sessionID, side.side])
        }
    }

    static func close(_ db: Database, sessionID: Int64, end: DrillEnd, endedAt: Int64) throws {
        let (status, reason): (String, String?) = switch end {
        case .complete: ("complete", nil)
        case .aborted(let reason): ("aborted", reason)
        }
        try db.execute(
            sql: "UPDATE session SET status = ?, end_reason = ?, ended_at_ms = ?, owner_pid = NULL, owner_boot = NULL WHERE id = ?",
            arguments: [status, reason, endedAt, sessionID])
    }
}
