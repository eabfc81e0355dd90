import DrillCore
import DrillSim
import DrillStore
import DrillTesting
import Foundation

/// A fresh database path in a temporary folder.
func temporaryDatabase(_ name: String = "snapcue.db") -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapcue-store-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name).path
}

/// A whole shipped drill run on the simulated station and a manual clock.
func simulatedSession(
    _ profileName: String, seed: UInt64, athletes: [String: String], models: [AthleteModel]? = nil,
    startedAt: String = "2026-11-02T17:30:00.000Z"
) throws -> (profile: Profile, session: SessionResult) {
    let profile = try Profile.load(path: packageRoot + "/Profiles/\(profileName).yaml")
    return (profile, try SimulatedSessions.run(profile, seed: seed, athletes: athletes, models: models, startedAt: startedAt))
}

/// Stores a simulated session through the recorder, trial by trial, as a drill does.
@discardableResult
func store(_ store: Store, _ profile: Profile, _ session: SessionResult, seedChosen: Bool = false) throws -> Int64 {
    try SimulatedSessions.keep(session, profile: profile, in: store, seedChosen: seedChosen)
}
