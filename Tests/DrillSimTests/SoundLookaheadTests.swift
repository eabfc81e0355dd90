import DrillCore
import Testing
@testable import DrillSim

/// A sound output that needs cues handed over 30 ms ahead, and records what it was asked.
final class RecordingSound: SoundOutput {
    let clock: ManualClock
    var lookahead: Duration { .milliseconds(30) }
    private(set) var scheduled: [(requestedAt: MonotonicInstant, onset: MonotonicInstant)] = []
    private(set) var cancelled: [MonotonicInstant] = []

    init(clock: ManualClock) { self.clock = clock }

    func play(_ name: String, at instant: MonotonicInstant) throws -> SoundOnset {
        scheduled.append((clock.now(), instant))
        return SoundOnset(instant: instant, uncertainty: .microseconds(10))
    }

    func cancel(_ name: String, at instant: MonotonicInstant) -> Bool {
        cancelled.append(instant)
        return true
    }
}

/// Switch presses at fixed instants.
final class ScriptedSwitches: SwitchInput {
    let clock: ManualClock
    var edges: [SwitchEdge]

    init(clock: ManualClock, edges: [SwitchEdge]) {
        self.clock = clock
        self.edges = edges
    }

    func pressedSwitches() throws -> Set<String> { [] }

    func waitForEdge(until deadline: MonotonicInstant?) throws -> InputWaitResult {
        if let edge = edges.first, deadline == nil || edge.timestamp <= deadline! {
            edges.removeFirst()
            clock.advance(to: edge.timestamp)
            return .edge(edge)
        }
        guard let deadline else { throw StationFault("nothing to wait for") }
        clock.advance(to: deadline)
        return .deadline
    }
}

@Suite("Sound cues are handed to the output ahead of their onset")
struct SoundLookaheadTests {
    let drill = """
        name: a
        version: 1
        cues: {beep: {sound: beep, expect: pad}}
        defaults: {foreperiod: 1s, timeout: 1s, intertrial: 500ms}
        blocks: [{trials: 2}]
        """

    func run(edges: [SwitchEdge]) throws -> (RecordingSound, SessionResult) {
        let profile = try Profile.parse(drill, file: "a.yaml")
        let plan = try PlanGenerator(profile: profile).plan(seed: 1)
        let clock = ManualClock(start: .zero)
        let sound = RecordingSound(clock: clock)
        var session = SessionResult(profile: profile, seed: 1, station: "t", athletes: [:], startedAt: "", plannedTrials: 2)
        let runner = DrillRunner(
            engine: DrillEngine(plan: plan, profile: profile), clock: clock, lights: SimulatedLights(clock: clock),
            sound: sound, switches: ScriptedSwitches(clock: clock, edges: edges), observe: { session.record($0) })
        runner.run()
        return (sound, session)
    }

    @Test("each sound is scheduled exactly one lookahead before its onset, for that onset")
    func scheduledAhead() throws {
        let (sound, session) = try run(edges: [])
        #expect(sound.scheduled.count == 2)
        for entry in sound.scheduled { #expect(entry.onset - entry.requestedAt == .milliseconds(30)) }
        #expect(session.trials.map(\.onset) == sound.scheduled.map(\.onset))
        #expect(session.trials.allSatisfy { $0.timing.soundOnsetUncertaintyNanoseconds == 10_000 && $0.timing.flags.isEmpty })
    }

    @Test("a false start after the sound was handed over withdraws it")
    func falseStartCancels() throws {
        // The first onset is due at 1 s; the sound is handed over at 970 ms; the athlete jumps at 990 ms.
        let jump = SwitchEdge(switchName: "pad", kind: .press, timestamp: MonotonicInstant(nanoseconds: 990_000_000))
        let (sound, session) = try run(edges: [jump])
        #expect(session.trials.first?.sides.first?.outcome == .falseStart)
        #expect(sound.cancelled == [MonotonicInstant(nanoseconds: 1_000_000_000)])
    }
}
