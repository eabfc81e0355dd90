import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs python3 code (its sqlite3 module makes files no Snapcue wrote).
func python(_ code: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", code]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 failed: \(code)")
}

/// The bytes of `path` and of its `-wal`/`-shm` companions (nil when absent).
func fileState(_ path: String) -> [Data?] {
    [path, path + "-wal", path + "-shm", path + "-journal"].map { FileManager.default.contents(atPath: $0) }
}

@Suite("Nothing lost, nothing touched", .serialized)
struct DataSafetyCLITests {
    @Test("a trial shown as decided is already stored when the program is killed right after the line appears")
    func killedRightAfterTheLine() throws {
        let db = freshDatabase()
        let output = Pipe()
        let drill = try snapcueProcess(["demo", "--seed", "8", "--athlete", "Dana", "--db", db], output: output)
        let text = OutputWatcher(output, waitingFor: "trial 3/")
        let appeared = text.seen.wait(timeout: .now() + 60) == .success
        kill(drill.processIdentifier, SIGKILL)
        drill.waitUntilExit()
        #expect(appeared, "no 'trial 3/' line in: \(text.value)")
        let show = try json(try snapcue("sessions", "show", "1", "--json", "--db", db)) as? [String: Any]
        let session = show?["session"] as? [String: Any]
        let trials = (session?["result"] as? [String: Any])?["trials"] as? [[String: Any]] ?? []
        let indexes = trials.compactMap { ($0["planned"] as? [String: Any])?["index"] as? Int }
        #expect(indexes.contains(2), "trial 3 was shown but the database holds trials \(indexes)")
        // The interrupted session ends at its last trial, not at its start.
        let started = session?["started_at_milliseconds"] as? Int ?? 0
        let ended = session?["ended_at_milliseconds"] as? Int ?? 0
        #expect(ended > started + 2_000, "ended \(ended) vs started \(started)")
    }

    @Test("another application's database is refused with exit 2 and left byte-identical, journal mode included")
    func foreignDatabaseUntouched() throws {
        let folder = NSTemporaryDirectory() + "snapcue-foreign-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let other = folder + "/other.db", clash = folder + "/clash.db", text = folder + "/notes.db"
        try python("""
            import sqlite3
            c = sqlite3.connect('\(other)'); c.execute('CREATE TABLE notes (body TEXT)'); c.execute("INSERT INTO notes VALUES ('keep me')"); c.commit(); c.close()
            c = sqlite3.connect('\(clash)'); c.execute('CREATE TABLE session (id INTEGER PRIMARY KEY, what TEXT)'); c.commit(); c.close()
            """)
        try "not a database at all\n".write(toFile: text, atomically: true, encoding: .utf8)
        for path in [other, clash, text] {
            let before = fileState(path)
            for arguments in [
                ["leaderboard", "--profile", "quick-start"], ["sessions", "list"], ["export"],
                ["run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--seed", "1"],
            ] {
                let result = try snapcue(arguments + ["--db", path])
                #expect(result.status == 2, "\(arguments) on \(path): \(result.errorOutput)")
                #expect(result.errorOutput.contains("is not a Snapcue results database"), "\(result.errorOutput)")
                #expect(fileState(path) == before, "\(arguments) changed \(path)")
            }
        }
    }

    @Test("a Snapcue database of a newer schema is refused untouched")
    func newerSchemaUntouched() throws {
        let db = freshDatabase()
        #expect(try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--seed", "1", "--db", db).status == 0)
        try python("""
            import sqlite3
            c = sqlite3.connect('\(db)'); c.execute("PRAGMA journal_mode = DELETE"); c.execute("INSERT INTO grdb_migrations VALUES ('v99-from-the-future')"); c.commit(); c.close()
            """)
        let before = fileState(db)
        let result = try snapcue("sessions", "list", "--db", db)
        #expect(result.status == 2 && result.errorOutput.contains("newer Snapcue"), "\(result.errorOutput)")
        #expect(fileState(db) == before)
    }

    @Test("reports read an immutable database and leave no -wal or -shm beside it; storing into it is a clear error")
    func immutableDatabaseReads() throws {
        let db = freshDatabase()
        #expect(try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--seed", "4", "--athlete", "Ro", "--db", db).status == 0)
        let lock = try runTool("/usr/bin/chattr", ["+i", db])
        try #require(lock == 0, "chattr +i is not supported on this file system")
        defer { _ = try? runTool("/usr/bin/chattr", ["-i", db]) }
        let before = fileState(db)
        for arguments in [["sessions", "list"], ["leaderboard", "--profile", "quick-start", "--min-valid", "1"], ["export"], ["stats", "--athlete", "Ro"]] {
            let result = try snapcue(arguments + ["--db", db])
            #expect(result.status == 0, "\(arguments): \(result.errorOutput)")
        }
        #expect(fileState(db) == before)
        let run = try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--seed", "5", "--db", db)
        #expect(run.status == 2 && run.errorOutput.contains("read-only"), "\(run.errorOutput)")
    }

    @Test("an immutable database of the previous schema (v3) is read through a migrated copy in memory, the file untouched")
    func immutablePreviousSchemaReads() throws {
        let db = freshDatabase()
        #expect(try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--seed", "4", "--athlete", "Ro", "--db", db).status == 0)
        // Back to the v3 schema, as a station of the last release wrote it.
        let downgrade = try runTool("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            for table, column in [("profile", "score"), ("session_athlete", "score"), ("trial", "expect_all"),
                                  ("trial", "light_colors"), ("trial_result", "splits")]:
                c.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            c.execute("DELETE FROM grdb_migrations WHERE identifier = 'v4-scores-all-lit-splits'")
            c.execute("PRAGMA journal_mode = DELETE")
            c.close()
            """, db])
        try #require(downgrade == 0)
        let lock = try runTool("/usr/bin/chattr", ["+i", db])
        try #require(lock == 0, "chattr +i is not supported on this file system")
        defer { _ = try? runTool("/usr/bin/chattr", ["-i", db]) }
        let before = fileState(db)
        for arguments in [["sessions", "list"], ["leaderboard", "--profile", "quick-start", "--min-valid", "1"], ["export"], ["stats", "--athlete", "Ro"]] {
            let result = try snapcue(arguments + ["--db", db])
            #expect(result.status == 0, "\(arguments): \(result.errorOutput)")
        }
        let board = try snapcue("leaderboard", "--profile", "quick-start", "--min-valid", "1", "--metric", "score", "--db", db)
        #expect(board.status == 0 && board.output.contains("Ro"), "the migration scores earlier sessions by their median: \(board.output)")
        #expect(fileState(db) == before)
    }

    @Test("a 0444 database read by a user who may not write it: reports work and leave no -wal or -shm")
    func readOnlyFileForAnotherUser() throws {
        try #require(getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv to act as another user")
        let folder = NSTemporaryDirectory() + "snapcue-ro-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        let db = folder + "/copy.db"
        #expect(try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--seed", "6", "--db", db).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        let before = fileState(db)
        let binary = snapcueBinary()
        for arguments in [["sessions", "list"], ["export"]] {
            let status = try runTool("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments + ["--db", db])
            #expect(status == 0, "\(arguments) as nobody")
        }
        #expect(fileState(db) == before)
    }
}

/// Runs a program to its end; its exit status.
func runTool(_ path: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

/// Reads a child's output on a thread of its own (blocking reads until end of file, not
/// `readabilityHandler`, whose dispatch source once crashed the test process when the child was
/// killed) and signals `seen` when `pattern` first appears.
final class OutputWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    let seen = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe, waitingFor pattern: String) {
        let handle = pipe.fileHandleForReading
        Thread { [self] in
            var signalled = false
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                data.append(chunk)
                let text = String(decoding: data, as: UTF8.self)
                lock.unlock()
                if !signalled, text.contains(pattern) {
                    signalled = true
                    seen.signal()
                }
            }
        }.start()
    }

    /// The text read so far.
    var value: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
