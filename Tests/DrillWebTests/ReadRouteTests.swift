import DrillCore
import DrillStats
import DrillStore
import DrillWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Station web app: pages and read API")
struct ReadRouteTests {
    @Test("the leaderboard page and API rank the fastest median first, with the same numbers")
    func leaderboardPageMatchesAPI() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            let api = try await client.execute(uri: "/api/leaderboard/choice-4?min_valid=5", method: .get)
            #expect(api.status == .ok)
            let rows = try #require((api.object["leaderboard"] as? [String: Any])?["rows"] as? [[String: Any]])
            #expect(rows.map { $0["athlete"] as? String } == ["Ana", "Cara", "Ben"])
            let best = try #require(rows.first?["value"] as? Double)
            let page = try await client.execute(uri: "/leaderboard/choice-4?min_valid=5", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("<table id=\"leaderboard\">"))
            #expect(page.text.contains(String(format: "%.1f", best)))
            #expect(page.text.range(of: "Ana")!.lowerBound < page.text.range(of: "Ben</a>")!.lowerBound)
        }
    }

    @Test("a team filter keeps only that team; an unknown team is a 404 naming the teams")
    func teamFilter() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            let red = try await client.execute(uri: "/api/leaderboard/choice-4?team=red&min_valid=5", method: .get)
            let rows = try #require((red.object["leaderboard"] as? [String: Any])?["rows"] as? [[String: Any]])
            #expect(rows.map { $0["athlete"] as? String } == ["Ana", "Cara"])
            let unknown = try await client.execute(uri: "/api/leaderboard/choice-4?team=Green", method: .get)
            #expect(unknown.status == .notFound)
            #expect((unknown.object["error"] as? String)?.contains("Green") == true)
            #expect((unknown.object["fix"] as? String)?.contains("Blue") == true)
        }
    }

    @Test("an athlete page draws the trend chart with one point per session, a legend of the marks drawn, and the distribution")
    func athletePageCharts() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/athletes/Ana?min_valid=5&familiarisation=0", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<svg class=\"chart trend\""))
            #expect(html.components(separatedBy: " r=\"5\" data-session=\"").count - 1 == 4)
            #expect(html.contains("class=\"trend-line\""))
            // The legend names the marks drawn, and only those: the points, the best, the trend, its band if drawn.
            let legend = String(try #require(html.components(separatedBy: "<ul class=\"legend\">").dropFirst().first).prefix(while: { $0 != "\n" }))
            for meaning in ["median RT (tap for the session)", "personal best", "trend (down is faster)"] {
                #expect(legend.contains(meaning), "\(meaning)")
            }
            #expect(legend.contains("95 % sure") == html.contains("<polygon class=\"band\""))
            #expect(html.contains("<svg class=\"chart distribution\""))
            #expect(html.components(separatedBy: "class=\"session-box\"").count - 1 == 4)
            let api = try await client.execute(uri: "/api/athletes/Ana?min_valid=5&familiarisation=0", method: .get)
            let drills = try #require(api.object["drills"] as? [[String: Any]])
            let progress = try #require(drills.first?["progress"] as? [String: Any])
            let best = try #require((progress["personal_best"] as? [String: Any])?["median_milliseconds"] as? Double)
            #expect(html.contains(String(format: "%.1f ms", best)))
        }
    }

    @Test("a session page lists every trial; its CSV has a header and one row per trial")
    func sessionPageAndCSV() async throws {
        let fixture = try WebFixture.make()
        let stored = try fixture.store.session(id: 1)
        try await fixture.test { client in
            let page = try await client.execute(uri: "/sessions/1", method: .get)
            #expect(page.status == .ok)
            let table = try #require(page.text.components(separatedBy: "<table id=\"trials\">").last?.components(separatedBy: "</table>").first)
            #expect(table.components(separatedBy: "<tr>").count - 2 == stored.result.trials.count)
            let csv = try await client.execute(uri: "/api/sessions/1/trials.csv", method: .get)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition]?.contains("attachment") == true)
            let lines = csv.text.split(separator: "\n")
            #expect(lines.count == 1 + stored.result.trials.count)
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(stored.uuid) })
        }
    }

    @Test("lists: drills, athletes, sessions, profiles and the station, as pages and JSON")
    func listRoutes() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            for uri in ["/", "/athletes", "/athletes?team=Red", "/sessions", "/live", "/trainer"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.text.hasPrefix("<!doctype html>"), "\(uri)")
            }
            let athletes = try await client.execute(uri: "/api/athletes?team=Red", method: .get)
            let names = (try JSONSerialization.jsonObject(with: Data(athletes.text.utf8)) as? [[String: Any]])?.compactMap { ($0["athlete"] as? [String: Any])?["name"] as? String }
            #expect(names == ["Ana", "Cara"])
            let sessions = try await client.execute(uri: "/api/sessions?athlete=Ana&limit=2", method: .get)
            #expect((try JSONSerialization.jsonObject(with: Data(sessions.text.utf8)) as? [Any])?.count == 2)
            let profiles = try await client.execute(uri: "/api/profiles", method: .get)
            let offered = (profiles.object["station"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(offered == ["choice-4", "go-nogo", "quick-start"])
            let station = try await client.execute(uri: "/api/station", method: .get)
            #expect(station.object["simulated"] as? Bool == true)
            let export = try await client.execute(uri: "/api/export?athlete=Ben&format=json", method: .get)
            #expect(export.object["format"] as? String == "snapcue-trials")
        }
    }

    @Test("bad requests get a 4xx with a message, never a 500")
    func badRequests() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            let cases: [(String, HTTPResponse.Status)] = [
                ("/api/leaderboard/choice-4?metric=fastest", .badRequest),
                ("/api/leaderboard/choice-4?min_valid=zero", .badRequest),
                ("/api/leaderboard/choice-4?since=yesterday", .badRequest),
                ("/api/leaderboard/choice-4?version=9", .notFound),
                ("/api/leaderboard/no-such-drill", .notFound),
                ("/api/athletes/Nobody", .notFound),
                ("/api/sessions/abc", .badRequest),
                ("/api/sessions/999", .notFound),
                ("/api/sessions?limit=-1", .badRequest),
                ("/api/export?format=xml", .badRequest),
                ("/api/no-such-route", .notFound),
            ]
            for (uri, status) in cases {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == status, "\(uri)")
                #expect((response.object["error"] as? String)?.isEmpty == false, "\(uri): \(response.text)")
            }
            let page = try await client.execute(uri: "/athletes/Nobdy", method: .get)
            #expect(page.status == .notFound)
            #expect(page.text.contains("<!doctype html>") && page.text.contains("no athlete named"))
        }
    }

    @Test("every asset comes from the station: no page names another host")
    func noExternalAssets() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            for uri in ["/", "/leaderboard/choice-4?min_valid=5", "/athletes/Ana", "/sessions/1", "/live", "/trainer"] {
                let html = try await client.execute(uri: uri, method: .get).text
                let external = html.components(separatedBy: "src=\"http").count + html.components(separatedBy: "href=\"http").count - 2
                #expect(external == 0, "\(uri)")
            }
            for asset in ["snapcue.css", "live.js", "trainer.js", "icon.svg"] {
                let response = try await client.execute(uri: "/assets/\(asset)", method: .get)
                #expect(response.status == .ok && !response.text.isEmpty, "\(asset)")
            }
        }
    }
}
