import DrillCore
import DrillStats
import DrillStore
import DrillTesting
import Testing

@Suite("The ready drills of rapid-fire, several lights and colours, whole and stored")
struct NewDrillModesStationTests {
    /// Runs a shipped profile with a store; returns the run and the session as stored.
    func runStored(_ name: String, seed: UInt64 = 5, display: (EngineAction) -> Void = { _ in }) throws -> (WholeDrill.Run, StoredSession) {
        let store = try Store(path: scratchFolder() + "/results.db")
        let run = try WholeDrill.run(profilePath: packageRoot + "/Profiles/\(name).yaml", seed: seed, athletes: ["Ana"], store: store, display: display)
        return (run, try store.session(id: try #require(run.sessionID)))
    }

    @Test("batak-30 ends at 30 s exactly, never past it, and its score (hits) is stored with the session")
    func batakEndsOnTime() throws {
        var onsets: [MonotonicInstant] = []
        let (run, stored) = try runStored("batak-30") { action in
            if case .trialStarted(_, let start) = action, onsets.isEmpty { onsets.append(start) }
        }
        #expect(run.session.end == .complete)
        let start = try #require(onsets.first)
        let lastDecision = try #require(run.session.trials.flatMap(\.sides).map(\.decidedAt).max())
        #expect(lastDecision <= start + .seconds(30))
        #expect(stored.result.trials == run.session.trials)
        #expect(stored.result.score == .hits)
        let summary = SessionSummary(session: stored.result)
        let hits = run.session.trials.filter { $0.sides[0].outcome == .hit }.count
        #expect(summary.sides[0].score == Double(hits))
    }

    @Test("all-out-20 stops at the 20th hit")
    func allOutStopsAtTwentyHits() throws {
        let (run, stored) = try runStored("all-out-20")
        #expect(run.session.trials.filter { $0.sides[0].outcome == .hit }.count == 20)
        #expect(run.session.trials.last?.sides[0].outcome == .hit)
        #expect(stored.result.score == .timeToHits(count: 20))
    }

    @Test("hit-all-lit stores each pad's split and the trial's time is its last split")
    func splitsAreStored() throws {
        let (run, stored) = try runStored("hit-all-lit")
        #expect(stored.result.trials == run.session.trials)
        let hits = stored.result.trials.compactMap { $0.sides.first }.filter { $0.outcome == .hit }
        #expect(!hits.isEmpty)
        for hit in hits {
            #expect(hit.splits.count >= 2)
            #expect(hit.splits.last?.reactionTimeNanoseconds == hit.reactionTimeNanoseconds)
        }
        #expect(stored.result.trials.allSatisfy { $0.planned.expectsAllLit })
    }

    @Test("colour drills show each cue's colours on the station and keep them with the trial")
    func coloursShownAndStored() throws {
        var shown: [[String: String]] = []
        let (run, stored) = try runStored("distractor") { action in
            if case .presentCue(let request) = action { shown.append(request.lightColors) }
        }
        // A false start ends its trial before the cue: only trials with an onset showed one.
        let cued = stored.result.trials.filter { $0.onset != nil }
        #expect(shown.count == cued.count && shown.count > run.session.trials.count / 2)
        #expect(shown.allSatisfy { $0.values.contains("green") })
        #expect(cued.map(\.planned.lightColors) == shown)
        #expect(stored.result.trials == run.session.trials)
        let distractorPresses = stored.result.trials.filter { $0.sides[0].outcome == .distractor }
        for trial in distractorPresses {
            #expect(trial.planned.lightColors[trial.sides[0].respondedSwitch ?? ""] == "red")
        }
    }
}
