import DrillCore
import DrillStats
import DrillStore
import Foundation
import GRDB
import Testing

@Suite("The session store")
struct StoreTests {
    @Test("a new database gets every table from the named migrations, and reopening changes nothing")
    func migrationsFromEmpty() throws {
        let path = temporaryDatabase()
        _ = try Store(path: path)
        _ = try Store(path: path)
        let queue = try DatabaseQueue(path: path)
        let tables = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") }
        #expect(tables == ["athlete", "grdb_migrations", "profile", "session", "session_athlete", "station", "sync_push", "trial", "trial_result"])
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1-athletes-stations-profiles-sessions-trials", "v2-sync-push", "v3-application-id", "v4-scores-all-lit-splits", "v5-partner-and-gate-cues"])
        let mark = try queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
        #expect(mark == 0x536E_6170)
        let journal = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test("a database of the first release (v1 only) is brought up to date on open, its athletes kept")
    func upgradeFromV1() throws {
        let path = temporaryDatabase()
        try Store(path: path).addAthlete(Athlete(name: "Old Timer"))
        // Back to what the first release wrote.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE sync_push")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-sync-push'")
        }
        try queue.close()
        let store = try Store(path: path)
        #expect(try store.athlete(named: "Old Timer").name == "Old Timer")
        #expect(try store.pendingPushes(target: "postgres://x@y:5432/z").isEmpty)
    }

    @Test("a database from a newer Snapcue is refused with what to do, not migrated")
    func newerSchema() throws {
        let path = temporaryDatabase()
        _ = try Store(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        #expect {
            try Store(path: path)
        } throws: { error in
            let message = "\(error)"
            return message.contains("newer Snapcue") && message.contains("v9-from-the-future") && message.contains("upgrade Snapcue")
        }
    }

    @Test("a file that is not a database is refused as not Snapcue's, with a way out")
    func corruptFile() throws {
        let path = temporaryDatabase()
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            try Store(path: path)
        } throws: { error in "\(error)".contains("is not a Snapcue results database") && "\(error)".contains("fix:") }
    }

    @Test("a database locked by another writer gives a clear error after the busy timeout")
    func lockedDatabase() throws {
        let path = temporaryDatabase()
        let store = try Store(path: path, busyTimeout: 0.2)
        let other = try DatabaseQueue(path: path)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            #expect {
                try store.addAthlete(Athlete(name: "Locked Out"))
            } throws: { error in "\(error)".contains("is locked") && "\(error)".contains("fix:") }
            try db.execute(sql: "ROLLBACK")
        }
        try store.addAthlete(Athlete(name: "Locked Out"))  // works once the other writer is gone
    }

    @Test("reports open the store and read while another program holds the write lock")
    func readWhileAnotherWrites() throws {
        let path = temporaryDatabase()
        // A drill's store: open, with committed trials (its write-ahead log is not empty).
        let drill = try Store(path: path)
        try drill.addAthlete(Athlete(name: "Reader", team: "U17"))
        let other = try DatabaseQueue(path: path)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            try db.execute(sql: "UPDATE athlete SET team = 'U19'")
            #expect(throws: Never.self) {
                let report = try Store(path: path, busyTimeout: 0.2)
                #expect(try report.athlete(named: "Reader").team == "U17")  // the last committed state
            }
        }
    }

    @Test("athlete names are unique without case; unknown names suggest near misses")
    func athletes() throws {
        let store = try Store(path: temporaryDatabase())
        try store.addAthlete(Athlete(name: "Maya Lind", team: "U17", birthYear: 2009, handedness: .left))
        try store.addAthlete(Athlete(name: "Jonas", team: "U17"))
        #expect(throws: StoreError.self) { try store.addAthlete(Athlete(name: "maya lind")) }
        #expect(throws: StoreError.self) { try store.addAthlete(Athlete(name: "Old", birthYear: 1850)) }
        #expect(try store.athlete(named: "MAYA LIND").handedness == .left)
        #expect(try store.athletes(team: "u17").map(\.name) == ["Jonas", "Maya Lind"])
        #expect {
            try store.athlete(named: "Jonah")
        } throws: { error in "\(error)".contains("did you mean 'Jonas'") }
    }

    @Test("a stored session reads back identical: every trial, side and nanosecond")
    func sessionRoundTrip() throws {
        let store = try Store(path: temporaryDatabase())
        try store.addAthlete(Athlete(name: "Ana"))
        try store.addAthlete(Athlete(name: "Ben"))
        for (name, athletes) in [("go-nogo", ["athlete": "Ana"]), ("head-to-head", ["left": "Ana", "right": "Ben"]), ("agility-circuit", ["athlete": "Ben"])] {
            let (profile, session) = try simulatedSession(name, seed: 5, athletes: athletes)
            let id = try DrillStoreTests.store(store, profile, session, seedChosen: true)
            let stored = try store.session(id: id)
            #expect(stored.result == session, "\(name)")
            #expect(stored.status == .complete && stored.seedChosen)
        }
    }

    @Test("each trial is durable as soon as it is recorded; another reader sees a running session grow")
    func trialByTrial() throws {
        let path = temporaryDatabase()
        let store = try Store(path: path)
        try store.addAthlete(Athlete(name: "Ana"))
        let (profile, session) = try simulatedSession("quick-start", seed: 3, athletes: ["athlete": "Ana"])
        var empty = session
        empty.trials = []
        let recorder = try store.beginSession(SessionStart(session: empty, profile: profile, seedChosen: false, stationKind: .sim))
        for (index, trial) in session.trials.prefix(4).enumerated() {
            try recorder.record(trial)
            let reader = try Store(path: path)
            let listing = try #require(try reader.sessions().first)
            #expect(listing.status == .running && listing.trials == index + 1)
        }
    }

    @Test("a session left running by a process that died is shown as aborted, its trials kept")
    func interruptedSession() throws {
        let path = temporaryDatabase()
        let store = try Store(path: path)
        try store.addAthlete(Athlete(name: "Ana"))
        let (profile, session) = try simulatedSession("quick-start", seed: 3, athletes: ["athlete": "Ana"])
        var empty = session
        empty.trials = []
        let recorder = try store.beginSession(SessionStart(session: empty, profile: profile, seedChosen: false, stationKind: .sim))
        for trial in session.trials.prefix(5) { try recorder.record(trial) }
        // The owner dies (a pid that is not running).
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE session SET owner_pid = 2147483646") }
        let after = try Store(path: path).session(id: recorder.sessionID)
        #expect(after.status == .aborted && after.endReason == Store.interruptedReason)
        #expect(after.result.trials == Array(session.trials.prefix(5)))
    }

    @Test("the session summary kept per side matches the statistics of its trials")
    func summaries() throws {
        let store = try Store(path: temporaryDatabase())
        try store.addAthlete(Athlete(name: "Ana"))
        let (profile, session) = try simulatedSession("choice-4", seed: 8, athletes: ["athlete": "Ana"])
        try DrillStoreTests.store(store, profile, session)
        let listing = try #require(try store.sessions().first)
        let statistics = SessionSummary(session: session).sides[0]
        #expect(listing.sides[0].validCount == statistics.validCount)
        #expect(listing.sides[0].medianMilliseconds == statistics.medianMilliseconds)
        #expect(listing.sides[0].meanSpeed == statistics.meanSpeed)
        #expect(listing.trials == session.trials.count)
    }

    @Test("an unknown session, athlete or profile is a clear error")
    func unknowns() throws {
        let store = try Store(path: temporaryDatabase())
        #expect(throws: StoreError.self) { try store.session(id: 7) }
        #expect(throws: StoreError.self) { try store.history(athlete: "Nobody") }
        #expect { try store.leaderboardCandidates(LeaderboardQuery(profile: "choice-5")) } throws: { error in "\(error)".contains("run a drill first") }
    }

    @Test("a missing database is not created by read-only use when asked not to")
    func noCreate() {
        #expect { try Store(path: temporaryDatabase(), create: false) } throws: { error in "\(error)".contains("no results database") }
    }

    @Test("the default path follows --db, SNAPCUE_DB, XDG_DATA_HOME, then HOME")
    func location() throws {
        #expect(try StoreLocation.resolve(explicit: "/x.db", environment: ["SNAPCUE_DB": "/y.db"]) == "/x.db")
        #expect(try StoreLocation.resolve(explicit: nil, environment: ["SNAPCUE_DB": "/y.db", "HOME": "/h"]) == "/y.db")
        #expect(try StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/snapcue/snapcue.db")
        #expect(try StoreLocation.resolve(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/snapcue/snapcue.db")
        #expect(throws: StoreError.self) { try StoreLocation.resolve(explicit: nil, environment: [:]) }
    }
}
