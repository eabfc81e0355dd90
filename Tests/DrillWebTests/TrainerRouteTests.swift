import DrillCore
import DrillStore
import DrillWeb
import DrillTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Station web app: trainer actions")
struct TrainerRouteTests {
    static let writeRoutes: [(String, String)] = [
        ("/api/athletes", #"{"name": "Dana"}"#),
        ("/api/profiles", "name: x\n"),
        ("/api/profiles?validate_only=true", "name: x\n"),
        ("/api/drills", #"{"profile": "quick-start", "athletes": ["Ana"]}"#),
        ("/api/drills/stop", ""),
    ]

    @Test("every write route refuses a request without the token (401) or with a wrong one (403), and changes nothing")
    func writesNeedTheToken() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            for (uri, body) in Self.writeRoutes {
                let none = try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: body))
                #expect(none.status == .unauthorized, "\(uri)")
                #expect((none.object["error"] as? String)?.contains("trainer token") == true, "\(uri)")
                let wrong = try await client.execute(
                    uri: uri, method: .post, headers: [.authorization: "Bearer not-the-token"], body: ByteBuffer(string: body))
                #expect(wrong.status == .forbidden, "\(uri)")
            }
        }
        #expect(try fixture.store.athletes().map(\.name) == ["Ana", "Ben", "Cara"])
        #expect(fixture.board.current.status == .idle)
        #expect(!FileManager.default.fileExists(atPath: fixture.profilesFolder + "/x.yaml"))
    }

    @Test("adding an athlete: created with its details; a taken name is 409; a bad birth year or hand is 400")
    func addAthlete() async throws {
        let fixture = try WebFixture.make()
        try await fixture.test { client in
            let created = try await client.execute(
                uri: "/api/athletes", method: .post, headers: withToken,
                body: ByteBuffer(string: #"{"name": "Dana", "team": "Blue", "birth_year": 2009, "handedness": "left"}"#))
            #expect(created.status == .created)
            let taken = try await client.execute(uri: "/api/athletes", method: .post, headers: withToken, body: ByteBuffer(string: #"{"name": "dana"}"#))
            #expect(taken.status == .conflict)
            let year = try await client.execute(uri: "/api/athletes", method: .post, headers: withToken, body: ByteBuffer(string: #"{"name": "Eve", "birth_year": 1800}"#))
            #expect(year.status == .badRequest)
            let hand = try await client.execute(uri: "/api/athletes", method: .post, headers: withToken, body: ByteBuffer(string: #"{"name": "Eve", "handedness": "both"}"#))
            #expect(hand.status == .badRequest)
            let missing = try await client.execute(uri: "/api/athletes", method: .post, headers: withToken, body: ByteBuffer(string: #"{"team": "Blue"}"#))
            #expect(missing.status == .badRequest)
            #expect((missing.object["error"] as? String)?.contains("'name'") == true)
            let garbage = try await client.execute(uri: "/api/athletes", method: .post, headers: withToken, body: ByteBuffer(string: "name=Eve"))
            #expect(garbage.status == .badRequest)
        }
        let dana = try fixture.store.athlete(named: "Dana")
        #expect(dana.team == "Blue" && dana.birthYear == 2009 && dana.handedness == .left)
    }

    @Test("profile upload: checked like 'profile validate' (422 with line and column), saved when good, 413 when too large")
    func uploadProfile() async throws {
        let fixture = try WebFixture.make()
        let good = try String(contentsOfFile: packageRoot + "/Profiles/pvt-b.yaml", encoding: .utf8)
        let bad = good.replacingOccurrences(of: "timeout:", with: "timout:")
        try await fixture.test { client in
            let invalid = try await client.execute(uri: "/api/profiles", method: .post, headers: withToken, body: ByteBuffer(string: bad))
            #expect(invalid.status == .unprocessableContent)
            let message = try #require(invalid.object["error"] as? String)
            #expect(message.contains("upload:") && message.contains("timout"))
            #expect((invalid.object["fix"] as? String)?.contains("timeout") == true)
            let checked = try await client.execute(uri: "/api/profiles?validate_only=true", method: .post, headers: withToken, body: ByteBuffer(string: good))
            #expect(checked.status == .ok)
            #expect(checked.object["saved"] as? Bool == false)
            let saved = try await client.execute(uri: "/api/profiles", method: .post, headers: withToken, body: ByteBuffer(string: good))
            #expect(saved.status == .created)
            let changed = try await client.execute(
                uri: "/api/profiles", method: .post, headers: withToken, body: ByteBuffer(string: good + "\n# changed\n"))
            #expect(changed.status == .conflict)
            let replaced = try await client.execute(
                uri: "/api/profiles?replace=true", method: .post, headers: withToken, body: ByteBuffer(string: good + "\n# changed\n"))
            #expect(replaced.status == .ok)
            let huge = try await client.execute(
                uri: "/api/profiles", method: .post, headers: withToken,
                body: ByteBuffer(string: String(repeating: "# padding\n", count: 30_000)))
            #expect(huge.status == .contentTooLarge)
            let empty = try await client.execute(uri: "/api/profiles", method: .post, headers: withToken, body: ByteBuffer(string: "\n"))
            #expect(empty.status == .badRequest)
            let profiles = try await client.execute(uri: "/api/profiles", method: .get)
            #expect((profiles.object["station"] as? [[String: Any]])?.contains { $0["name"] as? String == "pvt-b" } == true)
        }
        #expect(FileManager.default.fileExists(atPath: fixture.profilesFolder + "/pvt-b.yaml"))
    }

    @Test("a drill started from the web runs to its end, publishes the live picture and stores every trial")
    func startDrill() async throws {
        let fixture = try WebFixture.make()
        let before = try fixture.store.sessions().count
        try await fixture.test { client in
            let started = try await client.execute(
                uri: "/api/drills", method: .post, headers: withToken,
                body: ByteBuffer(string: #"{"profile": "quick-start", "athletes": ["Ana"], "seed": 5}"#))
            #expect(started.status == .accepted)
            #expect(started.object["profile"] as? String == "quick-start")
            let session = try #require(started.object["session_id"] as? Int)
            fixture.launcher.finished.wait()
            let live = try await client.execute(uri: "/api/live", method: .get)
            #expect(live.object["status"] as? String == "finished")
            #expect(live.object["end"] as? String == "complete")
            let planned = (live.object["drill"] as? [String: Any])?["planned_trials"] as? Int
            #expect(live.object["completed_trials"] as? Int == planned)
            let stored = try fixture.store.session(id: Int64(session))
            #expect(stored.status == .complete && stored.result.trials.count == planned)
        }
        #expect(try fixture.store.sessions().count == before + 1)
    }

    @Test("while a drill runs a second start is 409; stop ends it, kept as aborted; stop with none running is 409")
    func oneDrillAtATime() async throws {
        let fixture = try WebFixture.make()
        fixture.launcher.closeGate()
        try await fixture.test { client in
            let body = ByteBuffer(string: #"{"profile": "quick-start", "athletes": ["Ben"]}"#)
            let first = try await client.execute(uri: "/api/drills", method: .post, headers: withToken, body: body)
            #expect(first.status == .accepted)
            let second = try await client.execute(uri: "/api/drills", method: .post, headers: withToken, body: body)
            #expect(second.status == .conflict)
            let stop = try await client.execute(uri: "/api/drills/stop", method: .post, headers: withToken)
            #expect(stop.status == .accepted)
            fixture.launcher.openGate()
            fixture.launcher.finished.wait()
            let live = try await client.execute(uri: "/api/live", method: .get)
            #expect(live.object["end"] as? String == "stopped by the user")
            let again = try await client.execute(uri: "/api/drills/stop", method: .post, headers: withToken)
            #expect(again.status == .conflict)
            let unknown = try await client.execute(
                uri: "/api/drills", method: .post, headers: withToken, body: ByteBuffer(string: #"{"profile": "no-such", "athletes": []}"#))
            #expect(unknown.status == .notFound)
            #expect((unknown.object["fix"] as? String)?.contains("quick-start") == true)
        }
        let session = try #require(try fixture.store.sessions(SessionFilter(athlete: "Ben")).first)
        #expect(session.status == .aborted)
    }

    @Test("the live event stream sends the picture at once and each change, and ends after the drill with ?until=finished")
    func liveEvents() async throws {
        let fixture = try WebFixture.make()
        fixture.launcher.closeGate()
        try await fixture.test { client in
            _ = try await client.execute(
                uri: "/api/drills", method: .post, headers: withToken,
                body: ByteBuffer(string: #"{"profile": "quick-start", "athletes": ["Cara"], "seed": 3}"#))
            fixture.launcher.openGate()
            let events = try await client.execute(uri: "/api/live/events?until=finished", method: .get)
            #expect(events.headers[.contentType] == "text/event-stream")
            let states = events.text.components(separatedBy: "\n\n").filter { $0.contains("event: state") }
            #expect(!states.isEmpty)
            let last = try #require(states.last?.components(separatedBy: "data: ").last)
            let picture = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
            #expect(picture["status"] as? String == "finished")
            #expect(((picture["sides"] as? [[String: Any]])?.first?["athlete"]) as? String == "Cara")
        }
    }
}
