/// A drill whose cues come from a partner: the partner presses (or releases)
/// one of their switches, and that edge's kernel timestamp is the cue's onset.
/// Each partner switch gives one cue of the profile (named after the switch):
/// a target for the athlete, or a feint to withhold on.
public struct PartnerCues: Equatable, Sendable, Codable {
    /// The partner's switches, in the order the profile lists them.
    public var pads: [String]
    /// The edge that counts as the cue: a press (the partner touches a pad), or a
    /// release (a sprint-start: the partner's hand leaves the pad).
    public var edge: SwitchEdge.Kind
    /// Light the athlete's target at the partner's edge (the onset stays the edge).
    public var lightsTarget: Bool
    /// A partner who has not moved this long after a trial began ends the drill (trials kept).
    public var wait: Duration

    public init(pads: [String], edge: SwitchEdge.Kind, lightsTarget: Bool, wait: Duration) {
        self.pads = pads
        self.edge = edge
        self.lightsTarget = lightsTarget
        self.wait = wait
    }

    /// Whether `edge` is a partner's cue.
    public func isCue(_ switchEdge: SwitchEdge) -> Bool {
        pads.contains(switchEdge.switchName) && switchEdge.kind == edge
    }
}

/// A run through timing gates (reactive agility): the athlete's own crossing
/// of the start gate triggers the cue after the foreperiod (0 ms allowed), an
/// optional decision gate per direction times the decision, and the target
/// gate (or pad) ends the trial.
public struct GateRun: Equatable, Sendable, Codable {
    /// The gate whose crossing (beam broken: a press) starts each trial.
    public var startGate: String
    /// The decision gate on the way to each target (`target → gate`); empty when none is wired.
    public var decisionGates: [String: String]
    /// Planned run: the direction is shown before the start, and times run from the start gate.
    public var isPlanned: Bool
    /// The longest time from the decision gate to the target.
    public var movementTimeout: Duration

    public init(startGate: String, decisionGates: [String: String], isPlanned: Bool, movementTimeout: Duration) {
        self.startGate = startGate
        self.decisionGates = decisionGates
        self.isPlanned = isPlanned
        self.movementTimeout = movementTimeout
    }
}
