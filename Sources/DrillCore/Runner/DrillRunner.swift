/// Drives a `DrillEngine` through a station's ports on one thread: waits for
/// edges or the next deadline, shows cues, and reports every engine action
/// to an observer (display, storage).
///
/// The same runner drives real hardware and the simulated station; only the
/// ports and the clock differ.
public final class DrillRunner {
    private var engine: DrillEngine
    private let clock: any MonotonicClock
    private let lights: any LightOutput
    private let sound: (any SoundOutput)?
    private let switches: any SwitchInput
    private let observe: (EngineAction) -> Void

    /// - Parameters:
    ///   - sound: nil when the station has no usable sound output; sound
    ///     cues are then flagged `soundUnavailable`.
    ///   - observe: called on the runner's thread for every action, after
    ///     the runner has performed it. Keep it short: hand work to another thread.
    public init(
        engine: DrillEngine, clock: any MonotonicClock, lights: any LightOutput, sound: (any SoundOutput)?,
        switches: any SwitchInput, observe: @escaping (EngineAction) -> Void
    ) {
        self.engine = engine
        self.clock = clock
        self.lights = lights
        self.sound = sound
        self.switches = switches
        self.observe = observe
    }

    /// Runs the drill to its end, a stop request, or a station fault. A fault
    /// stops the drill cleanly (trials done are kept) and is returned as the
    /// abort reason rather than thrown.
    @discardableResult
    public func run() -> DrillEnd {
        do {
            let held = try switches.pressedSwitches()
            try perform(engine.start(at: clock.now(), heldSwitches: held))
            while !engine.isFinished {
                let wake = try scheduleSoundAhead()
                let waited = try switches.waitForEdge(until: wake)
                if waited == .deadline, let due = engine.nextDeadline, clock.now() < due { continue }  // woke to schedule a sound
                // A cue due now is shown before the engine (or anything else) does any bookkeeping.
                if waited == .deadline, let cue = engine.upcomingCue, clock.now() >= cue.scheduledOnset {
                    presented = (cue.trialIndex, try present(cue))
                }
                for flag in switches.takeQualityFlags() + (sound?.takeQualityFlags() ?? []) { engine.flagCurrentTrial(flag) }
                switch waited {
                case .edge(let edge):
                    try perform(engine.handle(edge))
                case .deadline:
                    try perform(engine.advance(to: clock.now()))
                case .stopRequested:
                    try perform(engine.stop(at: clock.now(), because: .stopped))
                }
            }
        } catch {
            let reason = (error as? StationFault)?.message ?? "\(error)"
            for action in engine.stop(at: clock.now(), because: .fault(reason: reason)) {
                if case .lightsOff(let names) = action { try? lights.set(names, on: false) }
                if case .finished(let end) = action { finalEnd = end }
                observe(action)
            }
        }
        return finalEnd
    }

    /// A sound handed to the output ahead of its onset, for the trial about to show it.
    private var soundAhead: (trialIndex: Int, name: String, onset: MonotonicInstant, result: Result<SoundOnset, Error>)?

    /// Hands the upcoming cue's sound to the output `lookahead` before its
    /// onset, so it can be placed at the exact frame; withdraws one whose
    /// trial ended before the cue (a false start). Returns when to wake next.
    private func scheduleSoundAhead() throws -> MonotonicInstant? {
        let upcoming = engine.upcomingCue
        if let ahead = soundAhead, upcoming?.trialIndex != ahead.trialIndex {
            _ = sound?.cancel(ahead.name, at: ahead.onset)
            soundAhead = nil
        }
        guard let sound, sound.lookahead > .zero, let cue = upcoming, let name = cue.sound, soundAhead == nil else {
            return engine.nextDeadline
        }
        let handOver = cue.scheduledOnset - sound.lookahead
        guard clock.now() >= handOver else { return min(handOver, engine.nextDeadline ?? handOver) }
        soundAhead = (cue.trialIndex, name, cue.scheduledOnset, Result { try sound.play(name, at: cue.scheduledOnset) })
        return engine.nextDeadline
    }

    private var finalEnd: DrillEnd = .fault(reason: "not run")
    /// A cue shown at its deadline, before the engine asked for it.
    private var presented: (trialIndex: Int, report: CueOnsetReport)?

    private func perform(_ actions: [EngineAction]) throws {
        var queue = actions[...]
        while let action = queue.popFirst() {
            switch action {
            case .presentCue(let request):
                let report: CueOnsetReport
                if let early = presented, early.trialIndex == request.trialIndex {
                    report = early.report
                } else {
                    report = try present(request)
                }
                presented = nil
                observe(action)
                queue.append(contentsOf: engine.cuePresented(report))
                continue
            case .lightsOff(let names):
                try lights.set(names, on: false)
            case .finished(let end):
                finalEnd = end
            default:
                break
            }
            observe(action)
        }
    }

    /// Shows a cue: sound first (it is scheduled ahead for the onset
    /// instant), then the lights, timing the light-set call.
    private func present(_ request: CueRequest) throws -> CueOnsetReport {
        var report = CueOnsetReport()
        if let name = request.sound {
            var played: Result<SoundOnset, Error>?
            if let ahead = soundAhead, ahead.trialIndex == request.trialIndex {
                played = ahead.result
                soundAhead = nil
            } else if let sound {
                played = Result { try sound.play(name, at: request.scheduledOnset) }
            }
            switch played {
            case .success(let onset)?:
                report.soundOnset = onset.instant
                report.soundUncertainty = onset.uncertainty
                report.flags += onset.flags
            case .failure(let error)?:
                // A cue that is only a sound cannot be shown without it: stop, keeping the trials done.
                if request.lights.isEmpty, sound != nil {
                    throw StationFault("the sound cue '\(name)' could not be played (\(error)); the drill stops, its trials are kept")
                }
                report.flags.append(.soundUnavailable)
            case nil:
                report.flags.append(.soundUnavailable)
            }
        }
        if !request.lights.isEmpty {
            report.lightSet = try lights.switchOn(request.lights, colors: request.lightColors, timedBy: clock)
        }
        return report
    }
}
