@testable import DrillCore

/// Steps a `DrillEngine` by hand: no clock, no ports, exact nanoseconds.
struct EngineHarness {
    var engine: DrillEngine
    private(set) var actions: [EngineAction] = []
    /// Switches that a cue's presentation takes `lightSetTime` to show.
    var lightSetTime: Duration = .zero

    init(_ yaml: String, seed: UInt64 = 1) throws {
        let profile = try Profile.parse(yaml, file: "harness.yaml")
        engine = DrillEngine(plan: try PlanGenerator(profile: profile).plan(seed: seed), profile: profile)
    }

    mutating func start(at instant: MonotonicInstant = .init(nanoseconds: 0), held: Set<String> = []) {
        record(engine.start(at: instant, heldSwitches: held))
    }

    /// Advances to the next deadline; if that shows a cue, presents it at once.
    @discardableResult
    mutating func advanceToNextDeadline() -> MonotonicInstant? {
        guard let deadline = engine.nextDeadline else { return nil }
        record(engine.advance(to: deadline))
        return deadline
    }

    /// Advances until the next cue is presented and returns its onset.
    mutating func runToOnset() -> MonotonicInstant? {
        let before = presentedCues.count
        while presentedCues.count == before, !engine.isFinished {
            guard advanceToNextDeadline() != nil else { return nil }
        }
        return presentedCues.count > before ? presentedCues.last!.scheduledOnset : nil
    }

    /// Like `runToOnset()`, but a drill that shows no further cue is a test failure.
    mutating func nextOnset() throws -> MonotonicInstant {
        guard let onset = runToOnset() else { throw NoCueShown() }
        return onset
    }

    struct NoCueShown: Error {}

    mutating func edge(_ name: String, _ kind: SwitchEdge.Kind, at instant: MonotonicInstant) {
        record(engine.handle(SwitchEdge(switchName: name, kind: kind, timestamp: instant)))
    }

    mutating func press(_ name: String, at instant: MonotonicInstant) { edge(name, .press, at: instant) }
    mutating func release(_ name: String, at instant: MonotonicInstant) { edge(name, .release, at: instant) }

    /// Runs deadlines until the drill ends.
    mutating func finish() {
        while !engine.isFinished, advanceToNextDeadline() != nil {}
    }

    mutating func stop(at instant: MonotonicInstant) {
        record(engine.stop(at: instant, because: .fault(reason: "test")))
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

    var presentedCues: [CueRequest] {
        actions.compactMap { if case .presentCue(let request) = $0 { request } else { nil } }
    }

    var completed: [TrialRecord] {
        actions.compactMap { if case .trialCompleted(let record) = $0 { record } else { nil } }
    }

    var lightsOffActions: [[String]] {
        actions.compactMap { if case .lightsOff(let names) = $0 { names } else { nil } }
    }

    var end: DrillEnd? {
        actions.compactMap { if case .finished(let end) = $0 { end } else { nil } }.first
    }
}

extension MonotonicInstant {
    static func + (lhs: MonotonicInstant, rhs: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: lhs.nanoseconds + rhs) }
}

let ms: Int64 = 1_000_000

/// One pad, fixed 1 s foreperiod, 1 s timeout, 100 ms anticipation threshold.
let simpleDrill = """
    name: simple
    version: 1
    cues:
      go: {light: pad, expect: pad}
    defaults:
      foreperiod: 1s
      timeout: 1s
      anticipation: 100ms
      intertrial: 500ms
    blocks:
      - trials: 3
    """
