import DrillTesting
import Testing
@testable import DrillCore

@Suite("Matcher outcomes at their boundaries")
struct MatcherBoundaryTests {
    func firstOutcome(pressAfterOnset offset: Int64, drill: String = simpleDrill) throws -> SideResult {
        var harness = try EngineHarness(drill)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad", at: onset + offset)
        harness.release("pad", at: onset + offset + 50 * ms)
        harness.finish()
        return try #require(harness.completed.first?.sides.first)
    }

    @Test("a press exactly at the anticipation threshold is a valid hit")
    func atAnticipationThreshold() throws {
        let result = try firstOutcome(pressAfterOnset: 100 * ms)
        #expect(result.outcome == .hit)
        #expect(result.reactionTimeNanoseconds == 100 * ms)
    }

    @Test("a press one nanosecond before the anticipation threshold is an anticipation")
    func justBeforeAnticipationThreshold() throws {
        let result = try firstOutcome(pressAfterOnset: 100 * ms - 1)
        #expect(result.outcome == .anticipation)
        #expect(result.reactionTimeNanoseconds == 100 * ms - 1)
    }

    @Test("a press one nanosecond before the timeout is a hit")
    func justBeforeTimeout() throws {
        let result = try firstOutcome(pressAfterOnset: 1000 * ms - 1)
        #expect(result.outcome == .hit)
    }

    @Test("a press exactly at the timeout is a miss")
    func atTimeout() throws {
        let result = try firstOutcome(pressAfterOnset: 1000 * ms)
        #expect(result.outcome == .miss)
        #expect(result.reactionTimeNanoseconds == nil)
        #expect(result.decidedAt == MonotonicInstant(nanoseconds: 2000 * ms))
    }

    @Test("a press during the foreperiod is a false start and the cue is not shown")
    func pressDuringForeperiod() throws {
        var harness = try EngineHarness(simpleDrill)
        harness.start()
        harness.press("pad", at: .init(nanoseconds: 400 * ms))
        harness.release("pad", at: .init(nanoseconds: 450 * ms))
        harness.finish()
        let first = try #require(harness.completed.first)
        #expect(first.sides[0].outcome == .falseStart)
        #expect(first.onset == nil)
        #expect(first.sides[0].response == MonotonicInstant(nanoseconds: 400 * ms))
        #expect(harness.presentedCues.count == 2)  // trials 2 and 3 only
        #expect(harness.presentedCues.map(\.trialIndex) == [1, 2])
    }

    @Test("an edge delivered after the onset but stamped before it is a false start")
    func lateDeliveredEarlyEdge() throws {
        var harness = try EngineHarness(simpleDrill)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad", at: onset + (-1))
        harness.finish()
        #expect(harness.completed.first?.sides.first?.outcome == .falseStart)
    }

    @Test("no press at all is a miss at the timeout")
    func miss() throws {
        var harness = try EngineHarness(simpleDrill)
        harness.start()
        harness.finish()
        #expect(harness.completed.map { $0.sides[0].outcome } == [.miss, .miss, .miss])
        #expect(harness.end == .complete)
    }

    @Test("a switch held at onset makes the trial a stuck switch")
    func stuckSwitch() throws {
        var harness = try EngineHarness(simpleDrill)
        harness.start(held: ["pad"])
        harness.finish()
        #expect(harness.completed.first?.sides.first?.outcome == .stuckSwitch)
    }

    @Test("press and release are both kept with the trial")
    func edgesKept() throws {
        var harness = try EngineHarness(simpleDrill)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad", at: onset + 250 * ms)
        harness.release("pad", at: onset + 330 * ms)
        harness.finish()
        let edges = try #require(harness.completed.first?.edges)
        #expect(edges.map(\.kind) == [.press, .release])
        #expect(edges.map(\.timestamp) == [onset + 250 * ms, onset + 330 * ms])
    }

    @Test("the onset is the midpoint of the light-set call, its half-width the uncertainty")
    func onsetMidpoint() throws {
        var harness = try EngineHarness(simpleDrill)
        harness.lightSetTime = .microseconds(40)
        harness.start()
        let scheduled = try harness.nextOnset()
        harness.press("pad", at: scheduled + 300 * ms)
        harness.finish()
        let trial = try #require(harness.completed.first)
        #expect(trial.onset == scheduled + 20_000)
        #expect(trial.timing.onsetUncertaintyNanoseconds == 20_000)
        #expect(trial.timing.lightSetNanoseconds == 40_000)
        #expect(trial.sides[0].reactionTimeNanoseconds == 300 * ms - 20_000)
    }
}

@Suite("Drill modes")
struct DrillModeTests {
    @Test("a wrong pad in a choice drill is a wrong target")
    func wrongTarget() throws {
        var harness = try EngineHarness("""
            name: c
            version: 1
            cues:
              a: {light: pad1, expect: pad1}
              b: {light: pad2, expect: pad2}
            defaults: {foreperiod: 1s, order: sequence}
            blocks: [{trials: 2}]
            """)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad2", at: onset + 300 * ms)
        harness.finish()
        let result = try #require(harness.completed.first?.sides.first)
        #expect(result.outcome == .wrongTarget)
        #expect(result.respondedSwitch == "pad2")
        #expect(result.expectedSwitch == "pad1")
    }

    let goNoGo = """
        name: g
        version: 1
        cues:
          stop: {light: red, nogo: true}
          go: {light: green, expect: pad}
        defaults: {foreperiod: 1s, timeout: 800ms, order: sequence}
        blocks: [{trials: 2}]
        """

    @Test("a press on a no-go cue is a commission; withholding is correct")
    func noGo() throws {
        var harness = try EngineHarness(goNoGo)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad", at: onset + 250 * ms)
        harness.finish()
        #expect(harness.completed[0].sides[0].outcome == .noGoCommission)

        var withheld = try EngineHarness(goNoGo)
        withheld.start()
        withheld.finish()
        #expect(withheld.completed[0].sides[0].outcome == .noGoCorrect)
        #expect(withheld.completed[0].sides[0].decidedAt == MonotonicInstant(nanoseconds: 1800 * ms))
    }

    let catchDrill = """
        name: k
        version: 1
        cues:
          go: {light: pad, expect: pad}
        defaults: {foreperiod: 1s, timeout: 1s, catch_probability: 0.99}
        blocks: [{trials: 1}]
        """

    @Test("a catch trial shows nothing; withholding is correct, a press is a false start")
    func catchTrial() throws {
        var quiet = try EngineHarness(catchDrill)
        quiet.start()
        quiet.finish()
        #expect(quiet.completed[0].planned.kind == .catchTrial)
        #expect(quiet.presentedCues.isEmpty)
        #expect(quiet.completed[0].sides[0].outcome == .catchCorrect)

        var jumpy = try EngineHarness(catchDrill)
        jumpy.start()
        jumpy.advanceToNextDeadline()  // the planned onset passes with nothing shown
        jumpy.press("pad", at: .init(nanoseconds: 1300 * ms))
        jumpy.finish()
        #expect(jumpy.completed[0].sides[0].outcome == .falseStart)
    }

    let homeDrill = """
        name: h
        version: 1
        mode: home_release
        home: home
        movement_timeout: 2s
        cues:
          t1: {light: pad1, expect: pad1}
        defaults: {foreperiod: 1s, timeout: 1s}
        blocks: [{trials: 1}]
        """

    @Test("home release: reaction time to leaving home, movement time to the target")
    func homeRelease() throws {
        var harness = try EngineHarness(homeDrill)
        harness.start()
        #expect(harness.actions.contains(.waitingForHome(trialIndex: 0, home: "home")))
        harness.press("home", at: .init(nanoseconds: 500 * ms))
        let onset = try harness.nextOnset()
        #expect(onset == MonotonicInstant(nanoseconds: 1500 * ms))
        harness.release("home", at: onset + 280 * ms)
        harness.press("pad1", at: onset + 700 * ms)
        harness.finish()
        let result = try #require(harness.completed.first?.sides.first)
        #expect(result.outcome == .hit)
        #expect(result.reactionTimeNanoseconds == 280 * ms)
        #expect(result.movementTimeNanoseconds == 420 * ms)
        #expect(result.targetHit == onset + 700 * ms)
    }

    @Test("home release: leaving home during the foreperiod is a false start")
    func homeReleaseFalseStart() throws {
        var harness = try EngineHarness(homeDrill)
        harness.start(held: ["home"])
        harness.release("home", at: .init(nanoseconds: 600 * ms))
        harness.finish()
        #expect(harness.completed.first?.sides.first?.outcome == .falseStart)
        #expect(harness.presentedCues.isEmpty)
    }

    @Test("home release: leaving home but never reaching a target is a miss that keeps its reaction time")
    func homeReleaseNoTarget() throws {
        var harness = try EngineHarness(homeDrill)
        harness.start(held: ["home"])
        let onset = try harness.nextOnset()
        harness.release("home", at: onset + 300 * ms)
        harness.finish()
        let result = try #require(harness.completed.first?.sides.first)
        #expect(result.outcome == .miss)
        #expect(result.reactionTimeNanoseconds == 300 * ms)
        #expect(result.decidedAt == onset + 2300 * ms)
    }

    let duel = """
        name: d
        version: 1
        sides: [left, right]
        cues:
          duel: {light: [l, r], expect: {left: lpad, right: rpad}}
        defaults: {foreperiod: 1s}
        blocks: [{trials: 2}]
        """

    @Test("head-to-head: each side is timed and the faster valid hit wins; an exact tie names both")
    func headToHead() throws {
        var harness = try EngineHarness(duel)
        harness.start()
        var onset = try harness.nextOnset()
        harness.press("rpad", at: onset + 240 * ms)
        harness.press("lpad", at: onset + 260 * ms)
        harness.release("rpad", at: onset + 340 * ms)
        harness.release("lpad", at: onset + 360 * ms)
        onset = try harness.nextOnset()
        harness.press("lpad", at: onset + 250 * ms)
        harness.press("rpad", at: onset + 250 * ms)
        harness.finish()
        #expect(harness.completed[0].winners == ["right"])
        #expect(harness.completed[0].result(for: "left")?.reactionTimeNanoseconds == 260 * ms)
        #expect(Set(harness.completed[1].winners) == ["left", "right"])
    }

    @Test("head-to-head: one athlete's false start does not stop the other's trial")
    func headToHeadFalseStart() throws {
        var harness = try EngineHarness(duel)
        harness.start()
        harness.press("lpad", at: .init(nanoseconds: 500 * ms))
        let onset = try harness.nextOnset()
        harness.press("rpad", at: onset + 300 * ms)
        harness.finish()
        #expect(harness.completed[0].result(for: "left")?.outcome == .falseStart)
        #expect(harness.completed[0].result(for: "right")?.outcome == .hit)
        #expect(harness.completed[0].winners == ["right"])
    }

    @Test("a fixed cue duration turns the light off on time, whatever the response")
    func fixedCueDuration() throws {
        var harness = try EngineHarness(simpleDrill + "\n    cue_duration: 200ms")
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad", at: onset + 150 * ms)
        #expect(harness.lightsOffActions.isEmpty)
        harness.advanceToNextDeadline()
        #expect(harness.lightsOffActions == [["pad"]])
        #expect(harness.engine.nextDeadline == onset + 650 * ms)  // end of the inter-trial pause
    }

    @Test("the light of a cue lasting until the response goes off at the response")
    func untilResponse() throws {
        var harness = try EngineHarness(simpleDrill)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad", at: onset + 150 * ms)
        #expect(harness.lightsOffActions == [["pad"]])
    }

    @Test("sets are separated by their rest, blocks by their rest after")
    func restBetweenSets() throws {
        var harness = try EngineHarness("""
            name: s
            version: 1
            cues: {go: {light: pad, expect: pad}}
            defaults: {foreperiod: 1s, timeout: 1s, intertrial: 500ms}
            blocks:
              - {trials: 1, sets: 2, rest: 30s, rest_after: 10s}
              - {trials: 1}
            """)
        harness.start()
        harness.finish()
        let rests = harness.actions.compactMap { if case .restStarted(let until) = $0 { until } else { nil } }
        // Each trial: 1 s foreperiod + 1 s timeout (miss) + 0.5 s pause = 2.5 s.
        #expect(rests == [MonotonicInstant(nanoseconds: 32_500 * ms), MonotonicInstant(nanoseconds: 45_000 * ms)])
        #expect(harness.completed.map(\.foreperiodStart.nanoseconds) == [0, 32_500 * ms, 45_000 * ms])
    }

    @Test("a time-limited set ends exactly at its deadline; a trial whose cue has not come is dropped")
    func timeLimitedSet() throws {
        var harness = try EngineHarness("""
            name: p
            version: 1
            cues: {go: {light: pad, expect: pad}}
            blocks:
              - {duration: 10s, foreperiod: 2s, timeout: 1s, intertrial: 1ms}
            """)
        harness.start()
        harness.finish()
        // Misses take 3.001 s each: trials start at 0, 3.001, 6.002 and 9.003 s; the fourth cue
        // would come at 11.003 s, after the set's end at 10 s, so that trial is not one.
        #expect(harness.completed.count == 3)
        #expect(harness.presentedCues.count == 3)
        #expect(harness.end == .complete)
    }

    @Test("stopping keeps a decided trial and drops one still waiting for a response")
    func stopKeepsDecidedTrial() throws {
        var harness = try EngineHarness(simpleDrill)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad", at: onset + 200 * ms)
        harness.stop(at: onset + 300 * ms)
        #expect(harness.completed.count == 1)
        #expect(harness.end == .fault(reason: "test"))

        var waiting = try EngineHarness(simpleDrill)
        waiting.start()
        _ = waiting.runToOnset()
        waiting.stop(at: .init(nanoseconds: 1100 * ms))
        #expect(waiting.completed.isEmpty)
        #expect(waiting.lightsOffActions == [["pad"]])
    }
}
