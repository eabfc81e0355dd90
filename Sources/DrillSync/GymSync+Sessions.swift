import DrillCore
import DrillStore
import PostgresNIO

extension GymSync {
    /// The largest number of bind parameters in one statement (PostgreSQL allows 65 535).
    static let maximumBinds = 60_000

    /// Sends one session's record, its athletes' summaries and the trials the
    /// gym lacks, in one transaction. Returns what the gym now holds.
    func push(_ pending: PendingPush) async throws -> (trials: Int, status: String) {
        let stored = try store.session(id: pending.sessionID)
        guard let listing = try store.sessions(SessionFilter(session: pending.sessionID)).first else {
            throw GymError("session \(pending.sessionID) vanished from the station's database during the sync")
        }
        let athleteUUIDs = try store.athleteUUIDs(sessionID: pending.sessionID)
        let result = stored.result
        let trials = result.trials.filter { $0.planned.index >= 0 }.sorted { $0.planned.index < $1.planned.index }
        let newTrials = Array(trials.dropFirst(min(pending.pushedTrials, trials.count)))
        // A running session is pushed as it stands; its status there says "running".
        let status = stored.status.rawValue
        try await gym.transaction { connection in
            let logger = gym.logger
            try await connection.query("""
                INSERT INTO profile (content_hash, name, version, title, score)
                VALUES (\(stored.profileHash), \(result.profileName), \(result.profileVersion), \(result.profileTitle),
                    \(result.score.storedName))
                ON CONFLICT (content_hash) DO NOTHING
                """, logger: logger)
            try await connection.query("""
                INSERT INTO station (name, last_sync_ms) VALUES (\(result.station), 0) ON CONFLICT (name) DO NOTHING
                """, logger: logger)
            try await connection.query("""
                INSERT INTO session (uuid, station, profile_hash, seed, seed_chosen, started_at_ms, ended_at_ms, status, end_reason,
                    planned_trials, lapse_threshold_ns, trial_count, flagged_trials, partner)
                VALUES (\(stored.uuid), \(result.station), \(stored.profileHash), \(Int64(bitPattern: result.seed)), \(stored.seedChosen),
                    \(stored.startedAtMilliseconds), \(stored.endedAtMilliseconds), \(status), \(stored.endReason),
                    \(result.plannedTrials), \(result.lapseThresholdNanoseconds), \(listing.trials), \(listing.flaggedTrials), \(result.partner))
                ON CONFLICT (uuid) DO UPDATE SET ended_at_ms = EXCLUDED.ended_at_ms, status = EXCLUDED.status,
                    end_reason = EXCLUDED.end_reason, trial_count = EXCLUDED.trial_count, flagged_trials = EXCLUDED.flagged_trials
                """, logger: logger)
            for side in listing.sides {
                guard let athleteUUID = athleteUUIDs[side.side] else { continue }
                try await connection.query("""
                    INSERT INTO session_athlete (session_uuid, side, athlete_uuid, trials, valid_count, median_rt_ms, mean_speed, accuracy, score)
                    VALUES (\(stored.uuid), \(side.side), \(athleteUUID), \(side.trials), \(side.validCount), \(side.medianMilliseconds),
                        \(side.meanSpeed), \(side.accuracy), \(side.score))
                    ON CONFLICT (session_uuid, side) DO UPDATE SET athlete_uuid = EXCLUDED.athlete_uuid, trials = EXCLUDED.trials,
                        valid_count = EXCLUDED.valid_count, median_rt_ms = EXCLUDED.median_rt_ms, mean_speed = EXCLUDED.mean_speed,
                        accuracy = EXCLUDED.accuracy, score = EXCLUDED.score
                    """, logger: logger)
            }
            try await Self.insertTrials(newTrials, session: stored.uuid, connection: connection, logger: gym.logger)
        }
        return (trials.count, status)
    }

    /// Multi-row inserts of trials and their per-side results, as few statements as the bind limit allows.
    static func insertTrials(_ trials: [TrialRecord], session: String, connection: PostgresConnection, logger: Logger) async throws {
        let trialColumns = ["session_uuid"] + TrialRow.trialColumns.map(\.name)
        let resultColumns = ["session_uuid", "trial_index"] + TrialRow.resultColumns.map(\.name)
        let perStatement = maximumBinds / trialColumns.count
        var start = 0
        while start < trials.count {
            let chunk = trials[start..<min(start + perStatement, trials.count)]
            var binds = PostgresBindings(capacity: chunk.count * trialColumns.count)
            for trial in chunk {
                binds.append(session)
                for value in TrialRow.trialValues(trial) { binds.append(value) }
            }
            try await connection.query(
                PostgresQuery(unsafeSQL: insert("trial", trialColumns, rows: chunk.count) + " ON CONFLICT DO NOTHING", binds: binds), logger: logger)
            let results = chunk.flatMap { trial in trial.sides.map { (trial, $0) } }
            let resultsPerStatement = maximumBinds / resultColumns.count
            var first = 0
            while first < results.count {
                let part = results[first..<min(first + resultsPerStatement, results.count)]
                var resultBinds = PostgresBindings(capacity: part.count * resultColumns.count)
                for (trial, side) in part {
                    resultBinds.append(session)
                    resultBinds.append(trial.planned.index)
                    for value in TrialRow.resultValues(trial, side) { resultBinds.append(value) }
                }
                try await connection.query(
                    PostgresQuery(unsafeSQL: insert("trial_result", resultColumns, rows: part.count) + " ON CONFLICT DO NOTHING", binds: resultBinds),
                    logger: logger)
                first += part.count
            }
            start += chunk.count
        }
    }

    /// `INSERT INTO table (a, b) VALUES ($1, $2), ($3, $4), …`.
    static func insert(_ table: String, _ columns: [String], rows: Int) -> String {
        var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var parameter = 1
        for row in 0..<rows {
            if row > 0 { sql += ", " }
            sql += "(" + columns.indices.map { _ in defer { parameter += 1 }; return "$\(parameter)" }.joined(separator: ", ") + ")"
        }
        return sql
    }
}

extension PostgresBindings {
    /// Binds one trial cell: text or a whole number, NULL when empty.
    mutating func append(_ value: ExportValue) {
        switch value {
        case .text(let text): append(text)
        case .integer(let number): append(number)
        }
    }
}
