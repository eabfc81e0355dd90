/// A drill's progress as displays show it, from the engine's actions: "trial
/// 12/40" for a drill of trial counts; hits and the time left for a set that ends
/// by time ("hits 7 · 18 s left"); hits of the goal for one that ends by hits
/// ("hits 7/20"). Never "trial 14996/15001": sets that end by time or hits
/// have no planned total.
public struct ProgressCounter: Sendable {
    private let plan: DrillPlan
    private var block: Block?
    private var setStart: MonotonicInstant?
    private var setHits = 0
    private var setTrials = 0

    public init(plan: DrillPlan) { self.plan = plan }

    /// Hits in the set in progress.
    public var hitsInSet: Int { setHits }

    /// When the set in progress ends, if it ends by time.
    public var setDeadline: MonotonicInstant? {
        guard let setStart, let limit = block?.length.timeLimit else { return nil }
        return setStart + limit
    }

    public mutating func observe(_ action: EngineAction) {
        switch action {
        case .setStarted(let blockIndex, _):
            block = plan.blocks[blockIndex]
            setStart = nil
            setHits = 0
            setTrials = 0
        case .trialStarted(_, let foreperiodStart):
            if setStart == nil { setStart = foreperiodStart }  // a set's first trial begins with it
        case .waitingForHome(_, _):
            break
        case .trialDecided(let record):
            setHits += record.sides.filter { $0.outcome == .hit }.count
            setTrials += 1
        default:
            break
        }
    }

    /// The counter for trial `index` (0-based), as of `now` when the time left matters.
    /// Called when a trial is decided, the trial counts itself ("trial 3/8 of the set").
    public func label(trialIndex index: Int, now: MonotonicInstant? = nil) -> String {
        guard let block, block.length.isOpenEnded else {
            return plan.isFixedLength
                ? "trial \(index + 1)/\(plan.trials.count)" : "trial \(setTrials + 1)/\(block?.plannedTrialBound ?? 0) of the set"
        }
        switch block.length {
        case .hits(let goal, _):
            return "hits \(setHits)/\(goal)"
        default:
            guard let deadline = setDeadline, let now else { return "hits \(setHits)" }
            let left = max(0, Double((deadline - now).nanoseconds) / 1e9)
            return "hits \(setHits) · \(Int(left.rounded(.up))) s left"
        }
    }
}
