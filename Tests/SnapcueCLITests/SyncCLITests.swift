import Foundation
import Testing

let testPostgres = ProcessInfo.processInfo.environment["SNAPCUE_TEST_POSTGRES"]
let postgresRequired = ProcessInfo.processInfo.environment["SNAPCUE_REQUIRE_POSTGRES"] == "1"

/// A fresh database on the test server; its URL.
func freshGymURL() throws -> String {
    guard let server = testPostgres else { throw CLIFailure("SNAPCUE_TEST_POSTGRES is not set (make unit-test starts a server)") }
    let name = "snapcue_cli_\(UUID().uuidString.prefix(8).lowercased())"
    let psql = Process()
    psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
    psql.arguments = [server.replacingOccurrences(of: "/snapcue_test", with: "/postgres"), "-qc", "CREATE DATABASE \(name)"]
    try psql.run()
    psql.waitUntilExit()
    guard psql.terminationStatus == 0 else { throw CLIFailure("cannot create database \(name)") }
    return server.replacingOccurrences(of: "/snapcue_test", with: "/\(name)")
}

/// One value from the gym database.
func gymCount(_ url: String, _ sql: String) throws -> Int {
    let psql = Process()
    psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
    psql.arguments = [url, "-tAc", sql]
    let output = Pipe()
    psql.standardOutput = output
    try psql.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    psql.waitUntilExit()
    return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
}

@Suite("snapcue sync, and gym-wide reports (a real PostgreSQL)", .serialized, .enabled(if: testPostgres != nil || postgresRequired))
struct SyncCLITests {
    @Test("a sync killed mid-way (kill -9) and run again leaves every trial in the gym exactly once")
    func interruptedSync() throws {
        let url = try freshGymURL()
        let database = freshDatabase()
        for seed in 1...12 {
            let run = try snapcue(["run", "Profiles/pvt-b.yaml", "--virtual-athlete", "--fast", "--athlete", "Ana", "--seed", "\(seed)", "--db", database])
            #expect(run.status == 0 || run.status == 130, "\(run.errorOutput)")
        }
        let local = try #require(try JSONSerialization.jsonObject(with: Data(try snapcue(["sessions", "list", "--json", "--db", database]).output.utf8)) as? [[String: Any]])
        let trials = local.reduce(0) { $0 + ($1["trials"] as? Int ?? 0) }
        let output = Pipe()
        let sync = try snapcueProcess(["sync", "--postgres", url, "--db", database, "--station-name", "pi-1"], output: output)
        // Kill it once the first session has gone (the progress line says so).
        var seen = ""
        while sync.isRunning && !seen.contains("session ") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(sync.processIdentifier, SIGKILL)
        sync.waitUntilExit()
        let partial = try gymCount(url, "SELECT count(*) FROM trial")
        #expect(partial > 0 && partial <= trials)
        let again = try snapcue(["sync", "--postgres", url, "--db", database, "--station-name", "pi-1", "--json"])
        #expect(again.status == 0, "\(again.errorOutput)")
        #expect(try gymCount(url, "SELECT count(*) FROM trial") == trials)
        #expect(try gymCount(url, "SELECT count(*) FROM session") == local.count)
        let third = try snapcue(["sync", "--postgres", url, "--db", database, "--station-name", "pi-1", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(third.output.utf8)) as? [String: Any])
        #expect(report["sessions_pushed"] as? Int == 0)
    }

    @Test("leaderboard and trend --postgres read the whole gym; an unreachable gym is a clear error and exit 2")
    func gymReports() throws {
        let url = try freshGymURL()
        let stationA = freshDatabase(), stationB = freshDatabase()
        for (database, athlete, seeds) in [(stationA, "Ana", [1, 2, 3]), (stationB, "Ben", [4, 5])] {
            for seed in seeds {
                _ = try snapcue(["run", "Profiles/choice-4.yaml", "--virtual-athlete", "--fast", "--athlete", athlete, "--seed", "\(seed)", "--db", database])
            }
            let sync = try snapcue(["sync", "--postgres", url, "--db", database])
            #expect(sync.status == 0, "\(sync.errorOutput)")
        }
        let board = try snapcue(["leaderboard", "--profile", "choice-4", "--min-valid", "5", "--postgres", url])
        #expect(board.status == 0, "\(board.errorOutput)")
        #expect(board.output.contains("whole gym") && board.output.contains("Ana") && board.output.contains("Ben"))
        let local = try snapcue(["leaderboard", "--profile", "choice-4", "--min-valid", "5", "--db", stationA])
        #expect(!local.output.contains("Ben"))
        let trend = try snapcue(["trend", "--athlete", "ana", "--postgres", url, "--json"])
        #expect(trend.status == 0, "\(trend.errorOutput)")
        let drills = try #require(try JSONSerialization.jsonObject(with: Data(trend.output.utf8)) as? [[String: Any]])
        #expect(((drills.first?["progress"] as? [String: Any])?["entries"] as? [Any])?.count == 3)
        let down = try snapcue(["sync", "--postgres", "postgres://snapcue@127.0.0.1:1/nowhere", "--db", stationA])
        #expect(down.status == 2)
        #expect(down.errorOutput.contains("cannot reach the gym database"))
        #expect(down.errorOutput.contains("keeps its results"))
    }

    @Test("serve --sync-postgres sends a web-started drill to the gym database in the background")
    func backgroundSync() throws {
        let url = try freshGymURL()
        let server = try RunningServer([
            "--db", freshDatabase(), "--profiles", try shortDrillFolder(), "--sync-postgres", url, "--sync-every", "1",
        ])
        defer { _ = server.stop() }
        let started = try server.request("POST", "/api/drills", body: #"{"profile": "short", "athletes": ["Syncer"]}"#, token: server.token)
        #expect(started.status == 202)
        var synced = 0
        for _ in 0..<60 where synced == 0 {
            Thread.sleep(forTimeInterval: 0.5)
            synced = max(0, try gymCount(url, "SELECT count(*) FROM session WHERE status = 'complete' AND trial_count = 4"))
        }
        #expect(synced == 1)
        #expect(try gymCount(url, "SELECT count(*) FROM athlete WHERE name = 'Syncer'") == 1)
    }
}
