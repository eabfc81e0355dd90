import DrillCore
import DrillStore
import DrillTesting
import DrillWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Pages of scored and head-to-head drills")
struct ScoredPagesTests {
    @Test("a batak-30 session page leads with its score; its leaderboard ranks by hits, most first")
    func batakScoreOnPages() async throws {
        let fixture = try WebFixture.make()
        let profile = try Profile.load(path: packageRoot + "/Profiles/batak-30.yaml")
        var ids: [Int64] = []
        for (name, speed) in [("Ana", 230.0), ("Ben", 330.0)] {
            ids.append(try keep(try simulatedSession(profile, seed: 3, athlete: name, speed: speed, startedAt: "2026-11-05T17:30:00.000Z"), profile: profile, in: fixture.store))
        }
        let hits = try ids.map { id in try fixture.store.session(id: id).result.trials.filter { $0.sides[0].outcome == .hit }.count }
        #expect(hits[0] > hits[1])
        let first = ids[0]
        try await fixture.test { client in
            let page = try await client.execute(uri: "/sessions/\(first)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Score: hits") && page.text.contains("<strong>\(hits[0]) hits</strong>"))
            let board = try await client.execute(uri: "/api/leaderboard/batak-30", method: .get)
            let leaderboard = try #require(board.object["leaderboard"] as? [String: Any])
            #expect(leaderboard["metric"] as? String == "score")
            let rows = try #require(leaderboard["rows"] as? [[String: Any]])
            #expect(rows.map { $0["athlete"] as? String } == ["Ana", "Ben"])
            #expect(rows.map { $0["value"] as? Double } == hits.map(Double.init))
            let html = try await client.execute(uri: "/leaderboard/batak-30", method: .get)
            #expect(html.text.contains("\(hits[0]) hits") && html.text.contains("Targets hit before the time ran out"))
        }
    }

    @Test("a head-to-head session page shows each trial's winner and the wins")
    func headToHeadWinners() async throws {
        let fixture = try WebFixture.make()
        let profile = try Profile.load(path: packageRoot + "/Profiles/head-to-head.yaml")
        let session = try SimulatedSessions.run(profile, seed: 4, athletes: ["left": "Ana", "right": "Ben"])
        let id = try keep(session, profile: profile, in: fixture.store)
        let anaWins = session.trials.filter { $0.winners.contains("left") }.count
        try await fixture.test { client in
            let page = try await client.execute(uri: "/sessions/\(id)", method: .get)
            #expect(page.text.contains("<th>winner</th>") || page.text.contains(">winner<"))
            #expect(page.text.contains("\(anaWins) wins"))
        }
    }

    @Test("a partner drill's session page names the partner and shows their cue intervals and CV, in plain words")
    func partnerPace() async throws {
        let fixture = try WebFixture.make()
        let profile = try Profile.load(path: packageRoot + "/Profiles/partner-mirror.yaml")
        var session = try simulatedSession(profile, seed: 5, athlete: "Ana", speed: 260, startedAt: "2026-11-06T17:30:00.000Z")
        session.partner = "Sam <coach>"
        let id = try keep(session, profile: profile, in: fixture.store)
        try await fixture.test { client in
            let page = try await client.execute(uri: "/sessions/\(id)", method: .get)
            #expect(page.text.contains("partner Sam &lt;coach&gt;"))
            #expect(page.text.contains("<h2>Partner</h2>"))
            #expect(page.text.contains("Partner Sam &lt;coach&gt;: ") && page.text.contains("(CV "))
            #expect(page.text.contains("the spread as a share of the mean"))
        }
    }

    @Test("a gate run's session page shows each run's total time, and the leaderboard ranks by the best time each way, fastest first")
    func gateRunPages() async throws {
        let fixture = try WebFixture.make()
        let profile = try Profile.load(path: packageRoot + "/Profiles/reactive-y.yaml")
        var ids: [Int64] = []
        for (name, speed) in [("Ana", 220.0), ("Ben", 320.0)] {
            ids.append(try keep(try simulatedSession(profile, seed: 3, athlete: name, speed: speed, startedAt: "2026-11-07T17:30:00.000Z"), profile: profile, in: fixture.store))
        }
        let first = ids[0]
        try await fixture.test { client in
            let page = try await client.execute(uri: "/sessions/\(first)", method: .get)
            #expect(page.text.contains("Score: best time each way"))
            #expect(page.text.contains("<th>total (ms)</th>") || page.text.contains(">total (ms)<"))
            #expect(page.text.contains("median total time (ms)"))
            let board = try await client.execute(uri: "/api/leaderboard/reactive-y", method: .get)
            let rows = try #require((board.object["leaderboard"] as? [String: Any])?["rows"] as? [[String: Any]])
            #expect(rows.map { $0["athlete"] as? String } == ["Ana", "Ben"])
        }
    }
}
