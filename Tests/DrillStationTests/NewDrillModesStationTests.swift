import DrillCore
import DrillSim
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

@Suite("Partner drills and gate runs, whole and stored")
struct CueSourceStationTests {
    func runStored(_ name: String, seed: UInt64 = 5, partner: String? = nil) throws -> (WholeDrill.Run, StoredSession) {
        let store = try Store(path: scratchFolder() + "/results.db")
        let run = try WholeDrill.run(profilePath: packageRoot + "/Profiles/\(name).yaml", seed: seed, athletes: ["Ana"], partner: partner, store: store)
        return (run, try store.session(id: try #require(run.sessionID)))
    }

    @Test("partner-mirror with the virtual partner and athlete: each cued trial's onset is the partner's edge, stored with the partner's name")
    func partnerMirrorWhole() throws {
        let (run, stored) = try runStored("partner-mirror", partner: "Sam")
        #expect(run.session.end == .complete)
        #expect(stored.result.trials == run.session.trials)
        #expect(stored.result.partner == "Sam")
        let cued = stored.result.trials.filter { $0.partnerSwitch != nil }
        #expect(cued.count >= stored.result.trials.count - 3)  // a false start comes before any partner move
        for trial in cued {
            let edge = try #require(trial.edges.first { $0.switchName == trial.partnerSwitch && $0.kind == .press })
            #expect(trial.onset == edge.timestamp && trial.trigger == edge.timestamp)
            if trial.planned.kind == .go {
                let target = try #require(trial.planned.expected["athlete"])
                #expect(target == (trial.partnerSwitch == "partner-left" ? "right" : "left"))  // mirrored
            }
        }
        #expect(cued.contains { $0.planned.kind == .noGo })  // the partner feints sometimes
        let pace = try #require(SessionSummary(session: stored.result).partner)
        #expect(pace.cues == cued.count)
        #expect((pace.meanIntervalMilliseconds ?? 0) > 1_000)
    }

    @Test("a partner who stops moving ends the drill cleanly at the profile's wait: every trial done is stored, the reason said")
    func idlePartnerWhole() throws {
        let profile = try Profile.load(path: packageRoot + "/Profiles/partner-mirror.yaml")
        var partner = PartnerModel()
        partner.stopsAfter = 3
        let session = try SimulatedSessions.run(profile, seed: 2, athletes: ["athlete": "Ana"], partner: partner)
        #expect(session.end == .partnerIdle(after: .seconds(60)))
        #expect(session.trials.count >= 3 && session.trials.count <= 4)  // a false start may add one
        let store = try Store(path: scratchFolder() + "/results.db")
        try store.addAthlete(Athlete(name: "Ana"))
        let id = try SimulatedSessions.keep(session, profile: profile, in: store)
        let stored = try store.session(id: id)
        #expect(stored.result.trials == session.trials)
        #expect(stored.endReason == "the partner did not move for 1min")
    }

    @Test("partner-start: the athlete's release of the mat is timed from the partner's release")
    func partnerStartWhole() throws {
        let (run, _) = try runStored("partner-start")
        let hits = run.session.trials.filter { $0.sides[0].outcome == .hit }
        #expect(hits.count >= 10)
        for trial in hits {
            let letGo = try #require(trial.edges.first { $0.switchName == "partner-right" && $0.kind == .release })
            let mat = try #require(trial.edges.first { $0.switchName == "home" && $0.kind == .release })
            #expect(trial.onset == letGo.timestamp)
            #expect(trial.sides[0].reactionTimeNanoseconds == (mat.timestamp - letGo.timestamp).nanoseconds)
        }
    }

    @Test("reactive-y: each run's total is finish − start gate, the cue follows the start gate by the drawn delay, and the score is the mean of each side's best")
    func reactiveYWhole() throws {
        let (run, stored) = try runStored("reactive-y")
        #expect(stored.result.trials == run.session.trials)
        #expect(stored.result.score == .bestEachWay)
        var best: [String: Int64] = [:]
        for trial in run.session.trials where trial.onset != nil {
            let trigger = try #require(trial.trigger)
            let delay = (try #require(trial.onset) - trigger).nanoseconds
            #expect(delay == Int64(trial.planned.foreperiodMilliseconds) * 1_000_000)
            let side = trial.sides[0]
            guard side.outcome == .hit else { continue }
            let finish = try #require(side.targetHit)
            #expect(side.totalTimeNanoseconds == (finish - trigger).nanoseconds)
            let target = try #require(side.expectedSwitch)
            best[target] = min(best[target] ?? .max, side.totalTimeNanoseconds!)
        }
        #expect(best.count == 2)
        let summary = SessionSummary(session: stored.result)
        let expected = Double(best.values.reduce(0, +)) / 2 / 1e6
        #expect(abs((summary.sides[0].score ?? 0) - expected) < 1e-6)
    }

    @Test("reactive-y's test sets split 3/2, and the seed draws which side gets the third run")
    func oddSplitIsDrawn() throws {
        let profile = try Profile.load(path: packageRoot + "/Profiles/reactive-y.yaml")
        var thirdRunSides = Set<String>()
        for seed in UInt64(1)...30 {
            let plan = try PlanGenerator(profile: profile).plan(seed: seed)
            for set in plan.sets where set.blockIndex == 1 {
                let counts = Dictionary(grouping: set.trials, by: { $0.cueName ?? "" }).mapValues(\.count)
                #expect(counts.values.sorted() == [2, 3])
                thirdRunSides.insert(counts.first { $0.value == 3 }!.key)
            }
        }
        #expect(thirdRunSides == ["left", "right"])
    }
}
