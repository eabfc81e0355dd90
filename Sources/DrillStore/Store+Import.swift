import DrillCore
import GRDB

extension Store {
    /// Adds sessions not already stored (by uuid), creating athletes that are
    /// new here. A session stored here only in part (not complete, fewer trials,
    /// and no drill still writing it) is replaced by the file's whole session: how
    /// a rescue database comes home. All or nothing: one transaction, so a failed
    /// import changes nothing.
    public func importSessions(_ sessions: [SessionImport]) throws -> ImportReport {
        try write { db in
            var report = ImportReport(added: 0, skipped: 0, trials: 0, newAthletes: [])
            for item in sessions {
                if let existing = try Row.fetchOne(
                    db, sql: "SELECT id, status, trial_count, owner_pid FROM session WHERE uuid = ?", arguments: [item.uuid])
                {
                    let status: String = existing["status"]
                    let trials: Int = existing["trial_count"]
                    let owner: Int32? = existing["owner_pid"]
                    let writtenNow = status == SessionStatus.running.rawValue && owner != ProcessIdentity.currentPID
                    guard status != SessionStatus.complete.rawValue, !writtenNow, item.result.trials.count > trials else {
                        report.skipped += 1
                        continue
                    }
                    try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [existing["id"] as Int64])
                    report.completed += 1
                }
                for (side, name) in item.result.athletes.sorted(by: { $0.key < $1.key }) where try Self.athleteID(db, name: name) == nil {
                    var athlete = Athlete(name: name, team: item.teams[side])
                    if let uuid = item.athleteUUIDs[side], !uuid.isEmpty { athlete.uuid = uuid }
                    try Self.insert(db, athlete)
                    report.newAthletes.append(name)
                }
                let start = SessionStart(session: item.result, profile: item.profile, seedChosen: item.seedChosen, stationKind: item.stationKind, uuid: item.uuid)
                let id = try Self.insertSession(db, start, startedAt: item.startedAtMilliseconds, status: .running, owner: nil, stationHost: nil)
                for trial in item.result.trials { try TrialRow.insert(db, sessionID: id, trial) }
                try Self.refreshAggregates(db, sessionID: id, session: item.result)
                let end = DrillEnd(complete: item.status == .complete, reason: item.endReason)
                try Self.close(db, sessionID: id, end: end, endedAt: item.endedAtMilliseconds ?? item.startedAtMilliseconds)
                if item.endedAtMilliseconds == nil {
                    try db.execute(sql: "UPDATE session SET ended_at_ms = NULL WHERE id = ?", arguments: [id])
                }
                report.added += 1
                report.trials += item.result.trials.count
            }
            return report
        }
    }
}

extension SessionImport {
    /// The import form of a stored session (to copy it into another store).
    public init(_ stored: StoredSession, athleteUUIDs: [String: String] = [:]) {
        self.init(
            uuid: stored.uuid, status: stored.status == .running ? .aborted : stored.status, endReason: stored.endReason,
            startedAtMilliseconds: stored.startedAtMilliseconds, endedAtMilliseconds: stored.endedAtMilliseconds,
            seedChosen: stored.seedChosen,
            profile: ProfileIdentity(
                name: stored.result.profileName, version: stored.result.profileVersion, title: stored.result.profileTitle,
                contentHash: stored.profileHash),
            stationKind: stored.stationKind, teams: stored.teams, athleteUUIDs: athleteUUIDs, result: stored.result)
    }
}

extension Store {
    /// Every session in this store, in import form (to merge it into another store).
    public func allSessionsForImport() throws -> [SessionImport] {
        try read { db in
            let uuids = Dictionary(
                try Row.fetchAll(db, sql: "SELECT name, uuid FROM athlete").map { ($0["name"] as String, $0["uuid"] as String) },
                uniquingKeysWith: { first, _ in first })
            return try Int64.fetchAll(db, sql: "SELECT id FROM session ORDER BY started_at_ms, id").compactMap { id in
                try Self.loadSession(db, id: id).map { stored in
                    SessionImport(stored, athleteUUIDs: stored.result.athletes.compactMapValues { uuids[$0] })
                }
            }
        }
    }
}
