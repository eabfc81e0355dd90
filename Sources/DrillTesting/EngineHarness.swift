import DrillCore

/// Steps a `DrillEngine` by hand: no clock, no ports, exact nanoseconds. A new
/// mode's test is a profile, a few presses at chosen instants, and `#expect`s on `actions`.
public struct EngineHarness {
    public var engine: DrillEngine
    public private(set) var actions: [EngineAction] = []
    /// Switches that a cue's presentation takes `lightSetTime` to show.
    public var lightSetTime: Duration = .zero

    /// An engine for the profile `yaml`, planned with `seed`.
    public init(_ yaml: String, seed: UInt64 = 1) throws {
        let profile = try Profile.parse(yaml, file: "harness.yaml")
        engine = DrillEngine(plan: try PlanGenerator(profile: profile).plan(seed: seed), profile: profile)
    }

    public mutating func start(at instant: MonotonicInstant = .init(nanoseconds: 0), held: Set<String> = []) {
        record(engine.start(at: instant, heldSwitches: held))
    }

    /// Advances to the next deadline; if that shows a cue, presents it at once.
    @discardableResult
    public mutating func advanceToNextDeadline() -> MonotonicInstant? {
        guard let deadline = engine.nextDeadline else { return nil }
        record(engine.advance(to: deadline))
        return deadline
    }

    /// Advances until the next cue is presented and returns its onset.
    public mutating func runToOnset() -> MonotonicInstant? {
        let before = presentedCues.count
        while presentedCues.count == before, !engine.isFinished {
            guard advanceToNextDeadline() != nil else { return nil }
        }
        return presentedCues.count > before ? presentedCues.last!.scheduledOnset : nil
    }

    /// Like `runToOnset()`, but a drill that shows no further cue is a test failure.
    public mutating func nextOnset() throws -> MonotonicInstant {
        guard let onset = runToOnset() else { throw NoCueShown() }
        return onset
    }

    public struct NoCueShown: Error {}

    public mutating func edge(_ name: String, _ kind: SwitchEdge.Kind, at instant: MonotonicInstant) {
        record(engine.handle(SwitchEdge(switchName: name, kind: kind, timestamp: instant)))
    }

    public mutating func press(_ name: String, at instant: MonotonicInstant) { edge(name, .press, at: instant) }
    public mutating func release(_ name: String, at instant: MonotonicInstant) { edge(name, .release, at: instant) }

    /// Runs deadlines until the drill ends.
    public mutating func finish() {
        while !engine.isFinished, advanceToNextDeadline() != nil {}
    }

    public mutating func stop(at instant: MonotonicInstant) {
        record(engine.stop(at: instant, because: .fault(reason: "test")))
    }

    /// The decided trials (stored the moment they are decided), in order.
    public var decided: [TrialRecord] {
        actions.compactMap { if case .trialDecided(let record) = $0 { record } else { nil } }
    }

    private mutating func record(_ new: [EngineAction]) {
        var queue = new[...]
        while let action = queue.popFirst() {
            actions.append(action)
            if case .presentCue(let request) = action {
                let start = request.scheduledOnset
                queue.append(contentsOf: engine.cuePresented(CueOnsetReport(lightSet: TimedSpan(start: start, end: start + lightSetTime))))
            }
        }
    }

    public var presentedCues: [CueRequest] {
        actions.compactMap { if case .presentCue(let request) = $0 { request } else { nil } }
    }

    public var completed: [TrialRecord] {
        actions.compactMap { if case .trialCompleted(let record) = $0 { record } else { nil } }
    }

    public var lightsOffActions: [[String]] {
        actions.compactMap { if case .lightsOff(let names) = $0 { names } else { nil } }
    }

    public var end: DrillEnd? {
        actions.compactMap { if case .finished(let end) = $0 { end } else { nil } }.first
    }
}

