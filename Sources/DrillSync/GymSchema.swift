import PostgresNIO

/// The gym database's tables: every station's sessions and trials, keyed by
/// the stable uuids the stations give them, and the gym's athletes.
///
/// Versions are numbered; a version never changes once shipped, a new need
/// is a new version. A database written by a newer Snapcue is refused.
enum GymSchema {
    static let versions: [(Int, String)] = [(1, version1), (2, version2), (3, version3)]

    static func migrate(_ database: GymDatabase) async throws {
        // One migrator at a time, even when several stations sync their first time at once.
        try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7242751)", logger: database.logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS snapcue_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: database.logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM snapcue_schema", logger: database.logger).decode(Int.self) {
                applied.insert(version)
            }
            let known = Set(versions.map(\.0))
            if let newer = applied.subtracting(known).max() {
                throw GymError(
                    "the gym database \(database.address) has schema version \(newer), newer than this Snapcue knows",
                    fix: "upgrade Snapcue on this station")
            }
            for (version, sql) in versions where !applied.contains(version) {
                // One statement per query: the extended protocol takes one command at a time.
                for statement in sql.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !statement.isEmpty {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: database.logger)
                }
                try await connection.query("INSERT INTO snapcue_schema (version) VALUES (\(version))", logger: database.logger)
            }
        }
    }

    static let version1 = """
        CREATE TABLE athlete (
            uuid TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            team TEXT,
            birth_year INTEGER,
            handedness TEXT,
            first_station TEXT NOT NULL,
            created_at_ms BIGINT NOT NULL
        );
        CREATE TABLE station (
            name TEXT PRIMARY KEY,
            last_sync_ms BIGINT NOT NULL
        );
        CREATE TABLE profile (
            content_hash TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL
        );
        CREATE INDEX profile_by_name ON profile (name, version);
        CREATE TABLE session (
            uuid TEXT PRIMARY KEY,
            station TEXT NOT NULL REFERENCES station (name),
            profile_hash TEXT NOT NULL REFERENCES profile (content_hash),
            seed BIGINT NOT NULL,
            seed_chosen BOOLEAN NOT NULL,
            started_at_ms BIGINT NOT NULL,
            ended_at_ms BIGINT,
            status TEXT NOT NULL,
            end_reason TEXT,
            planned_trials INTEGER NOT NULL,
            lapse_threshold_ns BIGINT NOT NULL,
            trial_count INTEGER NOT NULL,
            flagged_trials INTEGER NOT NULL
        );
        CREATE INDEX session_by_profile ON session (profile_hash, started_at_ms);
        CREATE TABLE session_athlete (
            session_uuid TEXT NOT NULL REFERENCES session (uuid) ON DELETE CASCADE,
            side TEXT NOT NULL,
            athlete_uuid TEXT NOT NULL REFERENCES athlete (uuid),
            trials INTEGER NOT NULL,
            valid_count INTEGER NOT NULL,
            median_rt_ms DOUBLE PRECISION,
            mean_speed DOUBLE PRECISION,
            accuracy DOUBLE PRECISION,
            PRIMARY KEY (session_uuid, side)
        );
        CREATE INDEX session_athlete_by_athlete ON session_athlete (athlete_uuid);
        CREATE TABLE trial (
            session_uuid TEXT NOT NULL REFERENCES session (uuid) ON DELETE CASCADE,
            trial_index INTEGER NOT NULL,
            block_index INTEGER NOT NULL,
            block_name TEXT NOT NULL,
            set_number INTEGER NOT NULL,
            trial_in_set INTEGER NOT NULL,
            kind TEXT NOT NULL,
            cue TEXT,
            lights TEXT NOT NULL,
            sound TEXT,
            foreperiod_ms INTEGER NOT NULL,
            foreperiod_start_ns BIGINT NOT NULL,
            scheduled_onset_ns BIGINT NOT NULL,
            onset_ns BIGINT,
            lateness_ns BIGINT,
            light_set_ns BIGINT,
            onset_uncertainty_ns BIGINT,
            sound_onset_ns BIGINT,
            sound_onset_uncertainty_ns BIGINT,
            flags TEXT NOT NULL,
            winners TEXT NOT NULL,
            edges TEXT NOT NULL,
            PRIMARY KEY (session_uuid, trial_index)
        );
        CREATE TABLE trial_result (
            session_uuid TEXT NOT NULL,
            trial_index INTEGER NOT NULL,
            side TEXT NOT NULL,
            expected_switch TEXT,
            outcome TEXT NOT NULL,
            responded_switch TEXT,
            response_ns BIGINT,
            rt_ns BIGINT,
            target_hit_ns BIGINT,
            mt_ns BIGINT,
            decided_at_ns BIGINT NOT NULL,
            PRIMARY KEY (session_uuid, trial_index, side),
            FOREIGN KEY (session_uuid, trial_index) REFERENCES trial (session_uuid, trial_index) ON DELETE CASCADE
        );
        """

    /// Rapid-fire, several lights and scores (the station's v4 migration).
    static let version2 = """
        ALTER TABLE profile ADD COLUMN score TEXT NOT NULL DEFAULT 'median_rt';
        ALTER TABLE session_athlete ADD COLUMN score DOUBLE PRECISION;
        ALTER TABLE trial ADD COLUMN expect_all INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE trial ADD COLUMN light_colors TEXT;
        ALTER TABLE trial_result ADD COLUMN splits TEXT;
        UPDATE session_athlete SET score = median_rt_ms;
        """

    /// Cues from people: the trigger and partner switch per trial, a gate run's total time per side,
    /// the partner's name per session.
    static let version3 = """
        ALTER TABLE trial ADD COLUMN trigger_ns BIGINT;
        ALTER TABLE trial ADD COLUMN partner_switch TEXT;
        ALTER TABLE trial_result ADD COLUMN total_ns BIGINT;
        ALTER TABLE session ADD COLUMN partner TEXT;
        """
}
