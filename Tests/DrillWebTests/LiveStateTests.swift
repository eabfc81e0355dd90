import DrillCore
import DrillWeb
import Testing

@Suite("Live picture")
struct LiveStateTests {
    static let drill = LiveState.Drill(
        profile: "choice-4", profileVersion: 1, title: "Choice", station: "sim", seed: 1,
        athletes: [.init(side: "athlete", athlete: "Ana")], sessionID: 7, plannedTrials: 2, lightColors: ["pad1": "red"])

    static func trial(_ index: Int) -> PlannedTrial {
        PlannedTrial(
            index: index, blockIndex: 0, blockName: "work", set: 1, trialInSet: index + 1, kind: .go, cueName: "left",
            lights: ["pad1"], sound: nil, expected: ["athlete": "pad1"], foreperiodMilliseconds: 1000)
    }

    /// The engine's word that trial `index` is decided (and stored) with `result`.
    static func decided(_ index: Int, _ result: SideResult) -> EngineAction {
        .trialDecided(TrialRecord(
            planned: trial(index), foreperiodStart: MonotonicInstant(nanoseconds: 0), scheduledOnset: MonotonicInstant(nanoseconds: 1),
            onset: MonotonicInstant(nanoseconds: 1), timing: TrialTiming(), sides: [result], winners: [], edges: []))
    }

    static func hit(_ milliseconds: Int64, trial: Int) -> EngineAction {
        decided(trial, SideResult(
            side: "athlete", expectedSwitch: "pad1", outcome: .hit, reactionTimeNanoseconds: milliseconds * 1_000_000,
            decidedAt: MonotonicInstant(nanoseconds: 0)))
    }

    @Test("a partner drill's picture says to watch the partner, then shows the partner's move as the cue")
    func partnerPhases() {
        var drill = Self.drill
        drill.partnerPads = ["partner-left", "partner-right"]
        var state = LiveState(starting: drill, sequence: 0)
        var waiting = Self.trial(0)
        waiting.cueName = nil
        state.apply(.trialStarted(waiting, foreperiodStart: MonotonicInstant(nanoseconds: 0)))
        #expect(state.phase == .waitingForPartner && state.cue == nil)
        var cued = Self.trial(0)
        cued.cueName = "partner-left"
        cued.lights = []
        state.apply(.partnerCue(cued, partnerSwitch: "partner-left", onset: MonotonicInstant(nanoseconds: 5)))
        #expect(state.phase == .cue && state.cue?.partnerSwitch == "partner-left" && state.cue?.lights == [])
        state.apply(Self.hit(300, trial: 0))
        #expect(state.last?.reactionTimeMilliseconds == 300)
    }

    @Test("a gate run's picture asks for the start gate; a planned run keeps its direction shown while it waits")
    func gatePhases() {
        var state = LiveState(starting: Self.drill, sequence: 0)
        state.apply(.waitingForStartGate(trialIndex: 0, gate: "start"))
        #expect(state.phase == .waitingForStart && state.currentTrial == 1)
        state.apply(.trialStarted(Self.trial(1), foreperiodStart: MonotonicInstant(nanoseconds: 0)))
        state.apply(.presentCue(CueRequest(trialIndex: 1, lights: ["pad1"], sound: nil, scheduledOnset: MonotonicInstant(nanoseconds: 1))))
        state.apply(.waitingForStartGate(trialIndex: 1, gate: "start"))
        #expect(state.phase == .waitingForStart && state.cue?.lights == ["pad1"])
    }

    @Test("a trial moves the picture from foreperiod to cue to the result, and the median follows the hits")
    func trialPhases() {
        var state = LiveState(starting: Self.drill, sequence: 0)
        state.apply(.blockStarted(index: 0, name: "work"))
        state.apply(.trialStarted(Self.trial(0), foreperiodStart: MonotonicInstant(nanoseconds: 0)))
        #expect(state.phase == .foreperiod && state.currentTrial == 1 && state.cue == nil)
        state.apply(.presentCue(CueRequest(trialIndex: 0, lights: ["pad1"], sound: nil, scheduledOnset: MonotonicInstant(nanoseconds: 1))))
        #expect(state.phase == .cue && state.cue?.name == "left" && state.cue?.lights == ["pad1"])
        state.apply(.lightsOff(["pad1"]))
        state.apply(Self.hit(250, trial: 0))
        #expect(state.last?.reactionTimeMilliseconds == 250 && state.sides[0].medianMilliseconds == 250)
        state.apply(.trialStarted(Self.trial(1), foreperiodStart: MonotonicInstant(nanoseconds: 0)))
        state.apply(Self.hit(300, trial: 1))
        #expect(state.sides[0].medianMilliseconds == 275 && state.sides[0].bestMilliseconds == 250 && state.sides[0].hits == 2)
        #expect(state.recent.map(\.reactionTimeMilliseconds) == [300, 250])
        state.apply(.finished(.stopped))
        #expect(state.status == .finished && state.phase == .done && state.end == "stopped by the user")
    }

    @Test("a side's result is shown once the whole trial is decided, not before")
    func resultWaitsForTheTrial() {
        var state = LiveState(starting: Self.drill, sequence: 0)
        let result = SideResult(side: "athlete", expectedSwitch: "pad1", outcome: .hit, reactionTimeNanoseconds: 250_000_000, decidedAt: MonotonicInstant(nanoseconds: 0))
        state.apply(.sideDecided(trialIndex: 0, result))
        #expect(state.last == nil && state.sides[0].judged == 0)
        state.apply(Self.decided(0, result))
        #expect(state.last?.reactionTimeMilliseconds == 250 && state.sides[0].judged == 1)
    }

    @Test("a miss counts as judged, not as a hit, and keeps the median")
    func missIsNotAHit() {
        var state = LiveState(starting: Self.drill, sequence: 0)
        state.apply(Self.hit(240, trial: 0))
        state.apply(Self.decided(1, SideResult(side: "athlete", expectedSwitch: "pad1", outcome: .miss, decidedAt: MonotonicInstant(nanoseconds: 0))))
        #expect(state.sides[0].judged == 2 && state.sides[0].hits == 1 && state.sides[0].medianMilliseconds == 240)
        #expect(state.last?.label == "miss")
    }

    @Test("the board sends a new watcher the current picture, then each change")
    func boardWatchers() async {
        let board = LiveBoard(heartbeat: .seconds(60))
        board.begin(Self.drill)
        let pictures = board.pictures()
        var iterator = pictures.makeAsyncIterator()
        let first = await iterator.next()
        #expect(first?.status == .running && first?.drill?.sessionID == 7)
        board.apply(Self.hit(222, trial: 0))
        let second = await iterator.next()
        #expect(second?.last?.reactionTimeMilliseconds == 222)
        #expect(board.watcherCount == 1)
    }
}

@Suite("Live picture of the new drill modes")
struct LiveNewModesTests {
    @Test("a drill that declares a score shows each side's score as it goes")
    func runningScore() {
        var drill = LiveStateTests.drill
        drill.score = .hits
        var state = LiveState(starting: drill, sequence: 0)
        state.apply(LiveStateTests.hit(250, trial: 0))
        state.apply(LiveStateTests.hit(300, trial: 1))
        #expect(state.sides[0].score == "2 hits")
    }

    @Test("a timed set shows its hits and the time left as of the last decision")
    func timeLeft() {
        var drill = LiveStateTests.drill
        drill.setLengths = [.duration(.seconds(30))]
        var state = LiveState(starting: drill, sequence: 0)
        state.apply(.setStarted(blockIndex: 0, set: 1))
        state.apply(.trialStarted(LiveStateTests.trial(0), foreperiodStart: MonotonicInstant(nanoseconds: 0)))
        state.apply(.trialDecided(TrialRecord(
            planned: LiveStateTests.trial(0), foreperiodStart: MonotonicInstant(nanoseconds: 0), scheduledOnset: MonotonicInstant(nanoseconds: 0),
            onset: MonotonicInstant(nanoseconds: 0), timing: TrialTiming(),
            sides: [SideResult(side: "athlete", expectedSwitch: "pad1", outcome: .hit, reactionTimeNanoseconds: 400_000_000,
                               decidedAt: MonotonicInstant(nanoseconds: 11_600_000_000))],
            winners: [], edges: [])))
        #expect(state.setCounter == "hits 1 · 19 s left")
    }

    @Test("with 'expect: all' a pad that goes off leaves the others on screen, in the cue's colours")
    func partialLightsOff() {
        var state = LiveState(starting: LiveStateTests.drill, sequence: 0)
        state.apply(.trialStarted(LiveStateTests.trial(0), foreperiodStart: MonotonicInstant(nanoseconds: 0)))
        state.apply(.presentCue(CueRequest(
            trialIndex: 0, lights: ["pad1", "pad3"], sound: nil, scheduledOnset: MonotonicInstant(nanoseconds: 1),
            lightColors: ["pad1": "green", "pad3": "red"])))
        #expect(state.cue?.colors == ["pad1": "green", "pad3": "red"])
        state.apply(.lightsOff(["pad3"]))
        #expect(state.phase == .cue && state.cue?.lights == ["pad1"])
        state.apply(.lightsOff(["pad1"]))
        #expect(state.phase == .responding && state.cue == nil)
    }
}
