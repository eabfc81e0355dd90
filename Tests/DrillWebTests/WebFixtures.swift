import DrillCore
import DrillSim
import DrillStore
import DrillTesting
import DrillWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

let trainerToken = "test-token-1234"

/// A fresh folder under the temporary directory.
func temporaryFolder() -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapcue-web-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// A shipped drill with a fast, careful virtual athlete (no anticipations, false starts or misses).
func simulatedSession(_ profile: Profile, seed: UInt64, athlete: String, speed: Double, startedAt: String) throws -> SessionResult {
    var model = AthleteModel()
    model.mu = .milliseconds(speed)
    model.anticipationRate = 0
    model.falseStartRate = 0
    model.missRate = 0
    return try SimulatedSessions.run(
        profile, seed: seed, athletes: [Profile.soloSide: athlete], models: [model], athleteSeed: seed &+ 7, startedAt: startedAt)
}

/// Stores `session` trial by trial, as a drill does.
@discardableResult
func keep(_ session: SessionResult, profile: Profile, in store: Store) throws -> Int64 {
    try SimulatedSessions.keep(session, profile: profile, in: store)
}

/// A station's web app over a store holding a few athletes' choice-4 sessions.
struct WebFixture {
    let app: StationWebApp
    let store: Store
    let board: LiveBoard
    let launcher: ManualClockLauncher
    let profilesFolder: String

    /// Ana (Red) is fastest, then Cara (Red), then Ben (Blue); Ana has four sessions over three weeks.
    static func make() throws -> WebFixture {
        let folder = temporaryFolder()
        let profilesFolder = folder + "/profiles"
        try FileManager.default.createDirectory(atPath: profilesFolder, withIntermediateDirectories: true)
        for name in ["choice-4", "quick-start", "go-nogo"] {
            try FileManager.default.copyItem(atPath: packageRoot + "/Profiles/\(name).yaml", toPath: profilesFolder + "/\(name).yaml")
        }
        let store = try Store(path: folder + "/snapcue.db")
        try store.addAthlete(Athlete(name: "Ana", team: "Red", birthYear: 2008, handedness: .right))
        try store.addAthlete(Athlete(name: "Ben", team: "Blue"))
        try store.addAthlete(Athlete(name: "Cara", team: "Red"))
        let profile = try Profile.load(path: profilesFolder + "/choice-4.yaml")
        let days = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
        for (index, day) in days.enumerated() {
            let session = try simulatedSession(profile, seed: UInt64(10 + index), athlete: "Ana", speed: 260 - Double(index) * 8, startedAt: "\(day)T17:30:00.000Z")
            try keep(session, profile: profile, in: store)
        }
        try keep(try simulatedSession(profile, seed: 20, athlete: "Ben", speed: 330, startedAt: "2026-11-03T17:30:00.000Z"), profile: profile, in: store)
        try keep(try simulatedSession(profile, seed: 21, athlete: "Cara", speed: 290, startedAt: "2026-11-04T17:30:00.000Z"), profile: profile, in: store)
        let board = LiveBoard(heartbeat: .seconds(1))
        let launcher = ManualClockLauncher(store: store)
        let app = StationWebApp(
            store: store, profiles: ProfileLibrary(directory: profilesFolder, station: try Station.load("sim")), board: board,
            launcher: launcher, trainerToken: trainerToken)
        return WebFixture(app: app, store: store, board: board, launcher: launcher, profilesFolder: profilesFolder)
    }

    /// Runs `body` against the app through Hummingbird's router test client.
    func test<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: app.router()).test(.router, body)
    }
}

/// A test double of the station's launcher: runs the real engine and runner on
/// the simulated station with a manual clock, stores each trial, and
/// publishes to the live board. It waits at a gate before the first trial,
/// so a test can act while "a drill is running".
final class ManualClockLauncher: DrillLauncher {
    private let store: Store
    private let state = Mutex<(running: StopSignal?, gateOpen: Bool)>((nil, true))
    private let gate = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)

    init(store: Store) { self.store = store }

    /// Drills wait before their first trial until `openGate`.
    func closeGate() { state.withLock { $0.gateOpen = false } }
    func openGate() { gate.signal() }

    func start(_ request: DrillRequest, profilePath: String, board: LiveBoard) throws -> LiveState.Drill {
        let stop = StopSignal()
        let waitsAtGate = try state.withLock { state in
            if state.running != nil { throw WebError(.conflict, "a drill is already running on this station") }
            state.running = stop
            return !state.gateOpen
        }
        let profile = try Profile.load(path: profilePath)
        let seed = request.seed ?? 1
        let plan = try PlanGenerator(profile: profile).plan(seed: seed)
        let athletes = [Profile.soloSide: request.athletes.first ?? "Guest"]
        if (try? store.athlete(named: athletes[Profile.soloSide]!)) == nil { try store.addAthlete(Athlete(name: athletes[Profile.soloSide]!)) }
        let session = SessionResult(profile: profile, seed: seed, station: "sim", athletes: athletes, startedAt: "2026-12-01T10:00:00.000Z", plannedTrials: plan.plannedTotal)
        let recorder = try store.beginSession(SessionStart(session: session, profile: profile, seedChosen: true, stationKind: .sim))
        let drill = LiveState.Drill(
            profile: profile, station: try Station.load("sim"), seed: seed, athletes: athletes, plannedTrials: plan.plannedTotal,
            sessionID: recorder.sessionID)
        board.begin(drill)
        let work = UncheckedBox((profile, plan, recorder))
        Thread { [self] in
            let (profile, plan, recorder) = work.value
            if waitsAtGate { gate.wait() }
            let clock = ManualClock()
            let station = SimulatedStation(profile: profile, clock: clock, athleteModels: [AthleteModel()], athleteSeed: seed, stop: stop)
            DrillRunner(
                engine: DrillEngine(plan: plan, profile: profile), clock: clock, lights: station.lights, sound: station.sound, switches: station,
                observe: { action in
                    station.observe(action)
                    if case .trialDecided(let trial) = action { try? recorder.record(trial) }
                    if case .trialCompleted(let trial) = action { recorder.complete(trial) }
                    if case .finished(let end) = action { try? recorder.finish(end) }
                    board.apply(action)
                }
            ).run()
            state.withLock { $0.running = nil }
            finished.signal()
        }.start()
        return drill
    }

    func stop() -> Bool {
        state.withLock { state in
            guard let running = state.running else { return false }
            running.request()
            return true
        }
    }
}

struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
}

/// Headers carrying the trainer token.
let withToken: HTTPFields = [.authorization: "Bearer \(trainerToken)"]
let asBrowser: HTTPFields = [.accept: "text/html"]
