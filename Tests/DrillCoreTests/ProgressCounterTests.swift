import DrillTesting
import Testing
@testable import DrillCore

@Suite("Progress counters")
struct ProgressCounterTests {
    @Test("a drill mixing trial counts and a timed set has no total; its counted set numbers its own trials, the timed one shows hits and time left")
    func mixedDrill() throws {
        var harness = try EngineHarness("""
            name: mixed
            version: 1
            cues: {p1: {light: pad1, expect: pad1}}
            defaults: {foreperiod: 500ms, timeout: 1s, anticipation: 100ms, intertrial: 100ms}
            blocks:
              - {trials: 3}
              - {duration: 10s}
            """)
        #expect(harness.engine.plan.plannedTotal == 0)
        harness.start()
        while let onset = harness.runToOnset(), harness.presentedCues.count <= 5 {
            harness.press("pad1", at: onset + 300 * ms)
            harness.release("pad1", at: onset + 350 * ms)
        }
        var counter = ProgressCounter(plan: harness.engine.plan)
        var labels: [String] = []
        for action in harness.actions {
            counter.observe(action)
            if case .trialDecided(let record) = action {
                labels.append(counter.label(trialIndex: record.planned.index, now: record.sides[0].decidedAt))
            }
        }
        #expect(labels.prefix(5) == [
            "trial 1/3 of the set", "trial 2/3 of the set", "trial 3/3 of the set", "hits 1 · 10 s left", "hits 2 · 9 s left",
        ])
    }
}
