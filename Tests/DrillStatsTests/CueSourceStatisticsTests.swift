import DrillCore
import Testing
@testable import DrillStats

@Suite("Gate-run scores and the partner's pace")
struct CueSourceStatisticsTests {
    /// A gate run to `target` whose total time (start gate to finish) was `totalMs`.
    func run(_ index: Int, target: String, totalMs: Int64?, outcome: Outcome = .hit) -> TrialRecord {
        let planned = PlannedTrial(
            index: index, blockIndex: 0, blockName: "b", set: 1, trialInSet: index + 1, kind: .go, cueName: target,
            lights: [target], sound: nil, expected: ["athlete": target], foreperiodMilliseconds: 100)
        let start = MonotonicInstant(nanoseconds: Int64(index) * 10_000_000_000)
        let side = SideResult(
            side: "athlete", expectedSwitch: target, outcome: outcome, reactionTimeNanoseconds: 300_000_000,
            decidedAt: start + .seconds(2), totalTimeNanoseconds: totalMs.map { $0 * 1_000_000 })
        return TrialRecord(
            planned: planned, foreperiodStart: start, scheduledOnset: start + .milliseconds(100), onset: start + .milliseconds(100),
            timing: TrialTiming(), sides: [side], winners: [], edges: [], trigger: start)
    }

    func score(_ score: DrillScore, _ trials: [TrialRecord]) -> Double? {
        let statistics = SessionStatistics(side: "athlete", trials: trials, lapseThresholdMilliseconds: 800)
        return score.value(side: "athlete", trials: trials, statistics: statistics)
    }

    @Test("best each way averages each direction's best correct run; a direction never run correctly gives no score")
    func bestEachWay() {
        let trials = [
            run(0, target: "left", totalMs: 1_600), run(1, target: "right", totalMs: 1_700), run(2, target: "left", totalMs: 1_500),
            run(3, target: "right", totalMs: 1_650), run(4, target: "left", totalMs: 1_400, outcome: .wrongTarget),
        ]
        #expect(score(.bestEachWay, trials) == 1_575)  // (1 500 + 1 650) / 2: the wrong-way run does not count
        #expect(score(.totalTime, trials) == 1_625)     // median of the four correct runs
        let onlyLeft = [run(0, target: "left", totalMs: 1_600), run(1, target: "right", totalMs: nil, outcome: .miss)]
        #expect(score(.bestEachWay, onlyLeft) == nil)
    }

    /// A trial cued by the partner's `pad` at `cueMs`, the trial having begun `waitMs` before.
    func cued(_ index: Int, set: Int = 1, cueMs: Int64, waitMs: Int, pad: String = "partner-left") -> TrialRecord {
        let cue = MonotonicInstant(nanoseconds: cueMs * 1_000_000)
        let planned = PlannedTrial(
            index: index, blockIndex: 0, blockName: "b", set: set, trialInSet: index + 1, kind: .go, cueName: pad,
            lights: [], sound: nil, expected: ["athlete": "right"], foreperiodMilliseconds: waitMs)
        let side = SideResult(side: "athlete", expectedSwitch: "right", outcome: .hit, reactionTimeNanoseconds: 300_000_000, decidedAt: cue + .milliseconds(300))
        return TrialRecord(
            planned: planned, foreperiodStart: cue - .milliseconds(Int64(waitMs)), scheduledOnset: cue, onset: cue, timing: TrialTiming(),
            sides: [side], winners: [], edges: [], trigger: cue, partnerSwitch: pad)
    }

    @Test("the partner's pace: intervals between cues within a set (not across a rest), their mean and CV, and the waits")
    func partnerPace() throws {
        let trials = [
            cued(0, cueMs: 2_000, waitMs: 2_000), cued(1, cueMs: 5_000, waitMs: 2_500, pad: "partner-right"), cued(2, cueMs: 9_000, waitMs: 3_500),
            cued(3, set: 2, cueMs: 60_000, waitMs: 2_000),
        ]
        let pace = try #require(PartnerPace(trials: trials))
        #expect(pace.cues == 4)
        #expect(pace.meanIntervalMilliseconds == 3_500)  // 3 000 and 4 000; the rest before set 2 is not an interval
        #expect(abs((pace.intervalCoefficientOfVariation ?? 0) - (707.106_781 / 3_500)) < 1e-6)
        #expect(pace.meanWaitMilliseconds == 2_500)
        #expect(pace.cuesBySwitch == ["partner-left": 3, "partner-right": 1])
        #expect(PartnerPace(trials: [run(0, target: "left", totalMs: 1_500)]) == nil)
    }
}
