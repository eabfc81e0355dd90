import DrillCore
import DrillStore
import DrillTesting
import DrillWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Station web app: hostile requests")
struct HostileRequestTests {
    @Test("valid JSON with an out-of-range number is 422 naming the field; a JSON list is 'must be an object'")
    func jsonThatDoesNotFit() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            let negative = try await client.execute(
                uri: "/api/drills", method: .post, headers: withToken,
                body: ByteBuffer(string: #"{"profile": "quick-start", "athletes": ["Ana"], "seed": -1}"#))
            #expect(negative.status == .unprocessableContent, "\(negative.object)")
            #expect((negative.object["error"] as? String)?.contains("'seed' is out of range") == true, "\(negative.object)")
            let list = try await client.execute(uri: "/api/athletes", method: .post, headers: withToken, body: ByteBuffer(string: #"[{"name": "Eve"}]"#))
            #expect(list.status == .badRequest)
            #expect((list.object["error"] as? String)?.contains("must be a JSON object") == true, "\(list.object)")
        }
    }

    @Test("athlete names with NUL, escape sequences or 5 000 characters are refused with 400 through the API")
    func hostileNames() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            for name in ["Eve\\u0000", "Eve\\u001b[2J", String(repeating: "e", count: 5000)] {
                let response = try await client.execute(
                    uri: "/api/athletes", method: .post, headers: withToken, body: ByteBuffer(string: #"{"name": "\#(name)"}"#))
                #expect(response.status == .badRequest, "\(name.prefix(20))")
            }
        }
        #expect(try fixture.store.athletes().map(\.name) == ["Ana", "Ben", "Cara"])
    }

    @Test("a web error answers with the error's web fix, never a command-line flag")
    func webFixesSpeakWeb() {
        let error = ActionableError("'Anna' is not an athlete here", fix: "add --add-athlete", webFix: "tick 'new athlete'", kind: .conflict)
        let answer = WebError.from(error)
        #expect(answer.status == .conflict && answer.fix == "tick 'new athlete'")
    }

    @Test("/live embeds the picture as JSON that no name can break out of")
    func liveEmbedsEscapedJSON() async throws {
        let fixture = try WebFixture.make()
        let name = "<!--<script>x</script>&\u{2028}"
        fixture.board.begin(LiveState.Drill(
            profile: "quick-start", profileVersion: 1, title: "Quick", station: "sim", seed: 1,
            athletes: [.init(side: "athlete", athlete: name)], sessionID: 1, plannedTrials: 3, lightColors: [:]))
        try await fixture.test { client in
            let page = try await client.execute(uri: "/live", method: .get, headers: [.accept: "text/html"])
            let html = String(buffer: page.body)
            let start = try #require(html.range(of: #"<script id="live-initial" type="application/json">"#))
            let json = html[start.upperBound...].prefix { $0 != "<" }
            #expect(json.contains(#"\u003c!--\u003cscript\u003e"#) && json.contains(#"\u0026"#) && json.contains(#"\u2028"#), "\(json)")
            #expect(html.contains("</script>") && !html.contains("<!--<script>"))
        }
    }
}

@Suite("Station web app: methods")
struct MethodTests {
    @Test("PUT or DELETE on a path the station serves is 405 with Allow; an unknown path is still 404")
    func methodNotAllowed() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            let put = try await client.execute(uri: "/api/athletes", method: .put, headers: withToken, body: ByteBuffer(string: "{}"))
            #expect(put.status == .methodNotAllowed && put.headers[.allow] == "GET, POST, HEAD")
            let delete = try await client.execute(uri: "/api/sessions/1", method: .delete, headers: withToken)
            #expect(delete.status == .methodNotAllowed && delete.headers[.allow] == "GET, HEAD")
            let getStop = try await client.execute(uri: "/api/drills/stop", method: .get)
            #expect(getStop.status == .methodNotAllowed && getStop.headers[.allow] == "POST")
            let unknown = try await client.execute(uri: "/api/nothing-here", method: .put)
            #expect(unknown.status == .notFound)
            // Every path of the table answers its own methods (not 404 or 405), token given where needed.
            for entry in [("/api/athletes", HTTPRequest.Method.get), ("/api/profiles", .get), ("/live", .get), ("/api/live", .get)] {
                let response = try await client.execute(uri: entry.0, method: entry.1)
                #expect(response.status == .ok, "\(entry.0)")
            }
        }
    }
}
