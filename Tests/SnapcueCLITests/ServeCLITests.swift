import Foundation
import Testing

/// A running `snapcue serve` on a free port, stopped with SIGTERM.
final class RunningServer {
    let process: Process
    let baseURL: String
    let token = "serve-test-token"
    private let output: Pipe

    /// - Parameter realtime: let the cue thread ask for real-time scheduling (`--no-realtime` otherwise).
    init(_ arguments: [String], realtime: Bool = false) throws {
        output = Pipe()
        process = try snapcueProcess(["serve", "--port", "0", "--token", token] + (realtime ? [] : ["--no-realtime"]) + arguments, output: output)
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                baseURL = String(seen[range])
                return
            }
        }
        process.terminate()
        throw CLIFailure("serve did not print its address; it printed: \(seen)")
    }

    /// `curl` against the server: (status, body).
    func request(_ method: String, _ path: String, body: String? = nil, token: String? = nil) throws -> (status: Int, body: String) {
        var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, baseURL + path]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = arguments
        let pipe = Pipe()
        curl.standardOutput = pipe
        try curl.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        let statusLine = text.split(separator: "\n").last.map(String.init) ?? "0"
        text = String(text.dropLast(statusLine.count + 1))
        return (Int(statusLine) ?? 0, text)
    }

    func json(_ path: String) throws -> [String: Any] {
        let (_, body) = try request("GET", path)
        return (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A profiles folder with one short drill (4 trials, 100–200 ms waits), so a real-time drill takes about 2 s.
func shortDrillFolder(trials: Int = 4) throws -> String {
    let folder = NSTemporaryDirectory() + "snapcue-serve-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try """
        name: short
        version: 1
        title: Short drill
        cues:
          light:
            light: pad
            expect: pad
        defaults:
          timeout: 800ms
          intertrial: 100ms
        blocks:
          - name: work
            trials: \(trials)
            foreperiod: {distribution: uniform, min: 100ms, max: 200ms}
        """.write(toFile: folder + "/short.yaml", atomically: true, encoding: .utf8)
    return folder
}

@Suite("snapcue serve (the real binary, over HTTP)", .serialized)
struct ServeCLITests {
    @Test("a drill started over HTTP runs on the simulated station with the real-time runner and is stored, trial by trial")
    func drillFromTheWeb() throws {
        let database = freshDatabase()
        let server = try RunningServer(["--profiles", try shortDrillFolder(), "--db", database])
        defer { _ = server.stop() }
        let refused = try server.request("POST", "/api/drills", body: #"{"profile": "short", "athletes": ["Web Athlete"]}"#)
        #expect(refused.status == 401)
        let started = try server.request(
            "POST", "/api/drills", body: #"{"profile": "short", "athletes": ["Web Athlete"], "seed": 4}"#, token: server.token)
        #expect(started.status == 202, "\(started.body)")
        var live: [String: Any] = [:]
        for _ in 0..<100 {
            live = try server.json("/api/live")
            if live["status"] as? String == "finished" { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(live["end"] as? String == "complete")
        #expect(live["completed_trials"] as? Int == 4)
        let session = try server.json("/api/sessions/1")
        let stored = session["session"] as? [String: Any]
        #expect(stored?["status"] as? String == "complete")
        #expect(((stored?["result"] as? [String: Any])?["trials"] as? [Any])?.count == 4)
        let page = try server.request("GET", "/athletes/Web%20Athlete")
        #expect(page.status == 200 && page.body.contains("Web Athlete"))
    }

    @Test("SIGTERM during a web-started drill stops it cleanly: its trials are kept and the session is aborted")
    func stopDuringDrill() throws {
        let database = freshDatabase()
        let server = try RunningServer(["--profiles", try shortDrillFolder(trials: 200), "--db", database])
        let started = try server.request("POST", "/api/drills", body: #"{"profile": "short", "athletes": ["Stopper"]}"#, token: server.token)
        #expect(started.status == 202)
        var completed = 0
        for _ in 0..<50 where completed < 2 {
            Thread.sleep(forTimeInterval: 0.2)
            completed = try server.json("/api/live")["completed_trials"] as? Int ?? 0
        }
        #expect(server.stop() == 0)
        let list = try snapcue(["sessions", "list", "--json", "--db", database])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(sessions.first?["status"] as? String == "aborted")
        #expect((sessions.first?["trials"] as? Int ?? 0) >= completed)
    }

    @Test("serve --cpu 1 keeps every server thread off CPU 1 and runs the drill's cue thread on it alone",
          .enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2))
    func reservedCPU() throws {
        let server = try RunningServer(["--profiles", try shortDrillFolder(trials: 30), "--db", freshDatabase(), "--cpu", "1"], realtime: true)
        defer { _ = server.stop() }
        /// (thread name, CPUs it may run on) for every thread of the server.
        func threads() throws -> [(name: String, cpus: String)] {
            let tasks = "/proc/\(server.process.processIdentifier)/task"
            return try FileManager.default.contentsOfDirectory(atPath: tasks).compactMap { tid in
                guard let status = try? String(contentsOfFile: "\(tasks)/\(tid)/status", encoding: .utf8),
                    let name = try? String(contentsOfFile: "\(tasks)/\(tid)/comm", encoding: .utf8) else { return nil }
                let cpus = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }?.split(separator: "\t").last
                return (name.trimmingCharacters(in: .whitespacesAndNewlines), cpus.map(String.init) ?? "?")
            }
        }
        func allows1(_ list: String) -> Bool {
            list.split(separator: ",").contains { range in
                let ends = range.split(separator: "-").compactMap { Int($0) }
                return ends.count == 1 ? ends[0] == 1 : ends.count == 2 && ends[0] <= 1 && 1 <= ends[1]
            }
        }
        let idle = try threads()
        #expect(!idle.isEmpty)
        #expect(idle.allSatisfy { !allows1($0.cpus) }, "\(idle)")
        let started = try server.request("POST", "/api/drills", body: #"{"profile": "short", "athletes": ["Pinned"]}"#, token: server.token)
        #expect(started.status == 202, "\(started.body)")
        var cue: [(name: String, cpus: String)] = []
        for _ in 0..<50 where cue.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            cue = try threads().filter { $0.name == "snapcue-cue" }
        }
        #expect(cue.count == 1 && cue.first?.cpus == "1", "\(cue)")
        let others = try threads().filter { $0.name != "snapcue-cue" }
        #expect(others.allSatisfy { !allows1($0.cpus) }, "\(others)")
    }

    @Test("a port already in use is a clear error and exit 2")
    func portInUse() throws {
        let server = try RunningServer(["--db", freshDatabase()])
        defer { _ = server.stop() }
        let port = server.baseURL.split(separator: ":").last.map(String.init) ?? "0"
        let second = try snapcue(["serve", "--port", port, "--token", "another-token", "--db", freshDatabase()])
        #expect(second.status == 2)
        #expect(second.errorOutput.contains("cannot serve on 127.0.0.1:\(port)"))
    }
}
