import DrillCore
import DrillSim
import DrillStore
import DrillSync
import DrillTesting
import Foundation
import Testing

/// The test server's URL (`make test` starts it with Tests/postgres/postgres.sh and sets it).
let postgresURL = ProcessInfo.processInfo.environment["SNAPCUE_TEST_POSTGRES"]
let postgresRequired = ProcessInfo.processInfo.environment["SNAPCUE_REQUIRE_POSTGRES"] == "1"
let postgresAvailable = postgresURL != nil || postgresRequired

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program, returning its standard output; throws on a non-zero exit.
/// The output goes through a file, not a pipe: a server the program starts
/// (pg_ctl) inherits the pipe and would hold it open forever.
@discardableResult
func run(_ program: String, _ arguments: [String]) throws -> String {
    let file = NSTemporaryDirectory() + "snapcue-run-\(UUID().uuidString).out"
    _ = FileManager.default.createFile(atPath: file, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
    process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw Failure("\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
    return try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A fresh, empty database on the test server; its URL.
func freshGymDatabase(server: String? = postgresURL) throws -> String {
    guard let server else { throw Failure("SNAPCUE_TEST_POSTGRES is not set: run 'make unit-test', or start Tests/postgres/postgres.sh") }
    let name = "snapcue_\(UUID().uuidString.prefix(8).lowercased())"
    let admin = server.replacingOccurrences(of: "/snapcue_test", with: "/postgres")
    try run("psql", [admin, "-qc", "CREATE DATABASE \(name)"])
    return server.replacingOccurrences(of: "/snapcue_test", with: "/\(name)")
}

/// One SQL value from the gym database.
func gymValue(_ url: String, _ sql: String) throws -> String {
    try run("psql", [url, "-tAc", sql])
}

/// A station's store with `sessions` simulated quick-start sessions per athlete.
func stationStore(athletes: [Athlete], sessions: Int = 2, firstSeed: UInt64 = 1) throws -> Store {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapcue-sync-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let store = try Store(path: folder + "/station.db")
    let profile = try Profile.load(path: packageRoot + "/Profiles/quick-start.yaml")
    var seed = firstSeed
    for athlete in athletes {
        try store.addAthlete(athlete)
        for _ in 0..<sessions {
            try keep(try simulatedSession(profile, seed: seed, athlete: athlete.name), profile: profile, in: store)
            seed += 1
        }
    }
    return store
}

/// A whole quick-start drill on the simulated station, on a day of November set by the seed.
func simulatedSession(_ profile: Profile, seed: UInt64, athlete: String) throws -> SessionResult {
    let day = String(format: "2026-11-%02d", 1 + Int(seed % 28))
    return try SimulatedSessions.run(profile, seed: seed, athletes: [Profile.soloSide: athlete], athleteSeed: seed, startedAt: "\(day)T17:30:00.000Z")
}

@discardableResult
func keep(_ session: SessionResult, profile: Profile, in store: Store) throws -> Int64 {
    try SimulatedSessions.keep(session, profile: profile, in: store)
}

/// Connects, syncs `store` as `station`, closes.
func sync(_ store: Store, to url: String, as station: String) async throws -> SyncReport {
    let gym = try await GymDatabase.connect(try GymAddress(url))
    do {
        let report = try await GymSync(store: store, gym: gym, station: station).run()
        await gym.close()
        return report
    } catch {
        await gym.close()
        throw error
    }
}

/// Trials stored locally, all sessions.
func localTrialCount(_ store: Store) throws -> Int {
    try store.sessions().reduce(0) { $0 + $1.trials }
}
