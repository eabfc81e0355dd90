import DrillCore
import DrillSim
import DrillStore
import Foundation

let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

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
    let plan = try PlanGenerator(profile: profile).plan(seed: seed)
    let clock = ManualClock()
    let station = SimulatedStation(
        profile: profile, clock: clock, athleteModels: models ?? profile.sides.map { _ in AthleteModel() },
        athleteSeed: seed &+ 99, stop: StopSignal())
    var session = SessionResult(
        profile: profile, seed: seed, station: "sim", athletes: athletes, startedAt: startedAt, plannedTrials: plan.trials.count)
    DrillRunner(
        engine: DrillEngine(plan: plan, profile: profile), clock: clock, lights: station.lights, sound: station.sound,
        switches: station,
        observe: { action in
            station.observe(action)
            session.record(action)
        }
    ).run()
    return (profile, session)
}

/// Stores a simulated session through the recorder, trial by trial, as a drill does.
@discardableResult
func store(_ store: Store, _ profile: Profile, _ session: SessionResult, seedChosen: Bool = false) throws -> Int64 {
    var empty = session
    empty.trials = []
    let recorder = try store.beginSession(SessionStart(session: empty, profile: profile, seedChosen: seedChosen, stationKind: "sim"))
    for trial in session.trials { try recorder.record(trial) }
    try recorder.finish(session.end)
    return recorder.sessionID
}
