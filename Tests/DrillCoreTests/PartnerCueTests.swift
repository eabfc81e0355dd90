import DrillTesting
import Testing
@testable import DrillCore

/// A partner with two pads, mirrored onto the athlete's two, and a feint pad.
private func partnerDrill(on edge: String = "press", light: Bool = false, wait: String = "10s", trials: Int = 3, mode: String = "") -> String {
    """
    name: partner
    version: 1
    \(mode)
    partner:
      on: \(edge)
      map: mirror
      pads: [p-left, p-right]
      targets: [left, right]
      feints: [p-feint]
      light: \(light)
      wait: \(wait)
    defaults:
      timeout: 1s
      anticipation: 100ms
      intertrial: 500ms
    blocks:
      - trials: \(trials)
    """
}

@Suite("Partner cues: the partner's edge is the onset")
struct PartnerCueTests {
    @Test("the partner's press is the onset and chooses the cue: mirrored, the athlete is timed from the partner's own edge")
    func partnerPressIsTheOnset() throws {
        var harness = try EngineHarness(partnerDrill())
        harness.start()
        #expect(harness.presentedCues.isEmpty)
        let partnerEdge = MonotonicInstant(nanoseconds: 2_345 * ms + 17)
        harness.press("p-left", at: partnerEdge)
        harness.press("right", at: partnerEdge + 250 * ms)
        let trial = try #require(harness.decided.first)
        #expect(trial.onset == partnerEdge)
        #expect(trial.trigger == partnerEdge)
        #expect(trial.partnerSwitch == "p-left")
        #expect(trial.planned.cueName == "p-left")
        #expect(trial.planned.expected == ["athlete": "right"])
        #expect(trial.planned.foreperiodMilliseconds == 2_345)  // the partner's wait
        #expect(trial.sides[0].outcome == .hit)
        #expect(trial.sides[0].reactionTimeNanoseconds == 250 * ms)
        let cue = harness.actions.compactMap { if case .partnerCue(let planned, let pad, let onset) = $0 { (planned, pad, onset) } else { nil } }.first
        #expect(cue?.1 == "p-left" && cue?.2 == partnerEdge && cue?.0.expected["athlete"] == "right")
    }

    @Test("moving before the partner is a false start; within the anticipation threshold after the partner, an anticipation")
    func earlyMovesAreErrors() throws {
        var harness = try EngineHarness(partnerDrill())
        harness.start()
        harness.press("left", at: MonotonicInstant(nanoseconds: 800 * ms))
        #expect(harness.decided.first?.sides[0].outcome == .falseStart)
        #expect(harness.decided.first?.partnerSwitch == nil)
        harness.release("left", at: MonotonicInstant(nanoseconds: 900 * ms))
        harness.advanceToNextDeadline()  // the pause after the false start: the next trial waits for the partner
        let partnerEdge = MonotonicInstant(nanoseconds: 3_000 * ms)
        harness.press("p-right", at: partnerEdge)
        harness.press("left", at: partnerEdge + 60 * ms)
        #expect(harness.decided.count == 2)
        #expect(harness.decided[1].sides[0].outcome == .anticipation)
        #expect(harness.decided[1].sides[0].reactionTimeNanoseconds == 60 * ms)
    }

    @Test("a feint is a no-go: holding still is correct, a press is a commission")
    func feintIsNoGo() throws {
        var harness = try EngineHarness(partnerDrill())
        harness.start()
        harness.press("p-feint", at: MonotonicInstant(nanoseconds: 1_000 * ms))
        harness.advanceToNextDeadline()
        #expect(harness.decided.first?.planned.kind == .noGo)
        #expect(harness.decided.first?.sides[0].outcome == .noGoCorrect)
        harness.advanceToNextDeadline()
        harness.press("p-feint", at: MonotonicInstant(nanoseconds: 4_000 * ms))
        harness.press("left", at: MonotonicInstant(nanoseconds: 4_300 * ms))
        #expect(harness.decided[1].sides[0].outcome == .noGoCommission)
    }

    @Test("with 'on: release' the partner's press is not a cue; their release is")
    func releaseIsTheCue() throws {
        var harness = try EngineHarness(partnerDrill(on: "release"))
        harness.start()
        harness.press("p-right", at: MonotonicInstant(nanoseconds: 300 * ms))
        #expect(harness.decided.isEmpty)
        let letGo = MonotonicInstant(nanoseconds: 2_000 * ms)
        harness.release("p-right", at: letGo)
        harness.press("left", at: letGo + 310 * ms)
        #expect(harness.decided.first?.onset == letGo)
        #expect(harness.decided.first?.sides[0].reactionTimeNanoseconds == 310 * ms)
    }

    @Test("a partner's move from before the trial began (during the pause, delivered late) is not the next trial's cue")
    func staleMoveIgnored() throws {
        var harness = try EngineHarness(partnerDrill())
        harness.start(at: MonotonicInstant(nanoseconds: 1_000 * ms))
        harness.press("p-left", at: MonotonicInstant(nanoseconds: 990 * ms))
        #expect(harness.actions.allSatisfy { if case .partnerCue = $0 { false } else { true } })
        harness.release("p-left", at: MonotonicInstant(nanoseconds: 1_050 * ms))
        harness.press("p-right", at: MonotonicInstant(nanoseconds: 2_000 * ms))
        harness.press("left", at: MonotonicInstant(nanoseconds: 2_300 * ms))
        #expect(harness.decided.first?.partnerSwitch == "p-right")
        #expect(harness.decided.first?.sides[0].outcome == .hit)
    }

    @Test("an athlete's press from before the trial began (queued while the drill started) is not its false start")
    func stalePressIsNoFalseStart() throws {
        var harness = try EngineHarness(partnerDrill())
        harness.start(at: MonotonicInstant(nanoseconds: 1_000 * ms))
        harness.press("left", at: MonotonicInstant(nanoseconds: 700 * ms))
        harness.release("left", at: MonotonicInstant(nanoseconds: 780 * ms))
        #expect(harness.decided.isEmpty)
        harness.press("p-left", at: MonotonicInstant(nanoseconds: 2_000 * ms))
        harness.press("right", at: MonotonicInstant(nanoseconds: 2_280 * ms))
        #expect(harness.decided.first?.sides[0].outcome == .hit)
        #expect(harness.decided.first?.edges.count == 4)  // kept in the record, judged as nothing
    }

    @Test("the partner's own edges are never the athlete's responses")
    func partnerEdgesAreNotResponses() throws {
        var harness = try EngineHarness(partnerDrill())
        harness.start()
        let partnerEdge = MonotonicInstant(nanoseconds: 1_500 * ms)
        harness.press("p-left", at: partnerEdge)
        harness.release("p-left", at: partnerEdge + 100 * ms)
        harness.press("p-right", at: partnerEdge + 200 * ms)
        #expect(harness.decided.isEmpty)
        harness.press("right", at: partnerEdge + 400 * ms)
        #expect(harness.decided.first?.sides[0].outcome == .hit)
        #expect(harness.decided.first?.partnerSwitch == "p-left")
    }

    @Test("with 'light: true' the target lights at the partner's edge, and the onset stays the edge, not the light")
    func lightEchoesThePartner() throws {
        var harness = try EngineHarness(partnerDrill(light: true))
        harness.lightSetTime = .milliseconds(2)  // a slow light: its midpoint would be 1 ms late
        harness.start()
        let partnerEdge = MonotonicInstant(nanoseconds: 1_000 * ms)
        harness.press("p-right", at: partnerEdge)
        #expect(harness.presentedCues.first?.lights == ["left"])
        harness.press("left", at: partnerEdge + 300 * ms)
        let trial = try #require(harness.decided.first)
        #expect(trial.onset == partnerEdge)
        #expect(trial.sides[0].reactionTimeNanoseconds == 300 * ms)
        #expect(trial.timing.lightSetNanoseconds == 2 * ms)
        #expect(!trial.timing.flags.contains(.lateOnset))
    }

    @Test("a partner who never moves ends the drill cleanly at the wait, with the trials done kept")
    func idlePartnerEndsTheDrill() throws {
        var harness = try EngineHarness(partnerDrill(wait: "5s", trials: 4))
        harness.start()
        harness.press("p-left", at: MonotonicInstant(nanoseconds: 1_000 * ms))
        harness.press("right", at: MonotonicInstant(nanoseconds: 1_300 * ms))
        harness.finish()
        #expect(harness.end == .partnerIdle(after: .seconds(5)))
        #expect(harness.completed.count == 1)
        #expect(harness.end?.reason == "the partner did not move for 5s")
    }

    @Test("with a home switch: leaving it before the partner moves is a false start, after it the reaction time")
    func homeReleaseOnThePartner() throws {
        var harness = try EngineHarness(partnerDrill(on: "release", mode: "mode: home_release\nhome: home\nmovement_timeout: 2s"))
        harness.start(held: ["home"])
        let letGo = MonotonicInstant(nanoseconds: 2_000 * ms)
        harness.press("p-left", at: MonotonicInstant(nanoseconds: 100 * ms))
        harness.release("p-left", at: letGo)
        harness.release("home", at: letGo + 220 * ms)
        harness.press("right", at: letGo + 700 * ms)
        let trial = try #require(harness.decided.first)
        #expect(trial.sides[0].outcome == .hit)
        #expect(trial.sides[0].reactionTimeNanoseconds == 220 * ms)
        #expect(trial.sides[0].movementTimeNanoseconds == 480 * ms)
    }
}
