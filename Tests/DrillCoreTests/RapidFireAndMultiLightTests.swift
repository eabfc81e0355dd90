import DrillTesting
import Testing
@testable import DrillCore

/// Four pads, rapid-fire with no gap, random order.
private func rapidFireDrill(length: String, gap: String = "0ms") -> String {
    """
    name: rapid
    version: 1
    cues:
      p1: {light: pad1, expect: pad1}
      p2: {light: pad2, expect: pad2}
    defaults:
      timeout: 2s
      anticipation: 100ms
      rapid_fire: {gap: \(gap)}
    blocks:
      - \(length)
    """
}

@Suite("Rapid-fire sets, timed and by hits")
struct RapidFireTests {
    /// Hits each cue `reaction` after onset, holding the pad `hold`.
    func hitEveryCue(_ harness: inout EngineHarness, reaction: Int64, hold: Int64, limit: Int = 10_000) {
        var count = 0
        while count < limit, let onset = harness.runToOnset() {
            let pad = harness.presentedCues.last!.lights[0]
            harness.press(pad, at: onset + reaction)
            harness.release(pad, at: onset + reaction + hold)
            count += 1
        }
    }

    @Test("the next cue comes only after the hit pad is released, then after the gap")
    func nextCueWaitsForRelease() throws {
        var harness = try EngineHarness(rapidFireDrill(length: "trials: 3", gap: "50ms"))
        harness.start()
        let first = try harness.nextOnset()
        #expect(first == MonotonicInstant(nanoseconds: 50 * ms))
        let pad = harness.presentedCues[0].lights[0]
        harness.press(pad, at: first + 300 * ms)
        // Held: nothing is due but the release, or at the latest the wait for it (a stuck pad must not stop the drill).
        #expect(harness.engine.nextDeadline == first + 300 * ms + DrillEngine.releaseWait)
        harness.release(pad, at: first + 700 * ms)
        let second = try harness.nextOnset()
        #expect(second == first + 750 * ms)  // release + 50 ms gap
        #expect(harness.completed.count == 1)
        #expect(harness.completed[0].sides[0].outcome == .hit)
    }

    @Test("rapid-fire with a fixed cue duration: a miss ends when the lights go off, and a hit's lights stay on for the whole duration")
    func fixedCueDuration() throws {
        var harness = try EngineHarness("""
            name: fixed
            version: 1
            cues: {p1: {light: pad1, expect: pad1}}
            defaults: {timeout: 1s, anticipation: 100ms, cue_duration: 2s, rapid_fire: true}
            blocks:
              - trials: 2
            """)
        harness.start()
        let first = try harness.nextOnset()        // nobody presses: a miss at 1 s, lights off at 2 s
        let second = try harness.nextOnset()
        #expect(second == first + 2000 * ms)
        harness.press("pad1", at: second + 300 * ms)
        harness.release("pad1", at: second + 400 * ms)
        harness.finish()
        #expect(harness.end == .complete)
        #expect(harness.completed.map { $0.sides[0].outcome } == [.miss, .hit])
        let lightsOff = harness.actions.compactMap { if case .lightsOff = $0 { true } else { nil } }.count
        #expect(lightsOff == 2 && harness.engine.isFinished)
    }

    @Test("a pad held down (a stuck switch) does not stop a rapid-fire drill: the next trial comes after the wait")
    func stuckPadDoesNotStopTheDrill() throws {
        var harness = try EngineHarness(rapidFireDrill(length: "trials: 3"))
        harness.start()
        let onset = try harness.nextOnset()
        let pad = harness.presentedCues[0].lights[0]
        harness.press(pad, at: onset + 300 * ms)  // and never released
        harness.finish()
        #expect(harness.end == .complete)
        #expect(harness.completed.count == 3)
        #expect(harness.completed.dropFirst().allSatisfy { $0.sides[0].outcome == .stuckSwitch })
    }

    @Test("'rapid_fire: false' under rapid-fire defaults brings back a foreperiod and a pause")
    func rapidFireOffRestoresTimings() throws {
        let profile = try Profile.parse("""
            name: mixed
            version: 1
            cues: {p1: {light: pad1, expect: pad1}}
            defaults: {rapid_fire: true}
            blocks:
              - {trials: 2}
              - {trials: 2, rapid_fire: false}
            """, file: "mixed.yaml")
        #expect(profile.blocks[0].rules.rapidFire && profile.blocks[0].rules.foreperiod == .fixed(.zero))
        #expect(!profile.blocks[1].rules.rapidFire && profile.blocks[1].rules.foreperiod.minimum >= .milliseconds(1))
        #expect(profile.blocks[1].rules.intertrial > .zero)
    }

    @Test("a set that ends before a cue hands nothing ahead for it, and the dropped trial's number is not reused")
    func noCueAheadPastTheSetEnd() throws {
        var harness = try EngineHarness("""
            name: ends
            version: 1
            cues: {p1: {light: pad1, expect: pad1}}
            defaults: {timeout: 1s, anticipation: 100ms, intertrial: 100ms}
            blocks:
              - {duration: 1s, foreperiod: 1500ms}
              - {trials: 1, foreperiod: 500ms}
            """)
        harness.start()
        #expect(harness.engine.upcomingCue == nil)  // the first cue would come at 1.5 s, after the set's end at 1 s
        harness.finish()
        #expect(harness.presentedCues.map(\.trialIndex) == [1])
        #expect(harness.completed.map(\.planned.index) == [1])
    }

    @Test("a held pad never floods stuck-switch trials: at most one per release wait")
    func heldPadDoesNotFlood() throws {
        var harness = try EngineHarness(rapidFireDrill(length: "duration: 5s"))
        harness.start()
        let onset = try harness.nextOnset()
        let pad = harness.presentedCues[0].lights[0]
        harness.press(pad, at: onset + 300 * ms)  // held to the end of the set
        harness.finish()
        // The hit at 0.3 s, then after the 3 s wait one stuck-switch trial, which the set's end at 5 s completes.
        #expect(harness.completed.map { $0.sides[0].outcome } == [.hit, .stuckSwitch])
        #expect(harness.end == .complete)
    }

    @Test("a timed set ends exactly at its deadline: a hit released then is kept, and no further cue comes")
    func timedSetEndsAtDeadline() throws {
        var harness = try EngineHarness(rapidFireDrill(length: "duration: 2s"))
        harness.start()
        hitEveryCue(&harness, reaction: 400 * ms, hold: 100 * ms)  // a trial every 0.5 s
        #expect(harness.end == .complete)
        #expect(harness.completed.count == 4)
        #expect(harness.presentedCues.count == 4)
        #expect(harness.completed.allSatisfy { $0.sides[0].outcome == .hit })
    }

    @Test("a cue on when the time runs out is recorded as cut off at the deadline")
    func cutOffAtDeadline() throws {
        var harness = try EngineHarness(rapidFireDrill(length: "duration: 1s"))
        harness.start()
        let onset = try harness.nextOnset()
        let pad = harness.presentedCues[0].lights[0]
        harness.press(pad, at: onset + 300 * ms)
        harness.release(pad, at: onset + 400 * ms)
        _ = try harness.nextOnset()  // the second cue, at 0.4 s
        harness.finish()             // nobody presses: the set ends at 1 s
        let trials = harness.completed
        #expect(trials.count == 2)
        #expect(trials[1].sides[0].outcome == .cutOff)
        #expect(trials[1].sides[0].decidedAt == MonotonicInstant(nanoseconds: 1000 * ms))
        #expect(harness.lightsOffActions.count == 2)
        #expect(harness.presentedCues.count == 2)
    }

    @Test("a set by hits ends at the Nth hit, and the trials are drawn as it runs")
    func setEndsAtNthHit() throws {
        var harness = try EngineHarness(rapidFireDrill(length: "hits: 5"))
        #expect(harness.engine.plan.trials.isEmpty)  // not planned ahead
        harness.start()
        hitEveryCue(&harness, reaction: 300 * ms, hold: 80 * ms)
        #expect(harness.end == .complete)
        #expect(harness.completed.count == 5)
        #expect(harness.completed.map(\.planned.index) == [0, 1, 2, 3, 4])
        #expect(harness.completed.map(\.planned.trialInSet) == [1, 2, 3, 4, 5])
    }

    @Test("the same seed draws the same open-ended set")
    func openSetsReplay() throws {
        func cues(seed: UInt64) throws -> [String] {
            var harness = try EngineHarness(rapidFireDrill(length: "hits: 12"), seed: seed)
            harness.start()
            hitEveryCue(&harness, reaction: 300 * ms, hold: 80 * ms)
            return harness.presentedCues.flatMap(\.lights)
        }
        #expect(try cues(seed: 7) == cues(seed: 7))
        #expect(try cues(seed: 7) != cues(seed: 8))
    }
}

@Suite("Several lights in one cue")
struct MultiLightTests {
    let allLit = """
        name: all
        version: 1
        cues:
          pair: {light: [pad1, pad3], expect: all}
        defaults:
          foreperiod: 1s
          timeout: 2s
          anticipation: 100ms
        blocks:
          - trials: 1
        """

    let distractor = """
        name: distractor
        version: 1
        cues:
          green: {light: [pad2, pad1], expect: pad2}
          other: {light: pad3, expect: pad3}
        defaults:
          foreperiod: 1s
          timeout: 2s
          anticipation: 100ms
          order: sequence
        blocks:
          - trials: 2
        """

    @Test("expect: all is a hit at the last pad, in any order, with a split per pad; each pad goes off when hit")
    func everyLitPad() throws {
        var harness = try EngineHarness(allLit)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad3", at: onset + 300 * ms)
        harness.press("pad3", at: onset + 350 * ms)  // a second tap on a pad already hit is ignored
        #expect(harness.lightsOffActions == [["pad3"]])
        #expect(harness.decided.isEmpty)
        harness.press("pad1", at: onset + 650 * ms)
        let result = try #require(harness.decided.first?.sides.first)
        #expect(result.outcome == .hit)
        #expect(result.reactionTimeNanoseconds == 650 * ms)
        #expect(result.splits == [PadSplit(pad: "pad3", reactionTimeNanoseconds: 300 * ms), PadSplit(pad: "pad1", reactionTimeNanoseconds: 650 * ms)])
        #expect(harness.lightsOffActions == [["pad3"], ["pad1"]])
    }

    @Test("expect: all with a pad left unhit at the timeout is a miss that keeps its splits")
    func partialAllLitIsMiss() throws {
        var harness = try EngineHarness(allLit)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad1", at: onset + 300 * ms)
        harness.finish()
        let result = try #require(harness.completed.first?.sides.first)
        #expect(result.outcome == .miss)
        #expect(result.splits.map(\.pad) == ["pad1"])
    }

    @Test("a press on a lit distractor is a distractor error, not ignored")
    func litDistractor() throws {
        var harness = try EngineHarness(distractor)
        harness.start()
        let onset = try harness.nextOnset()
        harness.press("pad1", at: onset + 300 * ms)
        let result = try #require(harness.decided.first?.sides.first)
        #expect(result.outcome == .distractor)
        #expect(result.outcome.isCommissionError)
    }

    @Test("a press on an unlit pad of the drill while a cue is on is an error")
    func unlitPadOfTheDrill() throws {
        var harness = try EngineHarness(distractor)
        harness.start()
        _ = try harness.nextOnset()
        harness.finish()
        var second = try EngineHarness(distractor)
        second.start()
        let first = try second.nextOnset()
        second.press("pad2", at: first + 300 * ms)
        second.release("pad2", at: first + 350 * ms)
        let onset = try second.nextOnset()  // cue 'other': pad3 lit; pad1 (a distractor pad of the drill) is not
        second.press("pad1", at: onset + 300 * ms)
        let result = try #require(second.decided.last?.sides.first)
        #expect(result.outcome == .wrongTarget)
    }

    @Test("several lights with a target that is not lit is refused at its line")
    func targetMustBeLit() throws {
        let text = """
            name: bad
            version: 1
            cues:
              x: {light: [pad1, pad2], expect: pad3}
            blocks:
              - trials: 1
            """
        #expect(throws: ConfigError.self) { try Profile.parse(text, file: "bad.yaml") }
        do { _ = try Profile.parse(text, file: "bad.yaml") } catch {
            #expect("\(error)".hasPrefix("bad.yaml:4:"))
        }
    }
}
