import DrillCore

/// How a simulated partner gives the cues of a partner drill: a move after
/// an irregular wait (uniform between `shortestWait` and `longestWait`), on
/// a switch drawn at random, sometimes a feint when the drill has feints.
public struct PartnerModel: Equatable, Sendable, Codable {
    /// The shortest wait from the start of a trial (the athlete ready) to the move.
    public var shortestWait: Duration = .milliseconds(1200)
    /// The longest wait.
    public var longestWait: Duration = .milliseconds(3500)
    /// Chance that a move is a feint, when the drill has feints.
    public var feintRate = 0.2
    /// How long a press lasts (for `on: press`).
    public var pressDuration: Duration = .milliseconds(150)
    /// After this many moves the partner stops moving (to test a drill that
    /// waits for a partner who never comes); nil: never stops.
    public var stopsAfter: Int?

    public init() {}
}

/// A simulated partner: the partner's side of a partner drill. It moves on
/// its own schedule, from its own seed, independent of the athlete; the
/// drill (and the virtual athlete) only see its switch edges.
final class VirtualPartner {
    private let partner: PartnerCues
    private let targets: [String]
    private let feints: [String]
    private let model: PartnerModel
    private var generator: SeededGenerator
    private var moves = 0

    init?(profile: Profile, model: PartnerModel, seed: UInt64) {
        guard let partner = profile.partner else { return nil }
        self.partner = partner
        self.model = model
        let cues = partner.pads.compactMap(profile.cue(named:))
        targets = cues.filter { !$0.isNoGo }.map(\.name)
        feints = cues.filter(\.isNoGo).map(\.name)
        generator = SeededGenerator(seed: seed ^ 0x5041_5254_4E45_5221)  // "PARTNER!"
    }

    /// A trial began at `start`: the partner's edges for its move. With `on: release`
    /// the partner first settles on the pad, then lets go at the move.
    func trialStarted(at start: MonotonicInstant) -> [SwitchEdge] {
        if let limit = model.stopsAfter, moves >= limit { return [] }
        moves += 1
        let span = (model.longestWait - model.shortestWait).seconds
        let move = start + model.shortestWait + .nanoseconds(Int64(generator.nextUnitInterval() * span * 1e9))
        let pad: String
        if !feints.isEmpty && generator.nextBernoulli(model.feintRate) {
            pad = feints[generator.nextIndex(below: feints.count)]
        } else {
            pad = targets[generator.nextIndex(below: targets.count)]
        }
        switch partner.edge {
        case .press:
            return [
                SwitchEdge(switchName: pad, kind: .press, timestamp: move),
                SwitchEdge(switchName: pad, kind: .release, timestamp: move + model.pressDuration),
            ]
        case .release:
            return [
                SwitchEdge(switchName: pad, kind: .press, timestamp: start + .milliseconds(100)),
                SwitchEdge(switchName: pad, kind: .release, timestamp: move),
            ]
        }
    }
}
