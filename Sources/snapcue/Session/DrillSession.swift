import DrillCore
import DrillLinux
import Foundation

/// A drill resolved from the command line: profile, station, plan, athletes.
struct DrillSetup {
    let profile: Profile
    let profilePath: String
    let station: Station
    let stationDirectory: String
    let plan: DrillPlan
    /// `side → athlete name`.
    let athletes: [String: String]
    /// Stores the session as it runs (nil with --no-store).
    var keeper: SessionKeeper?

    /// Loads and checks everything before any cue is emitted.
    /// With no athlete names, a one-athlete drill uses `soloDefault` and a
    /// head-to-head drill names each athlete after their side.
    static func load(
        profilePath: String, station stationName: String, seed: UInt64, athleteNames: [String],
        soloDefault: String = "Guest"
    ) throws -> DrillSetup {
        let profile = try Profile.load(path: profilePath)
        let station = try Station.load(stationName)
        try profile.checkRunnable(on: station, file: profilePath)
        let plan = try PlanGenerator(profile: profile).plan(seed: seed)
        guard athleteNames.count <= profile.sides.count else {
            throw CLIError("\(athleteNames.count) athletes named but '\(profile.name)' has \(profile.sides.count) side(s)", fix: "name one athlete per side (\(profile.sides.joined(separator: ", ")))")
        }
        if profile.isHeadToHead && athleteNames.count == 1 {
            throw CLIError("'\(profile.name)' is head-to-head: name both athletes", fix: "repeat --athlete, once per side (\(profile.sides.joined(separator: ", ")))")
        }
        var athletes: [String: String] = [:]
        for (index, side) in profile.sides.enumerated() {
            athletes[side] = index < athleteNames.count ? athleteNames[index] : (profile.isHeadToHead ? side : soloDefault)
        }
        let directory = stationName == "sim" ? FileManager.default.currentDirectoryPath : (stationName as NSString).deletingLastPathComponent
        return DrillSetup(profile: profile, profilePath: profilePath, station: station, stationDirectory: directory, plan: plan, athletes: athletes, keeper: nil)
    }

    /// A new, empty session record for this setup.
    func newSession() -> SessionResult {
        SessionResult(
            profile: profile, seed: plan.seed, station: station.name, athletes: athletes,
            startedAt: Format.wallClockNow(), plannedTrials: plan.trials.count)
    }
}

/// Runs a drill: the runner on its own thread ("snapcue-cue"), the display
/// and session record on this one.
enum DrillSession {
    /// Each completed trial is stored (by `setup.keeper`) before it is displayed.
    /// - Parameters:
    ///   - onCueThread: sees each action on the cue thread first (the virtual athlete uses this).
    ///   - onCueThreadStart: runs on the cue thread before the drill (real-time setup).
    ///   - display: sees each action on the calling thread.
    static func run(
        _ setup: DrillSetup, clock: any MonotonicClock, lights: any LightOutput, sound: (any SoundOutput)?,
        switches: any SwitchInput, onCueThread: @escaping (EngineAction) -> Void = { _ in },
        onCueThreadStart: @escaping @Sendable () -> Void = {},
        display: (EngineAction) -> Void
    ) -> SessionResult {
        var session = setup.newSession()
        let queue = ActionQueue()
        let runner = DrillRunner(
            engine: DrillEngine(plan: setup.plan, profile: setup.profile), clock: clock, lights: lights, sound: sound,
            switches: switches,
            observe: { action in
                onCueThread(action)
                queue.push(action)
            })
        let handoff = Handoff(value: runner)
        let thread = Thread {
            nameCurrentThread("snapcue-cue")
            onCueThreadStart()
            handoff.value.run()
            queue.close()
        }
        thread.stackSize = 1 << 20
        thread.start()
        while let batch = queue.next() {
            for action in batch {
                session.record(action)
                setup.keeper?.handle(action)
                display(action)
            }
        }
        return session
    }
}

/// A command-line failure with what to do about it.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var fix: String?

    init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    var description: String { "error: \(message)" + (fix.map { "\n  fix: \($0)" } ?? "") }
}
