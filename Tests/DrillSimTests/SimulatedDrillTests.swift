import DrillCore
import DrillStats
import Foundation
import Testing
@testable import DrillSim

let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Runs a whole shipped drill on the simulated station and a manual clock.
func simulate(
    _ profileName: String, seed: UInt64, models: [AthleteModel] = [AthleteModel()], athleteSeed: UInt64 = 77,
    stopAfterTrials: Int? = nil
) throws -> (session: SessionResult, station: SimulatedStation, clock: ManualClock) {
    let profile = try Profile.load(path: packageRoot + "/Profiles/\(profileName).yaml")
    let plan = try PlanGenerator(profile: profile).plan(seed: seed)
    let clock = ManualClock()
    let stop = StopSignal()
    let station = SimulatedStation(
        profile: profile, clock: clock, athleteModels: models, athleteSeed: athleteSeed, stop: stop)
    var session = SessionResult(
        profile: profile, seed: seed, station: "sim", athletes: [:], startedAt: "test", plannedTrials: plan.plannedTotal)
    let runner = DrillRunner(
        engine: DrillEngine(plan: plan, profile: profile), clock: clock, lights: station.lights, sound: station.sound,
        switches: station,
        observe: { action in
            station.observe(action)
            session.record(action)
            if let limit = stopAfterTrials, session.trials.count >= limit { stop.request() }
        })
    runner.run()
    return (session, station, clock)
}

@Suite("Whole drills on the simulated station, on a manual clock")
struct SimulatedDrillTests {
    @Test("a whole drill runs with no real sleeping and every trial is recorded")
    func wholeDrillWithoutSleeping() throws {
        let wallStart = Date()
        let (session, station, clock) = try simulate("quick-start", seed: 42)
        #expect(Date().timeIntervalSince(wallStart) < 5)  // 15 trials of 2.5–4.5 s each, simulated
        #expect(session.end == .complete)
        #expect(session.trials.count == 15)
        #expect(clock.now() - MonotonicInstant(nanoseconds: 1_000_000_000) > .seconds(30))
        #expect(station.lights.lit.isEmpty)
        #expect(session.trials.map(\.planned.index) == Array(0..<15))
    }

    @Test("an exact athlete's reaction times come back to the nanosecond")
    func exactReactionTimes() throws {
        let (session, _, _) = try simulate("quick-start", seed: 1, models: [.exact(reactionTime: .milliseconds(250))])
        #expect(session.trials.allSatisfy { $0.sides[0].outcome == .hit })
        #expect(session.trials.allSatisfy { $0.sides[0].reactionTimeNanoseconds == 250_000_000 })
        #expect(session.trials.allSatisfy { $0.timing.schedulerLatenessNanoseconds == 0 && $0.timing.flags.isEmpty })
    }

    @Test("the same seeds replay the same session exactly")
    func replay() throws {
        let first = try simulate("choice-4", seed: 9).session
        let second = try simulate("choice-4", seed: 9).session
        #expect(first == second)
        let other = try simulate("choice-4", seed: 9, athleteSeed: 78).session
        #expect(first.trials.map { $0.sides[0].reactionTimeNanoseconds } != other.trials.map { $0.sides[0].reactionTimeNanoseconds })
    }

    @Test("sound cues reach the virtual athlete and are timed from the sound onset")
    func auditoryDrill() throws {
        let (session, station, _) = try simulate("auditory-simple", seed: 4, models: [.exact(reactionTime: .milliseconds(180))])
        let cued = session.trials.filter { $0.planned.kind == .go }
        #expect(station.sound.played.count == cued.count)
        #expect(cued.allSatisfy { $0.onset == $0.timing.soundOnset && $0.sides[0].reactionTimeNanoseconds == 180_000_000 })
        #expect(session.trials.filter { $0.planned.kind == .catchTrial }.allSatisfy { $0.sides[0].outcome == .catchCorrect })
    }

    @Test("an exact athlete withholds every no-go cue")
    func goNoGo() throws {
        let (session, _, _) = try simulate("go-nogo", seed: 2, models: [.exact(reactionTime: .milliseconds(300))])
        let noGo = session.trials.filter { $0.planned.kind == .noGo }
        #expect(noGo.count == 12)
        #expect(noGo.allSatisfy { $0.sides[0].outcome == .noGoCorrect })
        #expect(SessionSummary(session: session).sides[0].accuracy == 1)
    }

    @Test("home release: reaction and movement times of an exact athlete")
    func agilityCircuit() throws {
        var model = AthleteModel.exact(reactionTime: .milliseconds(270))
        model.movementMean = .milliseconds(450)
        let (session, _, _) = try simulate("agility-circuit", seed: 3, models: [model])
        #expect(session.end == .complete)
        #expect(session.trials.count == 34)
        #expect(session.trials.allSatisfy {
            $0.sides[0].outcome == .hit && $0.sides[0].reactionTimeNanoseconds == 270_000_000
                && $0.sides[0].movementTimeNanoseconds == 450_000_000
        })
    }

    @Test("head-to-head: the faster athlete wins every trial")
    func headToHead() throws {
        let (session, _, _) = try simulate(
            "head-to-head", seed: 5, models: [.exact(reactionTime: .milliseconds(200)), .exact(reactionTime: .milliseconds(260))])
        #expect(session.trials.count == 20)
        #expect(session.trials.allSatisfy { $0.winners == ["left"] })
        #expect(SessionSummary(session: session).sides.map(\.wins) == [20, 0])
    }

    @Test("the PVT block ends when its 3 minutes are up")
    func pvtDuration() throws {
        let (session, _, _) = try simulate("pvt-b", seed: 6, models: [.exact(reactionTime: .milliseconds(250))])
        let first = try #require(session.trials.first?.foreperiodStart)
        let last = try #require(session.trials.last?.foreperiodStart)
        #expect(last - first < .seconds(180))
        #expect((15...40).contains(session.trials.count))
        #expect(session.end == .complete)
    }

    @Test("the default athlete makes the mistakes its model describes")
    func modelledMistakes() throws {
        var model = AthleteModel()
        model.falseStartRate = 0.1
        model.anticipationRate = 0.1
        let (session, _, _) = try simulate("choice-4", seed: 12, models: [model])
        let outcomes = session.trials.map { $0.sides[0].outcome }
        #expect(outcomes.contains(.falseStart))
        #expect(outcomes.contains(.anticipation))
        #expect(outcomes.filter { $0 == .hit }.count > 20)
    }

    @Test("a stop request ends the drill cleanly and keeps every trial done")
    func stopKeepsTrials() throws {
        let (session, station, _) = try simulate("quick-start", seed: 8, stopAfterTrials: 4)
        #expect(session.end == .stopped)
        #expect(session.trials.count == 4)
        #expect(station.lights.lit.isEmpty)
    }
}
