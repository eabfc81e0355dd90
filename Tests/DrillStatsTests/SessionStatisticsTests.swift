import DrillCore
import DrillStats
import Testing

@Suite("Session statistics")
struct SessionStatisticsTests {
    /// A trial with onset at `minute` minutes, foreperiod `foreperiod` ms.
    func trial(_ index: Int, _ outcome: Outcome, kind: TrialKind = .go, rt: Int64? = nil, foreperiod: Int = 1000, minute: Int64 = 0, timeoutMs: Int64 = 1500) -> TrialRecord {
        let onset = MonotonicInstant(nanoseconds: 1_000_000_000_000 + minute * 60_000_000_000)
        let planned = PlannedTrial(
            index: index, blockIndex: 0, blockName: "b", set: 1, trialInSet: index + 1, kind: kind, cueName: "go",
            lights: ["pad"], sound: nil, expected: kind == .go ? ["athlete": "pad"] : [:], foreperiodMilliseconds: foreperiod)
        let decided = outcome == .miss || outcome == .noGoCorrect ? onset + .milliseconds(timeoutMs) : onset + .milliseconds(rt ?? 0)
        let result = SideResult(
            side: "athlete", expectedSwitch: "pad", outcome: outcome, reactionTimeNanoseconds: rt.map { $0 * 1_000_000 },
            decidedAt: decided)
        return TrialRecord(
            planned: planned, foreperiodStart: onset - .milliseconds(Int64(foreperiod)), scheduledOnset: onset, onset: onset,
            timing: TrialTiming(), sides: [result], winners: [], edges: [])
    }

    func statistics(_ trials: [TrialRecord], lapse: Double = 500) -> SessionStatistics {
        SessionStatistics(side: "athlete", trials: trials, lapseThresholdMilliseconds: lapse)
    }

    @Test("a miss is a lapse when its timeout is at or above the lapse threshold, not otherwise")
    func lapsesIncludeSlowMisses() {
        let trials = [trial(0, .hit, rt: 520), trial(1, .hit, rt: 499), trial(2, .miss, timeoutMs: 1500), trial(3, .miss, timeoutMs: 400)]
        let stats = statistics(trials)
        #expect(stats.lapses == 2)  // the 520 ms hit and the 1500 ms-timeout miss
        #expect(statistics(trials, lapse: 355).lapses == 4)  // a configurable threshold: the 499 ms hit and the 400 ms-timeout miss now count too
    }

    @Test("d′ counts go responses and no-go commissions from the outcomes; no no-go trials, no d′")
    func dPrimeFromOutcomes() throws {
        let trials = [trial(0, .hit, rt: 250), trial(1, .hit, rt: 260), trial(2, .miss), trial(3, .anticipation, rt: 50),
                      trial(4, .noGoCommission, kind: .noGo, rt: 240), trial(5, .noGoCorrect, kind: .noGo)]
        let d = try #require(statistics(trials).dPrime)
        #expect(d.goTrials == 3 && d.goResponses == 2)  // the anticipation did not follow the cue
        #expect(d.noGoTrials == 2 && d.commissions == 1)
        #expect(statistics([trial(0, .hit, rt: 250)]).dPrime == nil)
    }

    @Test("time-on-task: RT rising 2 ms per minute gives a slope of 2 ms/min")
    func timeOnTask() throws {
        let trials = (0..<6).map { trial($0, .hit, rt: 250 + 2 * Int64($0), minute: Int64($0)) }
        #expect(abs(try #require(statistics(trials).timeOnTaskSlopeMillisecondsPerMinute) - 2) < 1e-9)
    }

    @Test("RT by foreperiod: one bin per value for a few values, four equal-width bins otherwise")
    func foreperiodBins() {
        let few = statistics([trial(0, .hit, rt: 300, foreperiod: 1000), trial(1, .hit, rt: 260, foreperiod: 3000), trial(2, .hit, rt: 280, foreperiod: 1000)])
        #expect(few.foreperiodBins.map(\.lowerMilliseconds) == [1000, 3000])
        #expect(few.foreperiodBins.map(\.medianMilliseconds) == [290, 260])
        let many = statistics((0..<9).map { trial($0, .hit, rt: 300 - Int64($0) * 5, foreperiod: 1000 + $0 * 250) })  // 1000…3000 ms
        #expect(many.foreperiodBins.map(\.lowerMilliseconds) == [1000, 1500, 2000, 2500])
        #expect(many.foreperiodBins.map(\.upperMilliseconds) == [1499, 1999, 2499, 3000])
        #expect(many.foreperiodBins.map(\.validCount) == [2, 2, 2, 3])
    }

    @Test("one trial: median, mean and the 10 % tails are that trial; SD and slope need more")
    func oneTrial() {
        let stats = statistics([trial(0, .hit, rt: 243)])
        #expect(stats.validCount == 1 && stats.medianMilliseconds == 243 && stats.meanMilliseconds == 243)
        #expect(stats.fastest10PercentMilliseconds == 243 && stats.slowest10PercentMilliseconds == 243)
        #expect(stats.standardDeviationMilliseconds == nil && stats.timeOnTaskSlopeMillisecondsPerMinute == nil)
        #expect(stats.interquartileRangeMilliseconds == 0)
    }

    @Test("all misses: no reaction-time figures, accuracy 0, every miss counted")
    func allMisses() {
        let stats = statistics((0..<5).map { trial($0, .miss) })
        #expect(stats.validCount == 0 && stats.medianMilliseconds == nil && stats.meanSpeed == nil && stats.foreperiodBins.isEmpty)
        #expect(stats.misses == 5 && stats.accuracy == 0 && stats.lapses == 5)
    }

    @Test("no trials at all: zero counts and no accuracy")
    func noTrials() {
        let stats = statistics([])
        #expect(stats.trials == 0 && stats.accuracy == nil && stats.dPrime == nil)
    }
}
