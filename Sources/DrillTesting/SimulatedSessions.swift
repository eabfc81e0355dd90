import DrillCore
import DrillSim
import DrillStore
import Foundation

/// The repository root (for the shipped profiles), from this file's path.
public let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Whole drills for tests and benchmarks: the real engine and runner on the
/// simulated station with a manual clock (no waiting), stored as a drill stores them.
public enum SimulatedSessions {
    /// Runs `profile` with seed `seed`; `athletes` maps sides to names, `models` gives each side's behaviour
    /// (and `partner` the virtual partner's, in a partner drill).
    public static func run(
        _ profile: Profile, seed: UInt64, athletes: [String: String], models: [AthleteModel]? = nil,
        athleteSeed: UInt64? = nil, partner: PartnerModel = PartnerModel(), station: String = "sim",
        startedAt: String = "2026-11-02T17:30:00.000Z"
    ) throws -> SessionResult {
        let plan = try PlanGenerator(profile: profile).plan(seed: seed)
        let clock = ManualClock()
        let simulated = SimulatedStation(
            profile: profile, clock: clock, athleteModels: models ?? profile.sides.map { _ in AthleteModel() },
            athleteSeed: athleteSeed ?? seed &+ 99, partnerModel: partner, stop: StopSignal())
        var session = SessionResult(
            profile: profile, seed: seed, station: station, athletes: athletes, startedAt: startedAt, plannedTrials: plan.plannedTotal)
        DrillRunner(
            engine: DrillEngine(plan: plan, profile: profile), clock: clock, lights: simulated.lights, sound: simulated.sound,
            switches: simulated,
            observe: { action in
                simulated.observe(action)
                session.record(action)
            }
        ).run()
        return session
    }

    /// Stores `session` through the recorder, trial by trial, as a drill does; returns its id.
    @discardableResult
    public static func keep(_ session: SessionResult, profile: Profile, in store: Store, seedChosen: Bool = true) throws -> Int64 {
        var empty = session
        empty.trials = []
        let recorder = try store.beginSession(SessionStart(session: empty, profile: profile, seedChosen: seedChosen, stationKind: .sim))
        for trial in session.trials { try recorder.record(trial) }
        try recorder.finish(session.end)
        return recorder.sessionID
    }
}
