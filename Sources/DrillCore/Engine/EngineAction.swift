/// A request to show a cue.
public struct CueRequest: Equatable, Sendable {
    /// The trial's index in the plan.
    public var trialIndex: Int
    /// Lights to switch on.
    public var lights: [String]
    /// Sound to play.
    public var sound: String?
    /// When the cue is due.
    public var scheduledOnset: MonotonicInstant
    /// The colour of each light the cue names (others show their own colour).
    public var lightColors: [String: String]

    public init(
        trialIndex: Int, lights: [String], sound: String?, scheduledOnset: MonotonicInstant, lightColors: [String: String] = [:]
    ) {
        self.trialIndex = trialIndex
        self.lights = lights
        self.sound = sound
        self.scheduledOnset = scheduledOnset
        self.lightColors = lightColors
    }
}

/// What actually happened when a cue was shown, reported back to the engine.
public struct CueOnsetReport: Equatable, Sendable {
    /// The light-set call, timed: the light came on within it.
    public var lightSet: TimedSpan?
    /// When the sound reaches the output.
    public var soundOnset: MonotonicInstant?
    /// Uncertainty of `soundOnset`.
    public var soundUncertainty: Duration?
    /// Timing problems seen while presenting.
    public var flags: [TimingFlag]

    public init(
        lightSet: TimedSpan? = nil,
        soundOnset: MonotonicInstant? = nil, soundUncertainty: Duration? = nil, flags: [TimingFlag] = []
    ) {
        self.lightSet = lightSet
        self.soundOnset = soundOnset
        self.soundUncertainty = soundUncertainty
        self.flags = flags
    }
}

/// How a drill ended. Stopped and faulted drills keep the trials done.
public enum DrillEnd: Equatable, Sendable {
    /// Every planned trial ran.
    case complete
    /// Stopped by the user (Ctrl-C, q, the web page's Stop).
    case stopped
    /// Ended early by a problem: a station fault, or the program ending mid-drill.
    case fault(reason: String)
    /// A partner drill ended because the partner did not move for this long (`partner.wait`).
    case partnerIdle(after: Duration)

    /// The words for `.stopped`, in reports, the store and exports.
    public static let stoppedReason = "stopped by the user"

    /// Why the drill ended early; nil when complete.
    public var reason: String? {
        switch self {
        case .complete: nil
        case .stopped: Self.stoppedReason
        case .fault(let reason): reason
        case .partnerIdle(let wait): "the partner did not move for \(wait.compactDescription)"
        }
    }

    /// The end a stored or exported session describes: complete, or aborted for `reason`.
    public init(complete: Bool, reason: String?) {
        if complete {
            self = .complete
        } else if reason == Self.stoppedReason {
            self = .stopped
        } else {
            self = .fault(reason: reason ?? "aborted")
        }
    }
}

extension DrillEnd: Codable {
    // The JSON shape of earlier versions, kept for scripts: {"complete": {}} or {"aborted": {"reason": …}}.
    private enum CodingKeys: String, CodingKey { case complete, aborted }
    private struct Aborted: Codable { var reason: String }
    private struct Nothing: Codable {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.complete) {
            self = .complete
        } else {
            self.init(complete: false, reason: try container.decode(Aborted.self, forKey: .aborted).reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let reason {
            try container.encode(Aborted(reason: reason), forKey: .aborted)
        } else {
            try container.encode(Nothing(), forKey: .complete)
        }
    }
}

/// What the engine asks the runner to do, or tells the display.
public enum EngineAction: Equatable, Sendable {
    /// A block begins.
    case blockStarted(index: Int, name: String)
    /// A set of a block begins.
    case setStarted(blockIndex: Int, set: Int)
    /// A rest begins; the next trial starts at `until`.
    case restStarted(until: MonotonicInstant)
    /// Home-release mode: the athlete must press and hold the home switch.
    case waitingForHome(trialIndex: Int, home: String)
    /// Gate runs: the trial starts when the athlete crosses the start gate.
    case waitingForStartGate(trialIndex: Int, gate: String)
    /// Partner drills: the partner's edge on `partnerSwitch` at `onset` was the cue; `trial` is
    /// the trial with the cue it gave (target or feint).
    case partnerCue(PlannedTrial, partnerSwitch: String, onset: MonotonicInstant)
    /// A trial's foreperiod began.
    case trialStarted(PlannedTrial, foreperiodStart: MonotonicInstant)
    /// Show a cue now; report back with `DrillEngine.cuePresented(_:)`.
    case presentCue(CueRequest)
    /// Switch these lights off.
    case lightsOff([String])
    /// One side's outcome is settled (for live feedback).
    case sideDecided(trialIndex: Int, SideResult)
    /// Every side of a trial is decided: store it now, before it is shown.
    /// The record holds the edges and flags so far; `trialCompleted` follows
    /// after the inter-trial pause with the ones seen during it.
    case trialDecided(TrialRecord)
    /// A trial is finished, its record complete (the release edges and flags
    /// of the inter-trial pause added to what `trialDecided` carried).
    case trialCompleted(TrialRecord)
    /// The drill is over.
    case finished(DrillEnd)
}
