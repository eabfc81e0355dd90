import DrillCore
import Testing
@testable import DrillStats

@Suite("Drill scores")
struct ScoreTests {
    /// A one-pad trial in `set` whose press came `rt` ms after an onset at `onsetMs`.
    func trial(_ index: Int, set: Int = 1, onsetMs: Int64, rt: Int64?, outcome: Outcome = .hit) -> TrialRecord {
        let planned = PlannedTrial(
            index: index, blockIndex: 0, blockName: "b", set: set, trialInSet: index + 1, kind: .go, cueName: "go",
            lights: ["pad"], sound: nil, expected: ["athlete": "pad"], foreperiodMilliseconds: 0)
        let onset = MonotonicInstant(nanoseconds: onsetMs * 1_000_000)
        let decided = MonotonicInstant(nanoseconds: (onsetMs + (rt ?? 1000)) * 1_000_000)
        let side = SideResult(
            side: "athlete", expectedSwitch: "pad", outcome: outcome, respondedSwitch: rt == nil ? nil : "pad",
            response: rt == nil ? nil : decided, reactionTimeNanoseconds: rt.map { $0 * 1_000_000 }, decidedAt: decided)
        return TrialRecord(
            planned: planned, foreperiodStart: onset, scheduledOnset: onset, onset: onset, timing: TrialTiming(), sides: [side],
            winners: [], edges: [])
    }

    func score(_ score: DrillScore, _ trials: [TrialRecord]) -> Double? {
        let statistics = SessionStatistics(side: "athlete", trials: trials, lapseThresholdMilliseconds: 500)
        return score.value(side: "athlete", trials: trials, statistics: statistics)
    }

    @Test("hits counts hits only; a cut-off trial neither counts nor lowers accuracy")
    func hitsAndCutOff() {
        let trials = [
            trial(0, onsetMs: 0, rt: 300), trial(1, onsetMs: 500, rt: 320), trial(2, onsetMs: 1000, rt: 90, outcome: .anticipation),
            trial(3, onsetMs: 1500, rt: nil, outcome: .cutOff),
        ]
        #expect(score(.hits, trials) == 2)
        #expect(score(.accuracy, trials).map { ($0 * 10).rounded() / 10 } == 66.7)
    }

    @Test("best_sum adds the N fastest hits and gives nothing with fewer hits")
    func bestSum() {
        let trials = [trial(0, onsetMs: 0, rt: 400), trial(1, onsetMs: 1000, rt: 300), trial(2, onsetMs: 2000, rt: 350)]
        #expect(score(.bestSum(count: 2), trials) == 650)
        #expect(score(.bestSum(count: 4), trials) == nil)
    }

    @Test("time to N hits runs from the set's first onset to its Nth hit; the best set counts")
    func timeToHits() {
        let trials = [
            trial(0, set: 1, onsetMs: 0, rt: 300), trial(1, set: 1, onsetMs: 500, rt: 300),
            trial(2, set: 2, onsetMs: 10_000, rt: 250), trial(3, set: 2, onsetMs: 10_400, rt: 200),
        ]
        #expect(score(.timeToHits(count: 2), trials) == 600)  // set 2: 10 600 − 10 000
        #expect(score(.timeToHits(count: 3), trials) == nil)
    }

    @Test("scores survive their stored names")
    func storedNames() {
        for score in [DrillScore.medianReactionTime, .hits, .timeToHits(count: 20), .bestSum(count: 32), .accuracy, .wins] {
            #expect(DrillScore(storedName: score.storedName) == score)
        }
        #expect(DrillScore(storedName: "best_sum:0") == nil)
    }

    @Test("the leaderboard ranks a score in its own direction")
    func leaderboardDirection() {
        func candidate(_ name: String, _ value: Double) -> Leaderboard.Candidate {
            Leaderboard.Candidate(
                athlete: name, team: nil,
                point: SessionPoint(session: name, startedAtMilliseconds: 0, validCount: 20, medianMilliseconds: 300, meanSpeed: 3, accuracy: 1, score: value))
        }
        let hits = Leaderboard(candidates: [candidate("A", 40), candidate("B", 52)], metric: .score, minimumValidTrials: 1, score: .hits)
        #expect(hits.rows.map(\.athlete) == ["B", "A"])
        let time = Leaderboard(candidates: [candidate("A", 9_000), candidate("B", 12_000)], metric: .score, minimumValidTrials: 1, score: .timeToHits(count: 20))
        #expect(time.rows.map(\.athlete) == ["A", "B"])
    }
}
