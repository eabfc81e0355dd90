import DrillCore
import DrillStats
import DrillStore
import Testing

@Suite("Trends and leaderboards from the store")
struct ProgressQueryTests {
    @Test("leaderboards take the newest version, complete sessions only, and filter by team, window and seed")
    func leaderboardFilters() throws {
        let store = try Store(path: temporaryDatabase())
        try store.addAthlete(Athlete(name: "Ana", team: "U17"))
        try store.addAthlete(Athlete(name: "Ben", team: "Seniors"))
        for (athlete, seed, day) in [("Ana", UInt64(1), 2), ("Ben", 2, 3), ("Ana", 3, 10)] {
            let (profile, session) = try simulatedSession("choice-4", seed: seed, athletes: ["athlete": athlete], startedAt: "2026-11-\(String(format: "%02d", day))T10:00:00Z")
            try DrillStoreTests.store(store, profile, session)
        }
        var aborted = try simulatedSession("choice-4", seed: 9, athletes: ["athlete": "Ben"])
        aborted.session.end = .stopped
        try DrillStoreTests.store(store, aborted.profile, aborted.session)

        let all = try store.leaderboardCandidates(LeaderboardQuery(profile: "choice-4"))
        #expect(all.version == 1 && all.candidates.count == 3)
        #expect(try store.leaderboardCandidates(LeaderboardQuery(profile: "choice-4", team: "u17")).candidates.map(\.athlete) == ["Ana", "Ana"])
        let window = LeaderboardQuery(profile: "choice-4", since: WallClock.milliseconds(iso: "2026-11-03T00:00:00Z"), until: WallClock.milliseconds(iso: "2026-11-04T00:00:00Z"))
        #expect(try store.leaderboardCandidates(window).candidates.map(\.athlete) == ["Ben"])
        #expect(try store.leaderboardCandidates(LeaderboardQuery(profile: "choice-4", seed: 3)).candidates.count == 1)
        #expect(throws: StoreError.self) { try store.leaderboardCandidates(LeaderboardQuery(profile: "choice-4", version: 2)) }
        #expect { try store.leaderboardCandidates(LeaderboardQuery(profile: "choice-5")) } throws: { error in "\(error)".contains("did you mean 'choice-4'") }
        let board = Leaderboard(candidates: all.candidates, minimumValidTrials: 5)
        #expect(Set(board.rows.map(\.athlete)) == ["Ana", "Ben"])
    }

    @Test("an athlete's history groups complete sessions by drill, oldest first")
    func history() throws {
        let store = try Store(path: temporaryDatabase())
        try store.addAthlete(Athlete(name: "Ana"))
        for (name, seed, day) in [("choice-4", UInt64(1), 5), ("quick-start", 2, 1), ("choice-4", 3, 2), ("choice-4", 4, 9)] {
            let (profile, session) = try simulatedSession(name, seed: seed, athletes: ["athlete": "Ana"], startedAt: "2026-11-0\(day)T10:00:00Z")
            try DrillStoreTests.store(store, profile, session)
        }
        let history = try store.history(athlete: "ana")
        #expect(history.map(\.profile) == ["choice-4", "quick-start"])
        #expect(history[0].points.map(\.startedAtMilliseconds) == history[0].points.map(\.startedAtMilliseconds).sorted())
        #expect(try store.history(athlete: "Ana", profile: "quick-start").map(\.points.count) == [1])
    }
}
