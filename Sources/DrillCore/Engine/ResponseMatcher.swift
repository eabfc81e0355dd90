/// Decides one side's outcome in one trial from switch edges and deadlines.
///
/// Pure: no clock, no I/O. Every decision is made from edge timestamps, so an
/// edge delivered late is still classified by when it happened.
///
/// Boundaries: a response exactly at the anticipation threshold is a valid
/// reaction (`rt < anticipation` is an anticipation); a response exactly at
/// the timeout is too late (`rt >= timeout` is a miss).
///
/// While a cue is on, every press on a switch of this side counts: the target
/// is a hit, a lit distractor pad a `distractor`, any other of its pads a
/// wrong target. With `expect: all` each lit pad is a target: a press on one
/// not yet hit adds a split, the last one makes the hit (its time is the
/// trial's), a second press on a pad already hit is ignored.
///
/// In a gate run with decision gates, the first decision gate crossed is the
/// decision (its time the reaction time): on the target's side it starts the
/// movement to the target gate, on another side it is a wrong target.
struct ResponseMatcher {
    let side: String
    let kind: TrialKind
    /// The switches to press: one, or every lit pad with `expect: all`.
    let targets: [String]
    /// Every lit pad must be hit.
    let expectsAll: Bool
    /// Lit pads of this side that are not targets.
    let distractors: Set<String>
    /// The switches that belong to this side; other edges are not its responses.
    let switches: Set<String>
    /// Home-release mode: the home switch.
    let home: String?
    /// Gate runs: the target each decision gate leads to.
    let decisionTargets: [String: String]
    let anticipation: Duration
    let timeout: Duration
    let movementTimeout: Duration

    private(set) var result: SideResult?
    /// `expect: all`: the pads hit so far, in order.
    private(set) var splits: [PadSplit] = []
    /// Home-release mode: the release that started the movement; gate runs: the decision gate crossed.
    private var release: SwitchEdge?

    init(side: String, trial: PlannedTrial, rules: TrialRules, mode: ResponseMode, switches: [String]) {
        self.side = side
        self.kind = trial.kind
        self.targets = trial.targets(of: side)
        self.expectsAll = trial.expectsAllLit
        self.switches = Set(switches)
        self.distractors = Set(trial.lights).intersection(switches).subtracting(trial.targets(of: side))
        self.anticipation = rules.anticipation
        self.timeout = rules.timeout
        home = mode.home
        decisionTargets = Dictionary(uniqueKeysWithValues: (mode.gateRun?.decisionGates ?? [:]).map { ($0.value, $0.key) })
        switch mode {
        case .press: movementTimeout = .zero
        case .homeRelease(_, let movement): movementTimeout = movement
        case .gateRun(let run): movementTimeout = run.movementTimeout
        }
    }

    var isDecided: Bool { result != nil }

    /// What the side was asked to press, as stored: the target, or the lit pads joined by commas.
    private var expected: String? { targets.isEmpty ? nil : targets.joined(separator: ",") }

    /// Whether `edge` is a response of this side: a press of one of its
    /// switches, or in home-release mode the release of the home switch.
    private func isResponse(_ edge: SwitchEdge) -> Bool {
        guard switches.contains(edge.switchName) else { return false }
        if let home, edge.switchName == home { return edge.kind == .release }
        return edge.kind == .press
    }

    /// An edge during the foreperiod, before any cue.
    mutating func foreperiodEdge(_ edge: SwitchEdge) {
        guard !isDecided, isResponse(edge) else { return }
        decide(.falseStart, edge: edge, onset: nil)
    }

    /// The cue appeared at `onset` while `held` switches were down.
    mutating func onsetReached(_ onset: MonotonicInstant, held: Set<String>) {
        guard !isDecided, kind != .catchTrial else { return }
        let pads = switches.subtracting(home.map { [$0] } ?? [])
        if let stuck = pads.intersection(held).sorted().first {
            result = SideResult(
                side: side, expectedSwitch: expected, outcome: .stuckSwitch, respondedSwitch: stuck,
                decidedAt: onset)
        }
    }

    /// An edge after onset (or, for a catch trial, after the planned onset).
    mutating func responseEdge(_ edge: SwitchEdge, onset: MonotonicInstant) {
        guard !isDecided else { return }
        if let release {
            // Home-release mode, moving: the first target press ends the movement.
            guard edge.kind == .press, switches.contains(edge.switchName), edge.switchName != home,
                  decisionTargets[edge.switchName] == nil else { return }
            let movement = edge.timestamp - release.timestamp
            if movement >= movementTimeout { return expire(at: release.timestamp + movementTimeout, onset: onset) }
            decide(judge(edge.switchName), edge: release, onset: onset, target: edge)
            return
        }
        guard isResponse(edge) else { return }
        if edge.timestamp < onset { return decide(.falseStart, edge: edge, onset: onset) }
        let reactionTime = edge.timestamp - onset
        if reactionTime >= timeout { return expire(at: onset + timeout, onset: onset) }
        switch kind {
        case .catchTrial: return decide(.falseStart, edge: edge, onset: onset)
        case .noGo: return decide(.noGoCommission, edge: edge, onset: onset)
        case .go: break
        }
        if reactionTime < anticipation { return decide(.anticipation, edge: edge, onset: onset) }
        if let home, edge.switchName == home {
            release = edge  // reaction time is set; now the movement
            return
        }
        if let direction = decisionTargets[edge.switchName] {
            guard direction == targets.first else { return decide(.wrongTarget, edge: edge, onset: onset) }
            release = edge  // the decision is made; now the run to the target
            return
        }
        if expectsAll, targets.contains(edge.switchName) {
            guard !splits.contains(where: { $0.pad == edge.switchName }) else { return }  // a second tap on a pad already hit
            splits.append(PadSplit(pad: edge.switchName, reactionTimeNanoseconds: reactionTime.nanoseconds))
            if splits.count == targets.count { decide(.hit, edge: edge, onset: onset) }
            return
        }
        decide(judge(edge.switchName), edge: edge, onset: onset)
    }

    /// The outcome of a press on `pad` while the cue is on.
    private func judge(_ pad: String) -> Outcome {
        if !expectsAll, targets.first == pad { return .hit }
        return distractors.contains(pad) ? .distractor : .wrongTarget
    }

    /// When this side runs out of time, if undecided.
    func deadline(onset: MonotonicInstant) -> MonotonicInstant? {
        guard !isDecided else { return nil }
        if let release { return release.timestamp + movementTimeout }
        return onset + timeout
    }

    /// Settles the outcome at a deadline that has passed.
    mutating func expire(at instant: MonotonicInstant, onset: MonotonicInstant) {
        guard !isDecided else { return }
        let outcome: Outcome = switch kind {
        case .go: .miss
        case .noGo: .noGoCorrect
        case .catchTrial: .catchCorrect
        }
        var decided = SideResult(side: side, expectedSwitch: expected, outcome: outcome, decidedAt: instant, splits: splits)
        if let release {
            // Released in time but never reached a target: a miss that keeps its reaction time.
            decided.respondedSwitch = release.switchName
            decided.response = release.timestamp
            decided.reactionTimeNanoseconds = (release.timestamp - onset).nanoseconds
        }
        result = decided
    }

    /// The set's time ran out at `instant` with this side still undecided.
    mutating func cutOff(at instant: MonotonicInstant) {
        guard !isDecided else { return }
        result = SideResult(side: side, expectedSwitch: expected, outcome: .cutOff, decidedAt: instant, splits: splits)
    }

    private mutating func decide(_ outcome: Outcome, edge: SwitchEdge, onset: MonotonicInstant?, target: SwitchEdge? = nil) {
        var decided = SideResult(
            side: side, expectedSwitch: expected, outcome: outcome, respondedSwitch: edge.switchName,
            response: edge.timestamp, decidedAt: target?.timestamp ?? edge.timestamp, splits: splits)
        if let onset { decided.reactionTimeNanoseconds = (edge.timestamp - onset).nanoseconds }
        if let target {
            decided.respondedSwitch = target.switchName
            decided.targetHit = target.timestamp
            decided.movementTimeNanoseconds = (target.timestamp - edge.timestamp).nanoseconds
        }
        result = decided
    }
}
