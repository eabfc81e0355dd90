import DrillCore
import DrillStats
import DrillStore

/// The end of a stored drill against the athlete's history of it: the change in median
/// reaction time since their last session, whether that change is larger than their
/// day-to-day noise (the MDC), and the personal best. Judged as `snapcue stats` judges it.
enum HistoryComparison {
    /// Every athlete's comparison after `session`, kept in `store` as `sessionID`; empty when
    /// there is nothing to compare (the drill ended early, or the history cannot be read).
    static func report(_ session: SessionResult, sessionID: Int64, store: Store) -> String {
        let names = session.athletes.sorted { $0.key < $1.key }.map(\.value)
        let lines = names.flatMap { name -> [String] in
            guard let history = try? store.history(athlete: name, profile: session.profileName)
                .first(where: { $0.profileVersion == session.profileVersion })
            else { return [] }
            return Self.lines(athlete: name, session: "\(sessionID)", progress: AthleteProgress(sessions: history.points),
                              minimumValidTrials: AthleteProgress.minimumValidTrialsByDefault, score: session.score)
        }
        return lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n")
    }

    /// Lines about `session` (its id), which `progress` (the athlete's complete sessions of
    /// this drill's version) must include; none when it does not (a drill that ended early).
    /// A drill scored otherwise than by median RT (`score`) adds its score against the last session's and the best before.
    static func lines(athlete: String, session: String, progress: AthleteProgress, minimumValidTrials: Int, score: DrillScore = .medianReactionTime) -> [String] {
        guard let index = progress.entries.firstIndex(where: { $0.point.session == session }) else { return [] }
        let this = progress.entries[index].point
        let heading = "\(athlete) against their history of this drill:"
        guard progress.entries[index].counted, let median = this.medianMilliseconds else {
            return [heading, "  \(this.validCount) valid trial(s): under the \(minimumValidTrials) a session needs to be compared"]
        }
        let earlier = progress.entries[..<index].filter(\.counted).map(\.point)
        guard let last = earlier.last, let lastMedian = last.medianMilliseconds else {
            return [heading, "  median RT \(Format.milliseconds(median)): the first counted session, the next one is compared with it"]
        }
        let change = median - lastMedian
        var lines = [heading, "  median RT \(Format.milliseconds(median)): \(describe(change)) (\(Format.milliseconds(lastMedian)), \(date(last)))"]
        if let mdc = progress.minimalDetectableChangeMilliseconds, let real = progress.isReal(change: change) {
            lines.append(real
                ? "  larger than the day-to-day noise (MDC \(Format.milliseconds(mdc))): a real change"
                : "  within the day-to-day noise (MDC \(Format.milliseconds(mdc))): not yet a real change")
        } else {
            lines.append("  the day-to-day noise (MDC) is known from the third counted session on")
        }
        let best = AthleteProgress.best(among: earlier)!
        let bestMedian = best.medianMilliseconds!
        lines.append(median < bestMedian
            ? "  a new personal best (the last was \(Format.milliseconds(bestMedian)), \(date(best)))"
            : "  personal best \(Format.milliseconds(bestMedian)) (\(date(best))): "
                + (median == bestMedian ? "matched" : "\(Format.milliseconds(median - bestMedian)) off it"))
        if let line = scoreLine(score, this: this, earlier: earlier) { lines.append(line) }
        return lines
    }

    /// `score (hits) 31 hits: 2 hits better than last session (29 hits); best before 33 hits (2026-12-01)`.
    private static func scoreLine(_ score: DrillScore, this: SessionPoint, earlier: [SessionPoint]) -> String? {
        guard score != .medianReactionTime, score != .wins, let value = this.score else { return nil }
        let scored = earlier.filter { $0.score != nil }
        guard let last = scored.last?.score else { return nil }
        let better: (Double, Double) -> Bool = score.lowerIsBetter ? { $0 < $1 } : { $0 > $1 }
        let change = abs(value - last) < 1e-9 ? "the same as last session"
            : "\(score.format(abs(value - last))) \(better(value, last) ? "better" : "worse") than last session (\(score.format(last)))"
        let best = scored.min { better($0.score!, $1.score!) }!
        let bestPart = better(value, best.score!) ? "a new best" : "best before \(score.format(best.score!)) (\(date(best)))"
        return "  score (\(score.title)) \(score.format(value)): \(change); \(bestPart)"
    }

    /// `18.0 ms faster than last session`: lower is faster.
    private static func describe(_ change: Double) -> String {
        abs(change) < 0.05 ? "the same as last session" : "\(Format.milliseconds(abs(change))) \(change < 0 ? "faster" : "slower") than last session"
    }

    private static func date(_ point: SessionPoint) -> String { Format.localDate(milliseconds: point.startedAtMilliseconds) }
}
