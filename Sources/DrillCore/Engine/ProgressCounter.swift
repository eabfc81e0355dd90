/// A drill's progress as displays show it, from the engine's actions: "trial
/// 12/40" for a drill of trial counts; hits and the time left for a set that ends
/// by time ("hits 7 · 18 s left"); hits of the goal for one that ends by hits
/// ("hits 7/20"). Never "trial 14996/15001": sets that end by time or hits
/// have no planned total. The terminal, the station screen and `/live` all count with it.
public struct ProgressCounter: Equatable, Sendable {
    /// Each block's set length.
    private let setLengths: [SetLength]
    /// Every trial of the drill, when all its sets have trial counts.
    private let plannedTrials: Int?
    private var length: SetLength?
    private var setStart: MonotonicInstant?
    /// The drill-wide number of the set's first trial.
    private var setFirstIndex: Int?
    private var setHits = 0

    /// A counter for a drill whose blocks have `setLengths`; `plannedTrials` when every set has a trial count.
    public init(setLengths: [SetLength], plannedTrials: Int?) {
        self.setLengths = setLengths
        self.plannedTrials = plannedTrials
    }

    public init(plan: DrillPlan) {
        self.init(setLengths: plan.blocks.map(\.length), plannedTrials: plan.plannedTotal > 0 ? plan.plannedTotal : nil)
    }

    /// Hits in the set in progress.
    public var hitsInSet: Int { setHits }

    /// When the set in progress ends, if it ends by time.
    public var setDeadline: MonotonicInstant? {
        guard let setStart, let limit = length?.timeLimit else { return nil }
        return setStart + limit
    }

    public mutating func observe(_ action: EngineAction) {
        switch action {
        case .setStarted(let blockIndex, _):
            length = blockIndex < setLengths.count ? setLengths[blockIndex] : nil
            setStart = nil
            setFirstIndex = nil
            setHits = 0
        case .waitingForHome(let index, _):
            if setFirstIndex == nil { setFirstIndex = index }
        case .trialStarted(let trial, let foreperiodStart):
            if setStart == nil { setStart = foreperiodStart }  // a set's first trial begins with it
            if setFirstIndex == nil { setFirstIndex = trial.index }
        case .trialDecided(let record):
            setHits += record.sides.filter { $0.outcome == .hit }.count
        default:
            break
        }
    }

    /// The counter for trial `index` (0-based), as of `now` when the time left matters.
    public func label(trialIndex index: Int, now: MonotonicInstant? = nil) -> String {
        if let open = openSetLabel(now: now) { return open }
        if let plannedTrials { return "trial \(index + 1)/\(plannedTrials)" }
        let count: Int = if case .trials(let count)? = length { count } else { 0 }
        return "trial \(index - (setFirstIndex ?? index) + 1)/\(count) of the set"
    }

    /// The counter of a set that ends by time or hits, as of `now`; nil for a set of trial counts.
    public func openSetLabel(now: MonotonicInstant?) -> String? {
        switch length {
        case .hits(let goal, _)?:
            return "hits \(setHits)/\(goal)"
        case .duration?:
            guard let deadline = setDeadline, let now else { return "hits \(setHits)" }
            let left = max(0, Double((deadline - now).nanoseconds) / 1e9)
            return "hits \(setHits) · \(Int(left.rounded(.up))) s left"
        default:
            return nil
        }
    }

    /// A timed set's counter once the drill is over ("hits 31 · time up"); nil for other sets.
    public var timeUpLabel: String? {
        guard case .duration? = length else { return nil }
        return "hits \(setHits) · time up"
    }
}
