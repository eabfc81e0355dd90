/// The drill as a state machine: it does no I/O and reads no clock.
///
/// The runner feeds it the time (`advance(to:)`), switch edges with their
/// kernel timestamps (`handle(_:)`) and what happened when a cue was shown
/// (`cuePresented(_:)`), and performs the actions it returns. Timer-driven
/// steps happen at their deadlines, not at the moment the runner woke, so
/// the drill's schedule does not drift when the runner is late.
///
/// Sets end after their trials, exactly at their time limit (a trial still
/// open then is recorded as cut off; one whose cue has not come is dropped),
/// or at their Nth hit. In a rapid-fire block the next trial begins the
/// moment the athlete has released every pad, its foreperiod being the gap.
///
/// A cue may also be set off by a person: in a partner drill the partner's
/// switch edge is the onset (and chooses the cue); in a gate run the
/// athlete's crossing of the start gate starts the foreperiod (or, planned,
/// starts the clock on a direction shown before).
public struct DrillEngine: Sendable {
    public let plan: DrillPlan
    public let profile: Profile

    fileprivate enum Phase: Equatable {
        case notStarted
        case resting(until: MonotonicInstant)
        /// Waiting for the athlete's own trigger: the home switch held, or the start gate crossed.
        case waitingForTrigger
        /// Partner drills: waiting for the partner's move; the drill ends at `until` without one.
        case awaitingPartner(until: MonotonicInstant)
        case foreperiod
        case presenting
        case responding
        case intertrial(until: MonotonicInstant)
        /// Rapid-fire: decided; the next trial begins when every pad is released, or at
        /// `until` even if one is still held (a stuck pad must not stop the drill).
        case awaitingRelease(until: MonotonicInstant)
        case finished
    }

    /// The set in progress.
    private struct OpenSet: Sendable {
        var startedAt: MonotonicInstant
        /// When its time is up (time-limited and hit-count sets).
        var deadline: MonotonicInstant?
        /// Trials begun so far.
        var begun = 0
        /// Hits so far (every side).
        var hits = 0
        /// Draws the trials of a set that ends by time or hits.
        var draw: OpenSetDraw?
    }

    private struct ActiveTrial: Sendable {
        var planned: PlannedTrial
        var foreperiodStart: MonotonicInstant
        var scheduledOnset: MonotonicInstant
        var onset: MonotonicInstant?
        var timing = TrialTiming()
        var matchers: [ResponseMatcher]
        var edges: [SwitchEdge] = []
        var litLights: [String] = []
        var lightsOffAt: MonotonicInstant?
        var announced: Set<String> = []
        /// The partner's cue edge, or the athlete's start-gate crossing.
        var trigger: MonotonicInstant?
        /// Partner drills: the partner's switch that gave the cue.
        var partnerSwitch: String?
    }

    private var phase: Phase = .notStarted
    /// The set in progress or next: an index into `plan.sets`.
    private var setCursor = 0
    private var currentSet: OpenSet?
    /// The number the next trial gets in the whole drill.
    private var nextTrialIndex = 0
    private var active: ActiveTrial?
    private var held: Set<String> = []
    private var lastBlockAndSet: (block: Int, set: Int)?
    private var restedBeforeSet: Int?
    private var pendingEdges: [SwitchEdge] = []
    /// The switches a rapid-fire trial waits to see released.
    private let pads: Set<String>
    /// How long a rapid-fire trial waits for the pads to be released.
    public static let releaseWait = Duration.seconds(3)

    /// Trials completed so far.
    public private(set) var completedTrials = 0

    public init(plan: DrillPlan, profile: Profile) {
        self.plan = plan
        self.profile = profile
        pads = Set(profile.responsePads)
    }

    /// Whether the drill is over.
    public var isFinished: Bool { phase == .finished }

    /// Switches currently held down, as the engine has seen them.
    public var heldSwitches: Set<String> { held }

    /// The next instant at which the engine must be advanced, or nil when it
    /// only waits for a switch (home switch) or is finished.
    public var nextDeadline: MonotonicInstant? {
        let setEnd = phase == .presenting ? nil : currentSet?.deadline
        return [trialDeadline, setEnd].compactMap { $0 }.min()
    }

    /// The trial's own next deadline (onset, timeout, lights off, end of the pause).
    private var trialDeadline: MonotonicInstant? {
        switch phase {
        case .notStarted, .presenting, .finished: return nil
        case .waitingForTrigger: return active?.lightsOffAt  // a planned run's fixed-duration light goes off on time
        case .resting(let until), .awaitingPartner(let until): return until
        case .foreperiod: return active?.scheduledOnset
        case .responding:
            guard let active else { return nil }
            let onset = responseOrigin(of: active)
            let sideDeadlines = active.matchers.compactMap { $0.deadline(onset: onset) }
            return ([active.lightsOffAt].compactMap { $0 } + sideDeadlines).min()
        case .intertrial(let until):
            // A fixed-duration cue still lit must go off before the trial completes.
            return active?.lightsOffAt ?? until
        case .awaitingRelease(let until):
            return [active?.lightsOffAt, until].compactMap { $0 }.min()
        }
    }

    /// The cue due at `nextDeadline`, when that deadline is a cue onset. The
    /// runner shows it the moment the deadline comes and lets the engine
    /// catch up afterwards, so no bookkeeping delays the onset.
    public var upcomingCue: CueRequest? {
        guard phase == .foreperiod, let trial = active, trial.planned.kind != .catchTrial else { return nil }
        // A cue due at or after its set's end is never shown: nothing may be handed ahead for it.
        if let end = currentSet?.deadline, end <= trial.scheduledOnset { return nil }
        return Self.cueRequest(for: trial)
    }

    /// What `trial` shows at its onset.
    private static func cueRequest(for trial: ActiveTrial) -> CueRequest {
        CueRequest(
            trialIndex: trial.planned.index, lights: trial.planned.lights, sound: trial.planned.sound,
            scheduledOnset: trial.scheduledOnset, lightColors: trial.planned.lightColors)
    }

    /// The instant responses are timed from: the cue's onset (its scheduled one for a catch
    /// trial), or in a planned gate run, where the direction was shown before, the start-gate crossing.
    private func responseOrigin(of trial: ActiveTrial) -> MonotonicInstant {
        if profile.mode.gateRun?.isPlanned == true, let trigger = trial.trigger { return trigger }
        return trial.onset ?? trial.scheduledOnset
    }

    /// Whether the trial's cue was shown before the athlete's start (a planned gate run) and waits for it.
    private var isPlannedRun: Bool { profile.mode.gateRun?.isPlanned == true }

    /// Starts the drill at `now`, with the switches already held.
    public mutating func start(at now: MonotonicInstant, heldSwitches: Set<String> = []) -> [EngineAction] {
        guard phase == .notStarted else { return [] }
        held = heldSwitches
        var actions: [EngineAction] = []
        proceed(at: now, into: &actions)
        return actions
    }

    /// Runs every step whose deadline is at or before `now`, each at its own deadline.
    public mutating func advance(to now: MonotonicInstant) -> [EngineAction] {
        var actions: [EngineAction] = []
        while let deadline = nextDeadline, deadline <= now {
            step(at: deadline, into: &actions)
        }
        return actions
    }

    /// A switch edge (with its kernel timestamp).
    public mutating func handle(_ edge: SwitchEdge) -> [EngineAction] {
        var actions: [EngineAction] = []
        // Steps due before the edge happened come first.
        while let deadline = nextDeadline, deadline <= edge.timestamp, phase != .presenting {
            step(at: deadline, into: &actions)
        }
        if phase == .presenting {
            pendingEdges.append(edge)
            return actions
        }
        apply(edge, into: &actions)
        return actions
    }

    /// What happened when the requested cue was shown.
    public mutating func cuePresented(_ report: CueOnsetReport) -> [EngineAction] {
        guard phase == .presenting, var trial = active else { return [] }
        var timing = trial.timing
        let onset: MonotonicInstant
        if let partnerEdge = trial.trigger, trial.partnerSwitch != nil {
            // The partner's move is the cue; the light only echoes it.
            onset = partnerEdge
            timing.lightSetNanoseconds = report.lightSet?.length.nanoseconds
            timing.schedulerLatenessNanoseconds = report.lightSet.map { ($0.start - partnerEdge).nanoseconds }
        } else if let lightSet = report.lightSet {
            onset = lightSet.midpoint
            timing.lightSetNanoseconds = lightSet.length.nanoseconds
            timing.onsetUncertaintyNanoseconds = lightSet.halfWidthNanoseconds
            timing.schedulerLatenessNanoseconds = (lightSet.start - trial.scheduledOnset).nanoseconds
            if timing.lightSetNanoseconds! > 1_000_000 { timing.flags.append(.slowLightSet) }
        } else if let soundOnset = report.soundOnset {
            onset = soundOnset
            timing.onsetUncertaintyNanoseconds = report.soundUncertainty?.nanoseconds
            timing.schedulerLatenessNanoseconds = (soundOnset - trial.scheduledOnset).nanoseconds
        } else {
            onset = trial.scheduledOnset
        }
        timing.soundOnset = report.soundOnset
        timing.soundOnsetUncertaintyNanoseconds = report.soundUncertainty?.nanoseconds
        if trial.partnerSwitch == nil, let lateness = timing.schedulerLatenessNanoseconds, lateness > 1_000_000 {
            timing.flags.append(.lateOnset)
        }
        timing.flags += report.flags
        trial.timing = timing
        trial.onset = onset
        let rules = plan.rules(for: trial.planned)
        if case .fixed(let duration) = rules.cueDuration, !trial.litLights.isEmpty {
            trial.lightsOffAt = onset + duration
        }
        var actions: [EngineAction] = []
        if isPlannedRun && trial.trigger == nil {
            // Planned: the direction is shown; the run (and its clock) starts at the start gate.
            active = trial
            phase = .waitingForTrigger
            actions.append(.waitingForStartGate(trialIndex: trial.planned.index, gate: profile.mode.trigger ?? ""))
            applyPendingEdges(into: &actions)
            return actions
        }
        for index in trial.matchers.indices {
            trial.matchers[index].onsetReached(onset, held: held)
        }
        active = trial
        phase = .responding
        announceDecisions(into: &actions)
        applyPendingEdges(into: &actions)
        settleIfDecided(at: onset, into: &actions)
        return actions
    }

    /// The edges that came while the cue was being shown, now that its onset is known.
    private mutating func applyPendingEdges(into actions: inout [EngineAction]) {
        let waiting = pendingEdges
        pendingEdges = []
        for edge in waiting { apply(edge, into: &actions) }
    }

    /// Ends the drill early at `now`. A trial whose outcome is settled is
    /// completed and kept; one still waiting for a response is dropped.
    public mutating func stop(at now: MonotonicInstant, because end: DrillEnd = .stopped) -> [EngineAction] {
        guard phase != .finished else { return [] }
        var actions: [EngineAction] = []
        if let trial = active, !trial.litLights.isEmpty { actions.append(.lightsOff(trial.litLights)) }
        if phase.isSettled, let trial = active { actions.append(.trialCompleted(record(of: trial))) }
        active = nil
        currentSet = nil
        phase = .finished
        actions.append(.finished(end))
        return actions
    }

    /// Marks the trial in progress (if any) with an input or output problem.
    public mutating func flagCurrentTrial(_ flag: TimingFlag) {
        guard active != nil, !active!.timing.flags.contains(flag) else { return }
        active!.timing.flags.append(flag)
    }

    // MARK: - Steps

    private mutating func step(at instant: MonotonicInstant, into actions: inout [EngineAction]) {
        if let end = currentSet?.deadline, end <= instant, phase != .presenting, !phase.isResting {
            return endSetAtDeadline(end, into: &actions)
        }
        switch phase {
        case .resting:
            proceed(at: instant, into: &actions)
        case .awaitingPartner:
            // The partner never moved: the drill ends here, every trial done kept.
            active = nil
            currentSet = nil
            phase = .finished
            actions.append(.finished(.partnerIdle(after: profile.partner?.wait ?? .zero)))
        case .foreperiod:
            onsetDue(at: instant, into: &actions)
        case .responding:
            guard var trial = active else { return }
            if let off = trial.lightsOffAt, off <= instant {
                switchLightsOff(&trial, into: &actions)
            }
            let onset = responseOrigin(of: trial)
            for index in trial.matchers.indices {
                if let deadline = trial.matchers[index].deadline(onset: onset), deadline <= instant {
                    trial.matchers[index].expire(at: deadline, onset: onset)
                }
            }
            active = trial
            announceDecisions(into: &actions)
            settleIfDecided(at: instant, into: &actions)
        case .intertrial(let until):
            guard var trial = active else { return }
            if let off = trial.lightsOffAt, off <= instant {
                switchLightsOff(&trial, into: &actions)
                active = trial
            }
            if until <= instant && trial.lightsOffAt == nil {
                complete(at: instant, into: &actions)
            }
        case .awaitingRelease(let until):
            guard var trial = active else { return }
            if let off = trial.lightsOffAt, off <= instant {
                switchLightsOff(&trial, into: &actions)
                active = trial
            }
            // Every pad up once the lights are off, or a pad held this long is stuck: go on.
            if until <= instant || (trial.lightsOffAt == nil && held.isDisjoint(with: pads)) {
                complete(at: instant, into: &actions)
            }
        case .waitingForTrigger:
            guard var trial = active, let off = trial.lightsOffAt, off <= instant else { return }
            switchLightsOff(&trial, into: &actions)
            active = trial
        case .notStarted, .presenting, .finished:
            break
        }
    }

    /// The trial is over: its record goes out and the next one begins at `instant`.
    private mutating func complete(at instant: MonotonicInstant, into actions: inout [EngineAction]) {
        guard var trial = active else { return }
        switchLightsOff(&trial, into: &actions)
        actions.append(.trialCompleted(record(of: trial)))
        completedTrials += 1
        active = nil
        proceed(at: instant, into: &actions)
    }

    /// A set's time is up at `end`: a trial whose cue is on is cut off (its
    /// undecided sides recorded as such), one still waiting for its cue is
    /// dropped, a decided one is completed; then the next set.
    /// A trial whose cue never came is kept only if a side was already decided (a false start);
    /// otherwise it is not a trial (its number stays unused).
    private mutating func endSetAtDeadline(_ end: MonotonicInstant, into actions: inout [EngineAction]) {
        let settled = phase.isSettled
        if var trial = active, settled || phase == .responding || trial.matchers.contains(where: \.isDecided) {
            for index in trial.matchers.indices { trial.matchers[index].cutOff(at: end) }  // decided sides keep theirs
            switchLightsOff(&trial, into: &actions)
            if !settled { actions.append(.trialDecided(record(of: trial))) }
            actions.append(.trialCompleted(record(of: trial)))
            completedTrials += 1
        } else if var trial = active {
            switchLightsOff(&trial, into: &actions)  // a planned run's direction, shown before its start
        }
        active = nil
        finishSet()
        proceed(at: end, into: &actions)
    }

    private mutating func finishSet() {
        currentSet = nil
        setCursor += 1
    }

    /// Moves to the next trial, with rests, block and set starts, and
    /// time-limited sets cut off when their time is up.
    private mutating func proceed(at now: MonotonicInstant, into actions: inout [EngineAction]) {
        while setCursor < plan.sets.count {
            let planned = plan.sets[setCursor]
            let block = plan.blocks[planned.blockIndex]
            if currentSet == nil {
                if let last = lastBlockAndSet, restedBeforeSet != setCursor {
                    let rest = last.block != planned.blockIndex ? plan.blocks[last.block].restAfter : block.restBetweenSets
                    if rest > .zero {
                        restedBeforeSet = setCursor
                        phase = .resting(until: now + rest)
                        actions.append(.restStarted(until: now + rest))
                        return
                    }
                }
                if lastBlockAndSet?.block != planned.blockIndex {
                    actions.append(.blockStarted(index: planned.blockIndex, name: block.name))
                }
                actions.append(.setStarted(blockIndex: planned.blockIndex, set: planned.set))
                lastBlockAndSet = (planned.blockIndex, planned.set)
                currentSet = OpenSet(
                    startedAt: now, deadline: block.length.timeLimit.map { now + $0 },
                    draw: block.length.isOpenEnded
                        ? OpenSetDraw(profile: profile, seed: plan.seed, blockIndex: planned.blockIndex, set: planned.set) : nil)
            }
            guard var set = currentSet, !isOver(set, planned, block, at: now) else {
                finishSet()
                continue
            }
            var trial = set.draw?.next(index: nextTrialIndex) ?? planned.trials[set.begun]
            trial.index = nextTrialIndex
            nextTrialIndex += 1
            set.begun += 1
            currentSet = set
            begin(trial, at: now, into: &actions)
            return
        }
        phase = .finished
        actions.append(.finished(.complete))
    }

    /// Whether `set` has run its course at `now`.
    private func isOver(_ set: OpenSet, _ planned: PlannedSet, _ block: Block, at now: MonotonicInstant) -> Bool {
        if let deadline = set.deadline, now >= deadline { return true }
        switch block.length {
        case .trials: return set.begun >= planned.trials.count
        case .duration: return false
        case .hits(let count, _): return set.hits >= count
        }
    }

    private mutating func begin(_ planned: PlannedTrial, at now: MonotonicInstant, into actions: inout [EngineAction]) {
        active = ActiveTrial(
            planned: planned, foreperiodStart: now, scheduledOnset: now + planned.foreperiod, matchers: matchers(for: planned))
        if let home = profile.mode.home, !held.contains(home) {
            phase = .waitingForTrigger
            actions.append(.waitingForHome(trialIndex: planned.index, home: home))
            return
        }
        if let run = profile.mode.gateRun, !run.isPlanned {
            phase = .waitingForTrigger
            actions.append(.waitingForStartGate(trialIndex: planned.index, gate: run.startGate))
            return
        }
        waitForCue(from: now, into: &actions)
    }

    /// The trial's wait for its cue begins at `start`: the foreperiod, or in a partner drill the
    /// partner's move (the drill ends if none comes within `partner.wait`).
    private mutating func waitForCue(from start: MonotonicInstant, into actions: inout [EngineAction]) {
        guard let trial = active else { return }
        if let partner = profile.partner {
            phase = .awaitingPartner(until: start + partner.wait)
        } else {
            phase = .foreperiod
        }
        actions.append(.trialStarted(trial.planned, foreperiodStart: start))
    }

    /// The athlete set the trial off at `instant`: held the home switch, or crossed the start
    /// gate (reactive: the foreperiod starts; planned: the clock starts on the cue shown).
    private mutating func athleteTriggered(at instant: MonotonicInstant, into actions: inout [EngineAction]) {
        guard var trial = active else { return }
        if isPlannedRun {
            trial.trigger = instant
            return respond(trial, from: instant, into: &actions)
        }
        if profile.mode.gateRun != nil { trial.trigger = instant }
        trial.foreperiodStart = instant
        trial.scheduledOnset = instant + trial.planned.foreperiod
        active = trial
        waitForCue(from: instant, into: &actions)
    }

    /// The partner's `edge` is the cue: it chooses the trial's cue (by the partner's switch)
    /// and is its onset. The athlete's target lights now if the drill says so.
    private mutating func partnerMoved(_ edge: SwitchEdge, into actions: inout [EngineAction]) {
        guard var trial = active, let cue = profile.cue(named: edge.switchName) else { return }
        trial.planned.cueName = cue.name
        trial.planned.kind = cue.isNoGo ? .noGo : .go
        trial.planned.expected = cue.expected
        trial.planned.lights = cue.lights
        // The partner's wait stands where a planned trial's foreperiod would.
        trial.planned.foreperiodMilliseconds = Int((edge.timestamp - trial.foreperiodStart).nanoseconds / 1_000_000)
        trial.scheduledOnset = edge.timestamp
        trial.trigger = edge.timestamp
        trial.partnerSwitch = edge.switchName
        trial.matchers = matchers(for: trial.planned)
        actions.append(.partnerCue(trial.planned, partnerSwitch: edge.switchName, onset: edge.timestamp))
        if !cue.lights.isEmpty {
            trial.litLights = cue.lights
            active = trial
            phase = .presenting
            actions.append(.presentCue(Self.cueRequest(for: trial)))
            return
        }
        trial.onset = edge.timestamp
        respond(trial, from: edge.timestamp, into: &actions)
    }

    /// `trial`'s response window opens at `origin` (no cue to present first): a switch held then
    /// is stuck, and a side already decided settles the trial.
    private mutating func respond(_ trial: ActiveTrial, from origin: MonotonicInstant, into actions: inout [EngineAction]) {
        var trial = trial
        for index in trial.matchers.indices { trial.matchers[index].onsetReached(origin, held: held) }
        active = trial
        phase = .responding
        announceDecisions(into: &actions)
        settleIfDecided(at: origin, into: &actions)
    }

    /// One matcher per side for `planned`.
    private func matchers(for planned: PlannedTrial) -> [ResponseMatcher] {
        let rules = plan.rules(for: planned)
        return profile.sides.map { side in
            ResponseMatcher(side: side, trial: planned, rules: rules, mode: profile.mode, switches: profile.switches(of: side))
        }
    }

    private mutating func onsetDue(at instant: MonotonicInstant, into actions: inout [EngineAction]) {
        guard var trial = active else { return }
        if trial.planned.kind == .catchTrial {
            // Nothing is shown; the response window still runs from the planned onset.
            phase = .responding
            settleIfDecided(at: instant, into: &actions)
            return
        }
        trial.litLights = trial.planned.lights
        active = trial
        phase = .presenting
        actions.append(.presentCue(Self.cueRequest(for: trial)))
    }

    private mutating func apply(_ edge: SwitchEdge, into actions: inout [EngineAction]) {
        switch edge.kind {
        case .press: held.insert(edge.switchName)
        case .release: held.remove(edge.switchName)
        }
        guard var trial = active else { return }
        trial.edges.append(edge)
        switch phase {
        // A trigger or a partner's move from before the trial began (delivered late, or before the drill
        // started) does not start it.
        case .waitingForTrigger:
            active = trial
            guard edge.switchName == profile.mode.trigger, edge.kind == .press else { return }
            if profile.mode.home != nil {
                // The home switch counts by being held: a press read just after the trial began (its pause
                // ended on the timer first) starts it from the trial's beginning.
                return athleteTriggered(at: max(edge.timestamp, trial.foreperiodStart), into: &actions)
            }
            // A planned run's clock starts at a crossing after its direction showed; a reactive run's after it began.
            if edge.timestamp >= (isPlannedRun ? trial.onset ?? trial.foreperiodStart : trial.foreperiodStart) {
                athleteTriggered(at: edge.timestamp, into: &actions)
            }
            return
        case .awaitingPartner where profile.partner?.isCue(edge) == true && edge.timestamp >= trial.foreperiodStart:
            active = trial
            partnerMoved(edge, into: &actions)
        case .foreperiod where isPlannedRun:
            active = trial  // a planned run's athlete walks back to the start before its direction shows
        case .foreperiod, .awaitingPartner:
            // A press from before the trial began (delivered late, or before the drill started) is not its false start.
            guard edge.timestamp >= trial.foreperiodStart else {
                active = trial
                return
            }
            for index in trial.matchers.indices { trial.matchers[index].foreperiodEdge(edge) }
            active = trial
            announceDecisions(into: &actions)
            if active!.matchers.allSatisfy(\.isDecided) {
                settleIfDecided(at: edge.timestamp, into: &actions)
            }
        case .responding:
            let onset = responseOrigin(of: trial)
            for index in trial.matchers.indices { trial.matchers[index].responseEdge(edge, onset: onset) }
            switchOffPadsHit(&trial, into: &actions)
            active = trial
            announceDecisions(into: &actions)
            settleIfDecided(at: edge.timestamp, into: &actions)
        case .awaitingRelease:
            active = trial
            // A fixed-duration cue still lit finishes first (the lights-off step completes the trial).
            if held.isDisjoint(with: pads), trial.lightsOffAt == nil { complete(at: edge.timestamp, into: &actions) }
        default:
            active = trial
        }
    }

    /// `expect: all`: each pad goes off the moment it is hit (the others stay lit).
    private func switchOffPadsHit(_ trial: inout ActiveTrial, into actions: inout [EngineAction]) {
        guard trial.planned.expectsAllLit else { return }
        let hit = Set(trial.matchers.flatMap { $0.splits.map(\.pad) })
        let off = trial.litLights.filter { hit.contains($0) }
        guard !off.isEmpty else { return }
        actions.append(.lightsOff(off))
        trial.litLights.removeAll { hit.contains($0) }
    }

    /// Emits `sideDecided` once for each side that has just been decided.
    private mutating func announceDecisions(into actions: inout [EngineAction]) {
        guard var trial = active else { return }
        for matcher in trial.matchers {
            if let result = matcher.result, !trial.announced.contains(matcher.side) {
                trial.announced.insert(matcher.side)
                actions.append(.sideDecided(trialIndex: trial.planned.index, result))
            }
        }
        active = trial
    }

    /// When every side is decided: lights off (for cues that last until the
    /// response) and on to the inter-trial pause.
    private mutating func settleIfDecided(at instant: MonotonicInstant, into actions: inout [EngineAction]) {
        guard var trial = active, trial.matchers.allSatisfy(\.isDecided) else { return }
        if trial.lightsOffAt == nil || plan.rules(for: trial.planned).cueDuration == .untilResponse {
            switchLightsOff(&trial, into: &actions)
        }
        active = trial
        let decidedAt = max(trial.matchers.compactMap { $0.result?.decidedAt }.max() ?? instant, instant)
        let rules = plan.rules(for: trial.planned)
        currentSet?.hits += trial.matchers.filter { $0.result?.outcome == .hit }.count
        actions.append(.trialDecided(record(of: trial)))
        let block = plan.blocks[trial.planned.blockIndex]
        if case .hits(let count, _) = block.length, let hits = currentSet?.hits, hits >= count {
            phase = .intertrial(until: decidedAt)  // the Nth hit ends the set at once
        } else if rules.rapidFire {
            phase = .awaitingRelease(until: decidedAt + Self.releaseWait)
            if held.isDisjoint(with: pads), active?.lightsOffAt == nil {
                complete(at: decidedAt, into: &actions)
            }
        } else {
            phase = .intertrial(until: decidedAt + rules.intertrial)
        }
    }

    private func switchLightsOff(_ trial: inout ActiveTrial, into actions: inout [EngineAction]) {
        if !trial.litLights.isEmpty { actions.append(.lightsOff(trial.litLights)) }
        trial.litLights = []
        trial.lightsOffAt = nil
    }

    private func record(of trial: ActiveTrial) -> TrialRecord {
        // (A trial's number is given when it begins; open-ended sets number theirs as they run.)
        var sides = trial.matchers.compactMap(\.result)
        var winners: [String] = []
        if profile.isHeadToHead {
            let hits = sides.filter { $0.outcome == .hit }
            if let best = hits.compactMap(\.reactionTimeNanoseconds).min() {
                winners = hits.filter { $0.reactionTimeNanoseconds == best }.map(\.side)
            }
        }
        if let run = profile.mode.gateRun, let trigger = trial.trigger {
            // A run's total ends at a finish gate: the target reached, or the wrong one; a wrong decision
            // gate ends the trial without a run.
            let decisionGates = Set(run.decisionGates.values)
            for index in sides.indices where sides[index].outcome == .hit || sides[index].outcome == .wrongTarget {
                let side = sides[index]
                let finish = side.targetHit ?? (decisionGates.contains(side.respondedSwitch ?? "") ? nil : side.response)
                if let finish { sides[index].totalTimeNanoseconds = (finish - trigger).nanoseconds }
            }
        }
        return TrialRecord(
            planned: trial.planned, foreperiodStart: trial.foreperiodStart, scheduledOnset: trial.scheduledOnset,
            onset: trial.onset, timing: trial.timing, sides: sides, winners: winners, edges: trial.edges,
            trigger: trial.trigger, partnerSwitch: trial.partnerSwitch)
    }
}

extension DrillEngine.Phase {
    /// Decided and in its pause (or, rapid-fire, waiting for the pads): complete but for its record.
    var isSettled: Bool {
        switch self {
        case .intertrial, .awaitingRelease: true
        default: false
        }
    }
    var isResting: Bool { if case .resting = self { true } else { false } }
}
