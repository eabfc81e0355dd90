import DrillCore
import Testing
@testable import DrillStats

@Suite("Descriptive statistics against values computed by hand")
struct DescriptiveTests {
    let sample: [Double] = [250, 310, 280, 265, 295]

    @Test("mean, median and sample SD of five reaction times")
    func basics() throws {
        #expect(Descriptive.mean(sample) == 280)
        #expect(Descriptive.median(sample) == 280)
        // Σ(x−280)² = 900 + 900 + 0 + 225 + 225 = 2250; /4 = 562.5; √ = 23.717…
        let sd = try #require(Descriptive.standardDeviation(sample))
        #expect(abs(sd - 23.717_082_451_262_844) < 1e-9)
    }

    @Test("the median of an even count is the mean of the middle two")
    func evenMedian() {
        #expect(Descriptive.median([4, 1, 3, 2]) == 2.5)
    }

    @Test("quantiles interpolate like R's type 7")
    func quantiles() {
        #expect(Descriptive.quantile([1, 2, 3, 4], 0.25) == 1.75)
        #expect(Descriptive.quantile([10], 0.9) == 10)
    }

    @Test("empty and single samples give no SD rather than a wrong number")
    func edgeCases() {
        #expect(Descriptive.mean([]) == nil)
        #expect(Descriptive.median([]) == nil)
        #expect(Descriptive.standardDeviation([300]) == nil)
    }
}

@Suite("Session summary")
struct SessionSummaryTests {
    func trial(_ index: Int, _ outcome: Outcome, rtMilliseconds: Int64?) -> TrialRecord {
        let planned = PlannedTrial(
            index: index, blockIndex: 0, blockName: "b", set: 1, trialInSet: index + 1, kind: .go, cueName: "go",
            lights: ["pad"], sound: nil, expected: ["athlete": "pad"], foreperiodMilliseconds: 1000)
        let result = SideResult(
            side: "athlete", expectedSwitch: "pad", outcome: outcome, respondedSwitch: "pad", response: nil,
            reactionTimeNanoseconds: rtMilliseconds.map { $0 * 1_000_000 }, decidedAt: .zero)
        return TrialRecord(
            planned: planned, foreperiodStart: .zero, scheduledOnset: .zero, onset: .zero, timing: TrialTiming(),
            sides: [result], winners: [], edges: [])
    }

    func session(_ trials: [TrialRecord]) throws -> SessionResult {
        let profile = try Profile.parse("""
            name: s
            version: 1
            cues: {go: {light: pad, expect: pad}}
            blocks: [{trials: 1}]
            """, file: "s.yaml")
        var session = SessionResult(profile: profile, seed: 1, station: "sim", athletes: ["athlete": "A"], startedAt: "", plannedTrials: trials.count)
        session.trials = trials
        return session
    }

    @Test("only hits count as valid reaction times; every outcome is counted")
    func counts() throws {
        let summary = SessionSummary(session: try session([
            trial(0, .hit, rtMilliseconds: 250), trial(1, .hit, rtMilliseconds: 550), trial(2, .anticipation, rtMilliseconds: 40),
            trial(3, .miss, rtMilliseconds: nil), trial(4, .wrongTarget, rtMilliseconds: 300), trial(5, .stuckSwitch, rtMilliseconds: nil),
        ])).sides[0]
        #expect(summary.validCount == 2)
        #expect(summary.medianMilliseconds == 400)
        #expect(summary.lapses == 1)  // 550 ms ≥ 500 ms
        #expect(summary.count(.anticipation) == 1 && summary.count(.miss) == 1)
        #expect(summary.errors == 1)
        #expect(summary.accuracy == 2.0 / 5.0)  // stuck switch not judged
    }

    @Test("a session with no valid trials has counts but no reaction-time figures")
    func noValidTrials() throws {
        let summary = SessionSummary(session: try session([trial(0, .miss, rtMilliseconds: nil), trial(1, .miss, rtMilliseconds: nil)])).sides[0]
        #expect(summary.validCount == 0)
        #expect(summary.medianMilliseconds == nil && summary.meanMilliseconds == nil && summary.standardDeviationMilliseconds == nil)
        #expect(summary.accuracy == 0)
    }
}
