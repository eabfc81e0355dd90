import DrillCore
import DrillStats
import DrillStore
import DrillSync
import DrillTesting
import Foundation
import Testing

@Suite("Sync with the gym's PostgreSQL (a real server)", .serialized, .enabled(if: postgresAvailable))
struct GymSyncTests {
    @Test("a sync sends every session, trial and athlete once; syncing again sends nothing")
    func syncIsIdempotent() async throws {
        let url = try freshGymDatabase()
        let store = try stationStore(athletes: [Athlete(name: "Ana", team: "Red"), Athlete(name: "Ben")], sessions: 2)
        let first = try await sync(store, to: url, as: "station-a")
        #expect(first.sessionsPushed == 4)
        #expect(first.trialsPushed == (try localTrialCount(store)))
        #expect(first.athletesAdded == 2)
        let again = try await sync(store, to: url, as: "station-a")
        #expect(again == SyncReport())
        #expect(try gymValue(url, "SELECT count(*) FROM session") == "4")
        #expect(try gymValue(url, "SELECT count(*) FROM trial") == "\(try localTrialCount(store))")
        #expect(try gymValue(url, "SELECT count(*) FROM trial_result") == "\(try localTrialCount(store))")
        #expect(try gymValue(url, "SELECT count(*) FROM athlete") == "2")
    }

    @Test("sessions that grow or end after a sync send only what is new")
    func onlyNewTrials() async throws {
        let url = try freshGymDatabase()
        let store = try stationStore(athletes: [Athlete(name: "Ana")], sessions: 1)
        _ = try await sync(store, to: url, as: "station-a")
        let profile = try Profile.load(path: packageRoot + "/Profiles/quick-start.yaml")
        let whole = try simulatedSession(profile, seed: 99, athlete: "Ana")
        var empty = whole
        empty.trials = []
        let recorder = try store.beginSession(SessionStart(session: empty, profile: profile, seedChosen: true, stationKind: .sim))
        for trial in whole.trials.prefix(5) { try recorder.record(trial) }
        let partial = try await sync(store, to: url, as: "station-a")
        #expect(partial.sessionsPushed == 1 && partial.trialsPushed == 5)
        #expect(try gymValue(url, "SELECT status || ':' || trial_count FROM session WHERE uuid = '\(recorder.uuid)'") == "running:5")
        for trial in whole.trials.dropFirst(5) { try recorder.record(trial) }
        try recorder.finish(whole.end)
        let rest = try await sync(store, to: url, as: "station-a")
        #expect(rest.trialsPushed == whole.trials.count - 5)
        #expect(try gymValue(url, "SELECT status || ':' || trial_count FROM session WHERE uuid = '\(recorder.uuid)'") == "complete:\(whole.trials.count)")
    }

    @Test("a sync interrupted after the gym committed (the station's note lost) is repeated without a duplicate")
    func lostBookkeepingIsHarmless() async throws {
        let url = try freshGymDatabase()
        let store = try stationStore(athletes: [Athlete(name: "Ana")], sessions: 3)
        _ = try await sync(store, to: url, as: "station-a")
        // The station forgets what it sent, as if it died between the gym's commit and its own note.
        let other = try GymAddress(url).description
        for session in try store.sessions() { try store.markPushed(target: other, sessionID: session.id, trials: 0, status: "running") }
        let again = try await sync(store, to: url, as: "station-a")
        #expect(again.sessionsPushed == 3)
        #expect(try gymValue(url, "SELECT count(*) FROM trial") == "\(try localTrialCount(store))")
        #expect(try gymValue(url, "SELECT count(*) FROM session") == "3")
    }

    @Test("two stations syncing at once, the same athlete created on both: one gym athlete, every session, the merge rule")
    func twoStationsAtOnce() async throws {
        let url = try freshGymDatabase()
        let a = try stationStore(athletes: [Athlete(name: "Ana", team: "Red"), Athlete(name: "Ben")], sessions: 3, firstSeed: 1)
        let b = try stationStore(athletes: [Athlete(name: "ana", team: "Blue", birthYear: 2008), Athlete(name: "Cy")], sessions: 3, firstSeed: 50)
        async let first = sync(a, to: url, as: "station-a")
        async let second = sync(b, to: url, as: "station-b")
        let reports = try await [first, second]
        #expect(reports.map(\.sessionsPushed) == [6, 6])
        #expect(try gymValue(url, "SELECT count(*) FROM athlete") == "3")
        #expect(try gymValue(url, "SELECT count(*) FROM session") == "12")
        #expect(try gymValue(url, "SELECT count(*) FROM trial") == "\(try localTrialCount(a) + localTrialCount(b))")
        // Sessions of both stations' Ana point at the one gym Ana.
        #expect(try gymValue(url, "SELECT count(DISTINCT athlete_uuid) FROM session_athlete sa JOIN athlete a ON a.uuid = sa.athlete_uuid WHERE a.name_key = 'ana'") == "1")
        // The next sync on each station adopts the gym's record; filled-in details follow the rule.
        _ = try await sync(a, to: url, as: "station-a")
        _ = try await sync(b, to: url, as: "station-b")
        let gymAna = try gymValue(url, "SELECT uuid || '|' || coalesce(team, '') || '|' || coalesce(birth_year::text, '') FROM athlete WHERE name_key = 'ana'")
        let parts = gymAna.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let anaA = try a.athlete(named: "Ana"), anaB = try b.athlete(named: "ana")
        #expect(anaA.uuid == parts[0] && anaB.uuid == parts[0])
        #expect(["Red", "Blue"].contains(parts[1]))
        #expect(parts[2] == "2008" && anaA.birthYear == 2008)
        #expect(anaA.team == "Red" && anaB.team == "Blue")
        // Athletes of the other station are known here now.
        #expect((try? a.athlete(named: "Cy")) != nil && (try? b.athlete(named: "Ben")) != nil)
    }

    @Test("the gym leaderboard and trend read every station's sessions")
    func gymWideQueries() async throws {
        let url = try freshGymDatabase()
        let a = try stationStore(athletes: [Athlete(name: "Ana", team: "Red")], sessions: 3, firstSeed: 1)
        let b = try stationStore(athletes: [Athlete(name: "Ben", team: "Blue")], sessions: 2, firstSeed: 40)
        _ = try await sync(a, to: url, as: "station-a")
        _ = try await sync(b, to: url, as: "station-b")
        let gym = try await GymDatabase.connect(try GymAddress(url))
        let (version, candidates) = try await gym.leaderboardCandidates(LeaderboardQuery(profile: "quick-start"))
        let board = Leaderboard(candidates: candidates, minimumValidTrials: 5)
        #expect(version == 1)
        #expect(Set(board.rows.map(\.athlete)) == ["Ana", "Ben"])
        let local = Leaderboard(candidates: try a.leaderboardCandidates(LeaderboardQuery(profile: "quick-start")).candidates, minimumValidTrials: 5)
        #expect(board.rows.first { $0.athlete == "Ana" }?.value == local.rows.first?.value)
        let red = try await gym.leaderboardCandidates(LeaderboardQuery(profile: "quick-start", team: "red"))
        #expect(Set(red.candidates.map(\.athlete)) == ["Ana"])
        let (name, drills) = try await gym.history(athlete: "ANA")
        #expect(name == "Ana" && drills.first?.points.count == 3)
        await #expect(throws: GymError.self) { try await gym.history(athlete: "Nobody") }
        await #expect(throws: GymError.self) { try await gym.leaderboardCandidates(LeaderboardQuery(profile: "no-such")) }
        await gym.close()
    }

    @Test("a gym database of a newer Snapcue is refused with what to do")
    func newerSchemaRefused() async throws {
        let url = try freshGymDatabase()
        let store = try stationStore(athletes: [Athlete(name: "Ana")], sessions: 1)
        _ = try await sync(store, to: url, as: "station-a")
        try run("psql", [url, "-qc", "INSERT INTO snapcue_schema (version) VALUES (99)"])
        await #expect { try await sync(store, to: url, as: "station-a") } throws: { error in
            (error as? GymError)?.message.contains("newer") == true && (error as? GymError)?.fix?.contains("upgrade") == true
        }
    }

    @Test("bad URLs are refused before any connection, naming what is missing")
    func badAddresses() throws {
        #expect(throws: GymError.self) { try GymAddress("mysql://a@b/c") }
        #expect(throws: GymError.self) { try GymAddress("postgres://host/db") }
        #expect(throws: GymError.self) { try GymAddress("postgres://user@host") }
        #expect(throws: GymError.self) { try GymAddress("postgres://user@host/db?sslmode=verify-full") }
        #expect(try GymAddress("postgres://coach:s3cret@gym.local/snapcue").description == "postgres://coach@gym.local:5432/snapcue")
    }
}

@Suite("Sync when the gym database goes down and comes back", .serialized, .enabled(if: postgresAvailable))
struct GymOutageTests {
    static let script = packageRoot + "/Tests/postgres/postgres.sh"

    @Test("the server goes down: sync fails clearly and the station keeps everything; back up: the next sync catches up")
    func outage() async throws {
        let port = "55499"
        // A fixed folder: a server left by an earlier, killed run is reused, never in the way.
        let folder = NSTemporaryDirectory() + "snapcue-pg-outage"
        let server = try run(Self.script, ["start", port, folder])
        defer { _ = try? run(Self.script, ["stop", port, folder]) }
        let url = try freshGymDatabase(server: server)
        let store = try stationStore(athletes: [Athlete(name: "Ana")], sessions: 1)
        _ = try await sync(store, to: url, as: "station-a")
        try run(Self.script, ["stop", port, folder])
        let profile = try Profile.load(path: packageRoot + "/Profiles/quick-start.yaml")
        try keep(try simulatedSession(profile, seed: 77, athlete: "Ana"), profile: profile, in: store)
        await #expect { try await sync(store, to: url, as: "station-a") } throws: { error in
            (error as? GymError)?.message.contains("cannot reach the gym database") == true
        }
        #expect(try store.pendingPushes(target: try GymAddress(url).description).count == 1)
        _ = try run(Self.script, ["start", port, folder])
        let caughtUp = try await sync(store, to: url, as: "station-a")
        #expect(caughtUp.sessionsPushed == 1)
        #expect(try gymValue(url, "SELECT count(*) FROM session") == "2")
        #expect(try gymValue(url, "SELECT count(*) FROM trial") == "\(try localTrialCount(store))")
    }
}
