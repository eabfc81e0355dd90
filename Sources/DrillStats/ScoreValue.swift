import DrillCore

extension DrillScore {
    /// This score of `side` over `trials`, or nil when the session does not give one
    /// (no hits for a median, fewer hits than `best_sum` adds, no set reached its N hits).
    ///
    /// - median RT: the median of the hits, ms.
    /// - hits: every hit of the side.
    /// - time to N hits: per set, the Nth hit's response − the set's first onset; the best set.
    /// - best N: the sum of the N shortest hit reaction times, ms.
    /// - accuracy: `SessionStatistics.accuracy`, in %.
    /// - wins: trials the side won (ties count for both).
    /// - total time: the median start-gate-to-target time of the hits, ms.
    /// - best each way: the mean over the directions asked of each one's best hit total time, ms.
    public func value(side: String, trials: [TrialRecord], statistics: SessionStatistics) -> Double? {
        let hits = trials.compactMap { $0.result(for: side) }.filter { $0.outcome == .hit }
        switch self {
        case .medianReactionTime:
            return statistics.medianMilliseconds
        case .hits:
            return Double(hits.count)
        case .timeToHits(let count):
            let sets = Dictionary(grouping: trials) { SetKey(block: $0.planned.blockIndex, set: $0.planned.set) }
            let times = sets.values.compactMap { setTrials -> Double? in
                let ordered = setTrials.sorted { $0.planned.index < $1.planned.index }
                guard let firstOnset = ordered.lazy.compactMap(\.onset).first else { return nil }
                let setHits = ordered.compactMap { $0.result(for: side) }.filter { $0.outcome == .hit }
                guard setHits.count >= count else { return nil }
                return Double((setHits[count - 1].decidedAt - firstOnset).nanoseconds) / 1e6
            }
            return times.min()
        case .bestSum(let count):
            let times = hits.compactMap(\.reactionTimeNanoseconds).sorted()
            guard times.count >= count else { return nil }
            return Double(times.prefix(count).reduce(0, +)) / 1e6
        case .accuracy:
            return statistics.accuracy.map { $0 * 100 }
        case .wins:
            return statistics.wins.map(Double.init)
        case .totalTime:
            return statistics.medianTotalMilliseconds
        case .bestEachWay:
            // Every direction the drill asked for needs a correct run.
            let asked = Set(trials.compactMap { $0.result(for: side) }.filter { $0.outcome != .cutOff }.compactMap(\.expectedSwitch))
            let best = statistics.bestTotalMillisecondsByTarget
            guard !asked.isEmpty, asked.allSatisfy({ best[$0] != nil }) else { return nil }
            return Descriptive.mean(asked.map { best[$0]! })
        }
    }
}

private struct SetKey: Hashable {
    let block: Int
    let set: Int
}
