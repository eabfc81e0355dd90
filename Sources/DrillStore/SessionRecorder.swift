import DrillCore
import Foundation
import DrillStats
import GRDB

/// Writes one running session: each trial in its own durable transaction the
/// moment it is decided, then the end. Used from the display thread, never
/// the cue thread.
///
/// The cost of a trial is flat: the session's timing figures are kept as
/// running counts, and each side's summary (median, speed, accuracy) is
/// recomputed only while the session is short, at every power of two of
/// trials after that, and at the end.
public final class SessionRecorder {
    /// The session's number in this store (what `snapcue sessions show` takes).
    public let sessionID: Int64
    /// The session's stable id.
    public let uuid: String
    private let store: Store
    private var session: SessionResult
    private var figures = SessionFigures()
    /// The last trial's completed record (its inter-trial edges and flags), written with the next commit.
    private var pendingCompletion: TrialRecord?

    init(store: Store, sessionID: Int64, uuid: String, session: SessionResult) {
        self.store = store
        self.sessionID = sessionID
        self.uuid = uuid
        self.session = session
        for trial in session.trials { figures.add(trial) }
    }

    /// Commits a decided trial (and the session's running figures) before returning.
    /// The in-memory session changes in place (no copy of its trials: a copy per trial would
    /// make a long session's cost grow with its length) and is put back if the write fails.
    public func record(_ trial: TrialRecord) throws {
        let completion = pendingCompletion
        let before = (figures, completion.flatMap { completion in session.trials.lastIndex { $0.planned.index == completion.planned.index } }
            .map { ($0, session.trials[$0]) })
        if let completion { apply(completion) }
        session.trials.append(trial)
        figures.add(trial)
        let summarize = Self.summarizes(at: session.trials.count)
        do {
            try store.write { db in
                if let completion { try TrialRow.updateCompletion(db, sessionID: sessionID, completion) }
                try TrialRow.insert(db, sessionID: sessionID, trial)
                try figures.write(db, sessionID: sessionID)
                if summarize { try Store.writeSideSummaries(db, sessionID: sessionID, session: session) }
            }
        } catch {
            session.trials.removeLast()
            figures = before.0
            if let (index, previous) = before.1 { session.trials[index] = previous }
            throw error
        }
        pendingCompletion = nil
    }

    /// The completed record of a trial already recorded: the edges and flags of
    /// its inter-trial pause. Written with the next trial, or at the end.
    public func complete(_ trial: TrialRecord) {
        guard let last = session.trials.last, last.planned.index == trial.planned.index, last != trial else { return }
        pendingCompletion = trial
    }

    /// Marks the session complete or aborted (with any pending completion and the final summaries).
    public func finish(_ end: DrillEnd) throws {
        if let completion = pendingCompletion { apply(completion) }
        let completion = pendingCompletion
        session.end = end
        try store.write { db in
            if let completion { try TrialRow.updateCompletion(db, sessionID: sessionID, completion) }
            try figures.write(db, sessionID: sessionID)
            try Store.writeSideSummaries(db, sessionID: sessionID, session: session)
            try Store.close(db, sessionID: sessionID, end: end, endedAt: Clock.nowMilliseconds)
        }
        pendingCompletion = nil
    }

    /// Puts a completed record in place of its decided one, in the session and its figures.
    private func apply(_ completion: TrialRecord) {
        guard let index = session.trials.lastIndex(where: { $0.planned.index == completion.planned.index }) else { return }
        figures.remove(session.trials[index])
        figures.add(completion)
        session.trials[index] = completion
    }

    /// Whether the side summaries are rewritten when the session holds `count` trials.
    static func summarizes(at count: Int) -> Bool { count <= 64 || count & (count - 1) == 0 }

}

/// A session's timing figures, kept as running counts so a trial costs the same at any length.
struct SessionFigures {
    var trials = 0
    var flagged = 0
    var xruns = 0
    var droppedEdges = 0
    var maxLateness: Int64?
    var maxLightSet: Int64?
    var maxOnsetUncertainty: Int64?

    mutating func add(_ trial: TrialRecord) { count(trial, by: 1) }

    /// Takes back a trial's counts (its maxima stay: a completion only adds flags and edges).
    mutating func remove(_ trial: TrialRecord) { count(trial, by: -1) }

    private mutating func count(_ trial: TrialRecord, by step: Int) {
        let flags = trial.timing.flags
        trials += step
        if !flags.isEmpty { flagged += step }
        if flags.contains(.soundXrun) { xruns += step }
        if flags.contains(.droppedEdges) { droppedEdges += step }
        guard step > 0 else { return }
        maxLateness = [maxLateness, trial.timing.schedulerLatenessNanoseconds].compactMap { $0 }.max()
        maxLightSet = [maxLightSet, trial.timing.lightSetNanoseconds].compactMap { $0 }.max()
        maxOnsetUncertainty = [maxOnsetUncertainty, trial.timing.onsetUncertaintyNanoseconds].compactMap { $0 }.max()
    }

    func write(_ db: Database, sessionID: Int64) throws {
        try db.cachedStatement(sql: """
            UPDATE session SET trial_count = ?, flagged_trials = ?, max_lateness_ns = ?, max_light_set_ns = ?,
                max_onset_uncertainty_ns = ?, xrun_trials = ?, dropped_edge_trials = ?
            WHERE id = ?
            """).execute(arguments: [trials, flagged, maxLateness, maxLightSet, maxOnsetUncertainty, xruns, droppedEdges, sessionID])
    }
}

extension Store {
    /// Opens a session record (status `running`, owned by this process).
    /// Every athlete must already exist.
    public func beginSession(_ start: SessionStart) throws -> SessionRecorder {
        let id = try write { db in
            try Self.insertSession(db, start, startedAt: WallClock.milliseconds(iso: start.session.startedAt) ?? Clock.nowMilliseconds,
                                   status: .running, owner: (ProcessIdentity.currentPID, ProcessIdentity.bootID))
        }
        return SessionRecorder(store: self, sessionID: id, uuid: start.uuid, session: start.session)
    }

    static func insertSession(
        _ db: Database, _ start: SessionStart, startedAt: Int64, status: SessionStatus, owner: (Int32, String)?,
        stationHost: String? = ProcessInfo.processInfo.hostName
    ) throws -> Int64 {
        let session = start.session
        let profile = start.profile
        try db.execute(
            sql: "INSERT OR IGNORE INTO profile (name, version, title, content_hash, definition, score) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [profile.name, profile.version, profile.title, profile.contentHash, profile.definition, session.score.storedName])
        let profileID = try Int64.fetchOne(db, sql: "SELECT id FROM profile WHERE content_hash = ?", arguments: [profile.contentHash])!
        try db.execute(
            sql: "INSERT INTO station (name, kind, host) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, host = COALESCE(excluded.host, host)",
            arguments: [session.station, start.stationKind.rawValue, stationHost])
        let stationID = try Int64.fetchOne(db, sql: "SELECT id FROM station WHERE name = ?", arguments: [session.station])!
        try db.execute(
            sql: """
                INSERT INTO session (uuid, profile_id, station_id, seed, seed_chosen, started_at_ms, status, planned_trials,
                    lapse_threshold_ns, owner_pid, owner_boot, partner)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [start.uuid, profileID, stationID, Int64(bitPattern: session.seed), start.seedChosen, startedAt, status.rawValue,
                        session.plannedTrials, session.lapseThresholdNanoseconds, owner?.0, owner?.1, session.partner])
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

    /// Rewrites the session's timing figures and each side's summary from its trials.
    static func refreshAggregates(_ db: Database, sessionID: Int64, session: SessionResult) throws {
        var figures = SessionFigures()
        for trial in session.trials { figures.add(trial) }
        try figures.write(db, sessionID: sessionID)
        try writeSideSummaries(db, sessionID: sessionID, session: session)
    }

    /// Rewrites each side's summary (trials, valid, median, speed, accuracy) from the session's trials.
    static func writeSideSummaries(_ db: Database, sessionID: Int64, session: SessionResult) throws {
        let summary = SessionSummary(session: session)
        for side in summary.sides {
            try db.cachedStatement(
                sql: "UPDATE session_athlete SET trials = ?, valid_count = ?, median_rt_ms = ?, mean_speed = ?, accuracy = ?, score = ? WHERE session_id = ? AND side = ?"
            ).execute(arguments: [side.trials, side.validCount, side.medianMilliseconds, side.meanSpeed, side.accuracy, side.score, sessionID, side.side])
        }
    }

    static func close(_ db: Database, sessionID: Int64, end: DrillEnd, endedAt: Int64) throws {
        try db.execute(
            sql: "UPDATE session SET status = ?, end_reason = ?, ended_at_ms = ?, owner_pid = NULL, owner_boot = NULL WHERE id = ?",
            arguments: [SessionStatus(end).rawValue, end.reason, endedAt, sessionID])
    }
}
