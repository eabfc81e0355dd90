import DrillTesting
import Testing
@testable import DrillCore

/// A Y of gates: start, a decision gate and a finish gate per side.
private func gateDrill(delay: String = "200ms", planned: Bool = false, decisionGates: Bool = true) -> String {
    """
    name: y
    version: 1
    mode: gate_run
    start_gate: start
    \(decisionGates ? "decision_gates: {finish-left: decide-left, finish-right: decide-right}" : "")
    movement_timeout: 3s
    planned: \(planned)
    cues:
      left:  {light: left,  expect: finish-left}
      right: {light: right, expect: finish-right}
    defaults:
      foreperiod: \(delay)
      timeout: \(decisionGates ? "1500ms" : "4s")
      anticipation: 100ms
      intertrial: 1s
      order: sequence
    blocks:
      - trials: 2
    """
}

@Suite("Gate runs: the athlete's own start triggers the cue")
struct GateRunTests {
    @Test("the start gate starts the delay, the cue follows exactly after it; decision gate = reaction time, finish = movement, total from the start gate")
    func reactiveRunTimes() throws {
        var harness = try EngineHarness(gateDrill())
        harness.start()
        #expect(harness.actions.contains(.waitingForStartGate(trialIndex: 0, gate: "start")))
        #expect(harness.engine.nextDeadline == nil)  // nothing happens until the athlete starts
        let crossing = MonotonicInstant(nanoseconds: 5_000 * ms + 123)
        harness.press("start", at: crossing)
        let onset = try harness.nextOnset()
        #expect(onset == crossing + 200 * ms)
        #expect(harness.presentedCues[0].lights == ["left"])
        harness.press("decide-left", at: onset + 450 * ms)
        harness.press("finish-left", at: onset + 1_450 * ms)
        let trial = try #require(harness.decided.first)
        #expect(trial.trigger == crossing)
        #expect(trial.onset == onset)
        let side = trial.sides[0]
        #expect(side.outcome == .hit)
        #expect(side.reactionTimeNanoseconds == 450 * ms)
        #expect(side.movementTimeNanoseconds == 1_000 * ms)
        #expect(side.totalTimeNanoseconds == 1_650 * ms)
    }

    @Test("the start gate broken again (legs, then arms) neither restarts the trial nor counts as a response")
    func repeatedBeamBreaksAreIgnored() throws {
        var harness = try EngineHarness(gateDrill())
        harness.start()
        let crossing = MonotonicInstant(nanoseconds: 1_000 * ms)
        harness.press("start", at: crossing)
        harness.release("start", at: crossing + 30 * ms)
        harness.press("start", at: crossing + 70 * ms)
        harness.release("start", at: crossing + 120 * ms)
        let onset = try harness.nextOnset()
        #expect(onset == crossing + 200 * ms)
        #expect(harness.decided.isEmpty)
        harness.press("decide-left", at: onset + 400 * ms)
        harness.press("finish-left", at: onset + 1_400 * ms)
        #expect(harness.decided.first?.sides[0].totalTimeNanoseconds == 1_600 * ms)
    }

    @Test("a start-gate crossing from before the trial began (read late, or before the drill started) does not start it")
    func staleCrossingIgnored() throws {
        var harness = try EngineHarness(gateDrill())
        harness.start(at: MonotonicInstant(nanoseconds: 1_000 * ms))
        harness.press("start", at: MonotonicInstant(nanoseconds: 900 * ms))
        harness.release("start", at: MonotonicInstant(nanoseconds: 950 * ms))
        #expect(harness.engine.nextDeadline == nil && harness.presentedCues.isEmpty)
        let crossing = MonotonicInstant(nanoseconds: 3_000 * ms)
        harness.press("start", at: crossing)
        #expect(try harness.nextOnset() == crossing + 200 * ms)
    }

    @Test("the other side's decision gate is a wrong target, with no run time")
    func wrongWay() throws {
        var harness = try EngineHarness(gateDrill())
        harness.start()
        harness.press("start", at: MonotonicInstant(nanoseconds: 1_000 * ms))
        let onset = try harness.nextOnset()
        harness.press("decide-right", at: onset + 380 * ms)
        let side = try #require(harness.decided.first?.sides[0])
        #expect(side.outcome == .wrongTarget)
        #expect(side.respondedSwitch == "decide-right")
        #expect(side.reactionTimeNanoseconds == 380 * ms)
        #expect(side.totalTimeNanoseconds == nil)
    }

    @Test("crossing a finish gate between the start and the cue is a false start")
    func falseStartBeforeTheCue() throws {
        var harness = try EngineHarness(gateDrill(delay: "500ms"))
        harness.start()
        harness.press("start", at: MonotonicInstant(nanoseconds: 1_000 * ms))
        harness.press("decide-left", at: MonotonicInstant(nanoseconds: 1_300 * ms))
        #expect(harness.decided.first?.sides[0].outcome == .falseStart)
        #expect(harness.presentedCues.isEmpty)
    }

    @Test("a 0 ms delay shows the cue at the start gate's edge")
    func zeroDelay() throws {
        var harness = try EngineHarness(gateDrill(delay: "0ms", decisionGates: false))
        harness.start()
        let crossing = MonotonicInstant(nanoseconds: 2_000 * ms)
        harness.press("start", at: crossing)
        #expect(try harness.nextOnset() == crossing)
        harness.press("finish-left", at: crossing + 1_700 * ms)
        let side = try #require(harness.decided.first?.sides[0])
        #expect(side.reactionTimeNanoseconds == 1_700 * ms)  // no decision gate: the finish is the response
        #expect(side.totalTimeNanoseconds == 1_700 * ms)
        #expect(side.movementTimeNanoseconds == nil)
    }

    @Test("planned: the way is shown before the start, and every time runs from the start gate")
    func plannedRun() throws {
        var harness = try EngineHarness(gateDrill(planned: true))
        harness.start()
        let shown = try harness.nextOnset()
        #expect(harness.actions.contains(.waitingForStartGate(trialIndex: 0, gate: "start")))
        // Walking back through a finish gate before the start is not a response.
        harness.press("finish-left", at: shown + 500 * ms)
        harness.release("finish-left", at: shown + 540 * ms)
        #expect(harness.decided.isEmpty)
        let crossing = shown + 3_000 * ms
        harness.press("start", at: crossing)
        harness.press("decide-left", at: crossing + 600 * ms)
        harness.press("finish-left", at: crossing + 1_500 * ms)
        let trial = try #require(harness.decided.first)
        #expect(trial.onset == shown)
        #expect(trial.trigger == crossing)
        #expect(trial.sides[0].reactionTimeNanoseconds == 600 * ms)
        #expect(trial.sides[0].totalTimeNanoseconds == 1_500 * ms)
    }

    @Test("a planned run's direction goes off when its timed set ends before the athlete starts, and its fixed-duration light goes off on time")
    func plannedLightsGoOff() throws {
        let drill = gateDrill(planned: true).replacingOccurrences(of: "  - trials: 2", with: "  - duration: 5s")
            .replacingOccurrences(of: "  intertrial: 1s", with: "  intertrial: 1s\n  cue_duration: 800ms")
        var harness = try EngineHarness(drill)
        harness.start()
        let shown = try harness.nextOnset()
        #expect(harness.engine.nextDeadline == shown + 800 * ms)  // the fixed-duration light, while waiting for the start
        harness.advanceToNextDeadline()
        #expect(harness.lightsOffActions.last == ["left"])
        var untimed = try EngineHarness(gateDrill(planned: true).replacingOccurrences(of: "  - trials: 2", with: "  - duration: 5s"))
        untimed.start()
        _ = try untimed.nextOnset()
        untimed.finish()  // nobody starts: the set's time runs out
        #expect(untimed.lightsOffActions == [["left"]])
        #expect(untimed.end == .complete && untimed.completed.isEmpty)
    }

    @Test("a home press read just after the trial began (its pause ended on the timer first) starts the trial: a home-release drill never hangs")
    func lateHomePressStartsTheTrial() throws {
        var harness = try EngineHarness("""
            name: home
            version: 1
            mode: home_release
            home: home
            cues: {go: {light: pad1, expect: pad1}}
            defaults: {foreperiod: 1s, timeout: 1s, anticipation: 100ms, intertrial: 500ms}
            blocks:
              - trials: 2
            """)
        harness.start()
        harness.press("home", at: MonotonicInstant(nanoseconds: 100 * ms))
        let onset = try harness.nextOnset()
        harness.release("home", at: onset + 300 * ms)
        harness.press("pad1", at: onset + 700 * ms)
        harness.release("pad1", at: onset + 800 * ms)
        let decided = onset + 700 * ms
        harness.advanceToNextDeadline()  // the pause ends at decided + 500 ms: trial 2 waits for home
        #expect(harness.actions.last == .waitingForHome(trialIndex: 1, home: "home"))
        harness.press("home", at: decided + 498 * ms)  // pressed 2 ms before, read after
        let second = try harness.nextOnset()
        #expect(second == decided + 500 * ms + 1_000 * ms)
    }
}
