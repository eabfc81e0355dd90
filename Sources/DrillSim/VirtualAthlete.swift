import DrillCore

/// A simulated athlete at one side of the station. It reads the drill the
/// way a person would (a trial begins, a light comes on, a sound plays) and
/// answers with switch edges drawn from its `AthleteModel` and its own seed.
///
/// It knows the planned foreperiod only to place its deliberate mistakes
/// (false starts, responses on catch trials) inside the right window.
final class VirtualAthlete {
    let side: String
    let model: AthleteModel
    private let profile: Profile
    private var generator: SeededGenerator
    private var trial: PlannedTrial?
    private var foreperiodStart: MonotonicInstant = .zero
    private var respondedThisTrial = false
    /// Home-release mode: whether the athlete is (or will be) on the home switch.
    private var onHome = false
    /// The pad pressed last: in rapid-fire drills the hand travels from there to the next.
    private var lastPad: String?
    /// Planned gate runs: the direction shown before the start.
    private var plannedTarget: String?

    init(side: String, sideIndex: Int, model: AthleteModel, seed: UInt64, profile: Profile) {
        self.side = side
        self.model = model
        self.profile = profile
        generator = SeededGenerator(seed: seed &+ UInt64(sideIndex) &* 0x9E37_79B9_7F4A_7C15)
    }

    private var home: String? {
        if case .homeRelease(let home, _) = profile.mode { return home }
        return nil
    }

    private var gateRun: GateRun? { profile.mode.gateRun }

    private var targets: [String] {
        let gates = Set(gateRun?.decisionGates.values.map { $0 } ?? [])
        return profile.switches(of: side).filter { $0 != home && !gates.contains($0) }
    }

    /// Home-release mode: the drill waits for the home switch.
    func waitingForHome(at now: MonotonicInstant) -> [SwitchEdge] {
        guard let home, !onHome else { return [] }
        onHome = true
        return [SwitchEdge(switchName: home, kind: .press, timestamp: now + .milliseconds(300))]
    }

    /// Gate runs: the drill waits for the start gate. The athlete walks back,
    /// sets, and runs through it (a body breaks the beam more than once: legs,
    /// then arms); in a planned run, on to the direction already shown.
    func waitingForStartGate(_ gate: String, at now: MonotonicInstant) -> [SwitchEdge] {
        let crossing = now + model.setUpTime + .milliseconds(Int64(generator.nextUnitInterval() * 500))
        var edges = [
            SwitchEdge(switchName: gate, kind: .press, timestamp: crossing),
            SwitchEdge(switchName: gate, kind: .release, timestamp: crossing + .milliseconds(30)),
            SwitchEdge(switchName: gate, kind: .press, timestamp: crossing + .milliseconds(70)),
            SwitchEdge(switchName: gate, kind: .release, timestamp: crossing + .milliseconds(120)),
        ]
        if let target = plannedTarget {
            plannedTarget = nil
            respondedThisTrial = true
            let stride = Duration.nanoseconds(Int64(generator.nextStandardNormal() * model.runSigma.seconds / 2 * 1e9))
            edges += respond(at: crossing + model.toDecisionGate + stride, target: target)
        }
        return edges
    }

    /// Partner drills: the partner's move at `onset` was the cue; `planned` is the trial it made.
    func partnerCue(_ planned: PlannedTrial, at onset: MonotonicInstant) -> [SwitchEdge] {
        trial = planned
        return cueOnset(at: onset)
    }

    /// A trial's foreperiod began: maybe jump the gun.
    func trialStarted(_ planned: PlannedTrial, at start: MonotonicInstant) -> [SwitchEdge] {
        trial = planned
        foreperiodStart = start
        respondedThisTrial = false
        if gateRun?.isPlanned == true { return [] }  // walking back to the start: nothing to jump
        let rules = profile.blocks[planned.blockIndex].rules
        if planned.kind == .catchTrial {
            guard generator.nextBernoulli(model.catchResponseRate) else { return [] }
            let delay = planned.foreperiod.seconds + generator.nextUnitInterval() * rules.timeout.seconds * 0.8
            respondedThisTrial = true
            return respond(at: start + .nanoseconds(Int64(delay * 1e9)), target: targets.first)
        }
        guard generator.nextBernoulli(model.falseStartRate) else { return [] }
        let fraction = 0.3 + 0.6 * generator.nextUnitInterval()
        respondedThisTrial = true
        // A partner drill's wait is the partner's: the athlete jumps within the first second.
        let window = profile.partner != nil ? .seconds(1) : planned.foreperiod
        let press = start + .nanoseconds(Int64(window.seconds * fraction * 1e9))
        return respond(at: press, target: planned.expected[side] ?? targets.first)
    }

    /// The cue appeared (a light, or a sound when `auditory`).
    func cueOnset(at onset: MonotonicInstant) -> [SwitchEdge] {
        guard let trial, !respondedThisTrial else { return [] }
        respondedThisTrial = true
        let auditory = trial.sound != nil
        switch trial.kind {
        case .catchTrial:
            return []
        case .noGo:
            guard generator.nextBernoulli(model.noGoCommissionRate) else { return [] }
            let reaction = model.reactionTime(choices: 1, auditory: auditory, using: &generator)
            return respond(at: onset + reaction, target: pick(from: targets))
        case .go where trial.expectsAllLit:
            return hitEveryLitPad(trial, onset: onset, auditory: auditory)
        case .go:
            guard let expected = trial.expected[side] else { return [] }
            if generator.nextBernoulli(model.missRate) { return [] }
            if generator.nextBernoulli(model.anticipationRate) {
                let early = Duration.milliseconds(5) + .nanoseconds(Int64(generator.nextUnitInterval() * 85e6))
                return respond(at: onset + early, target: expected)
            }
            var reaction = model.reactionTime(choices: choices(in: trial), auditory: auditory, using: &generator)
            var target = expected
            let others = blockTargets(of: trial).filter { $0 != expected }
            let distractors = profile.isHeadToHead ? [] : trial.lights.filter { $0 != expected && targets.contains($0) }
            if !distractors.isEmpty && generator.nextBernoulli(model.distractorRate) {
                target = pick(from: distractors) ?? expected
            } else if !others.isEmpty && generator.nextBernoulli(model.wrongTargetRate) {
                target = pick(from: others) ?? expected
            }
            if profile.blocks[trial.blockIndex].rules.rapidFire, let lastPad, lastPad != target {
                reaction += model.padToPadTime(using: &generator)  // the hand travels to the next pad
            }
            if gateRun?.isPlanned == true {
                plannedTarget = target  // the run starts at the start gate
                respondedThisTrial = false
                return []
            }
            if gateRun != nil { reaction += model.toDecisionGate }
            return respond(at: onset + reaction, target: target)
        }
    }

    /// `expect: all`: the lit pads one after another, nearest first as the
    /// cue lists them, a pad-to-pad movement between presses.
    private func hitEveryLitPad(_ trial: PlannedTrial, onset: MonotonicInstant, auditory: Bool) -> [SwitchEdge] {
        if generator.nextBernoulli(model.missRate) { return [] }
        var at = onset + model.reactionTime(choices: trial.lights.count, auditory: auditory, using: &generator)
        var edges: [SwitchEdge] = []
        for pad in trial.lights {
            edges += respond(at: at, target: pad)
            at = at + model.pressDuration + model.padToPadTime(using: &generator)
        }
        return edges
    }

    /// The edges of one response at `instant`: a press and release of the
    /// target, or in home-release mode a release of home, a movement, a
    /// target hit, and the way back home.
    private func respond(at instant: MonotonicInstant, target: String?) -> [SwitchEdge] {
        guard let target else { return [] }
        if let gateRun {
            // Through the decision gate on the way (if wired), then the target gate.
            let finish = instant + model.runTime(using: &generator)
            var edges: [SwitchEdge] = []
            if let decision = gateRun.decisionGates[target] {
                edges += [
                    SwitchEdge(switchName: decision, kind: .press, timestamp: instant),
                    SwitchEdge(switchName: decision, kind: .release, timestamp: instant + .milliseconds(40)),
                ]
            }
            return edges + [
                SwitchEdge(switchName: target, kind: .press, timestamp: finish),
                SwitchEdge(switchName: target, kind: .release, timestamp: finish + .milliseconds(40)),
            ]
        }
        if let home, onHome {
            let movement = model.movementTime(using: &generator)
            let hit = instant + movement
            return [
                SwitchEdge(switchName: home, kind: .release, timestamp: instant),
                SwitchEdge(switchName: target, kind: .press, timestamp: hit),
                SwitchEdge(switchName: target, kind: .release, timestamp: hit + model.pressDuration),
                SwitchEdge(switchName: home, kind: .press, timestamp: hit + model.returnHome),
            ]
        }
        lastPad = target
        return [
            SwitchEdge(switchName: target, kind: .press, timestamp: instant),
            SwitchEdge(switchName: target, kind: .release, timestamp: instant + model.pressDuration),
        ]
    }

    /// The targets this side chooses between in the trial's block, in first-use order.
    private func blockTargets(of trial: PlannedTrial) -> [String] {
        var seen = Set<String>()
        return profile.blocks[trial.blockIndex].cueNames
            .compactMap { profile.cue(named: $0)?.expected[side] }
            .filter { seen.insert($0).inserted }
    }

    /// How many targets this side chooses between (Hick's law).
    private func choices(in trial: PlannedTrial) -> Int { max(blockTargets(of: trial).count, 1) }

    private func pick(from names: [String]) -> String? {
        names.isEmpty ? nil : names[generator.nextIndex(below: names.count)]
    }
}
