import GRDB

/// The store's schema, as named migrations. A migration never changes once
/// shipped: a new need is a new migration appended at the end.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-athletes-stations-profiles-sessions-trials") { db in
            try db.execute(sql: """
                CREATE TABLE athlete (
                    id INTEGER PRIMARY KEY,
                    uuid TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    team TEXT,
                    birth_year INTEGER,
                    handedness TEXT CHECK (handedness IN ('left', 'right', 'ambidextrous')),
                    created_at_ms INTEGER NOT NULL
                );
                CREATE TABLE station (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    host TEXT
                );
                CREATE TABLE profile (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    content_hash TEXT NOT NULL UNIQUE,
                    definition TEXT
                );
                CREATE INDEX profile_by_name ON profile(name, version);
                CREATE TABLE session (
                    id INTEGER PRIMARY KEY,
                    uuid TEXT NOT NULL UNIQUE,
                    profile_id INTEGER NOT NULL REFERENCES profile(id),
                    station_id INTEGER NOT NULL REFERENCES station(id),
                    seed INTEGER NOT NULL,
                    seed_chosen INTEGER NOT NULL,
                    started_at_ms INTEGER NOT NULL,
                    ended_at_ms INTEGER,
                    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'aborted')),
                    end_reason TEXT,
                    planned_trials INTEGER NOT NULL,
                    lapse_threshold_ns INTEGER NOT NULL,
                    owner_pid INTEGER,
                    owner_boot TEXT,
                    trial_count INTEGER NOT NULL DEFAULT 0,
                    flagged_trials INTEGER NOT NULL DEFAULT 0,
                    max_lateness_ns INTEGER,
                    max_light_set_ns INTEGER,
                    max_onset_uncertainty_ns INTEGER,
                    xrun_trials INTEGER NOT NULL DEFAULT 0,
                    dropped_edge_trials INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX session_by_start ON session(started_at_ms);
                CREATE INDEX session_by_profile ON session(profile_id, started_at_ms);
                CREATE TABLE session_athlete (
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    side TEXT NOT NULL,
                    athlete_id INTEGER NOT NULL REFERENCES athlete(id),
                    trials INTEGER NOT NULL DEFAULT 0,
                    valid_count INTEGER NOT NULL DEFAULT 0,
                    median_rt_ms REAL,
                    mean_speed REAL,
                    accuracy REAL,
                    PRIMARY KEY (session_id, side)
                ) WITHOUT ROWID;
                CREATE INDEX session_athlete_by_athlete ON session_athlete(athlete_id, session_id);
                CREATE TABLE trial (
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
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
                    foreperiod_start_ns INTEGER NOT NULL,
                    scheduled_onset_ns INTEGER NOT NULL,
                    onset_ns INTEGER,
                    lateness_ns INTEGER,
                    light_set_ns INTEGER,
                    onset_uncertainty_ns INTEGER,
                    sound_onset_ns INTEGER,
                    sound_onset_uncertainty_ns INTEGER,
                    flags TEXT NOT NULL,
                    winners TEXT NOT NULL,
                    edges TEXT NOT NULL,
                    PRIMARY KEY (session_id, trial_index)
                ) WITHOUT ROWID;
                CREATE TABLE trial_result (
                    session_id INTEGER NOT NULL,
                    trial_index INTEGER NOT NULL,
                    side TEXT NOT NULL,
                    expected_switch TEXT,
                    outcome TEXT NOT NULL,
                    responded_switch TEXT,
                    response_ns INTEGER,
                    rt_ns INTEGER,
                    target_hit_ns INTEGER,
                    mt_ns INTEGER,
                    decided_at_ns INTEGER NOT NULL,
                    PRIMARY KEY (session_id, trial_index, side),
                    FOREIGN KEY (session_id, trial_index) REFERENCES trial(session_id, trial_index) ON DELETE CASCADE
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-sync-push") { db in
            // What each gym database (by its address) already holds of each session.
            try db.execute(sql: """
                CREATE TABLE sync_push (
                    target TEXT NOT NULL,
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    pushed_trials INTEGER NOT NULL,
                    pushed_status TEXT NOT NULL,
                    pushed_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (target, session_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-application-id") { db in
            // Marks the file as Snapcue's ('Snap'), so no other application's database is taken for one.
            try db.execute(sql: "PRAGMA application_id = 1399742832")
        }
        migrator.registerMigration("v4-scores-all-lit-splits") { db in
            // Rapid-fire, several lights, colours and scores: a drill's declared score, each side's value of
            // it, whether a trial asked for every lit pad, the colours its lights showed, the split of each pad hit.
            // Every earlier drill is scored by its median reaction time, so that is its sessions' score.
            try db.execute(sql: """
                ALTER TABLE profile ADD COLUMN score TEXT NOT NULL DEFAULT 'median_rt';
                ALTER TABLE session_athlete ADD COLUMN score REAL;
                ALTER TABLE trial ADD COLUMN expect_all INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE trial ADD COLUMN light_colors TEXT;
                ALTER TABLE trial_result ADD COLUMN splits TEXT;
                UPDATE session_athlete SET score = median_rt_ms;
                """)
        }
        migrator.registerMigration("v5-partner-and-gate-cues") { db in
            // Cues from people: what set a trial off (the partner's edge or the start-gate crossing), the
            // partner's switch, a gate run's total time per side, and the partner's name per session.
            try db.execute(sql: """
                ALTER TABLE trial ADD COLUMN trigger_ns INTEGER;
                ALTER TABLE trial ADD COLUMN partner_switch TEXT;
                ALTER TABLE trial_result ADD COLUMN total_ns INTEGER;
                ALTER TABLE session ADD COLUMN partner TEXT;
                """)
        }
        return migrator
    }

    /// The names of every migration this build knows, in order.
    static var knownMigrations: [String] { migrator.migrations }
}
