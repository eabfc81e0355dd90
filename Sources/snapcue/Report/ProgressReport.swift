import DrillStats

/// The across-sessions lines of `snapcue stats` and `snapcue trend`.
enum ProgressReport {
    static func render(_ progress: AthleteProgress) -> String {
        var lines: [String] = []
        let counted = progress.entries.filter(\.counted).count
        if let trend = progress.trend {
            let unit = trend.unit == .week ? "week" : "session"
            let interval = trend.fit.intervalIsValid
                ? String(format: " (95 %% CI %+.1f to %+.1f)", trend.fit.lowerSlope, trend.fit.upperSlope) : ""
            lines.append(String(
                format: "trend: %+.1f ms per %@%@, %@, over %d sessions",
                trend.fit.slope, unit, interval, trend.direction.rawValue, trend.sessions))
            if progress.familiarisationExcluded {
                lines.append("  (the first sessions are familiarisation and are left out of the trend and MDC)")
            }
            if trend.unit == .session { lines.append("  (per session: these sessions span less than a day)") }
        } else {
            lines.append("trend: needs at least two sessions with enough valid trials (\(counted) so far)")
        }
        if let best = progress.personalBest, let median = best.medianMilliseconds {
            lines.append("personal best: \(Format.milliseconds(median)) median (session \(best.session), \(Format.localDate(milliseconds: best.startedAtMilliseconds)))")
        }
        if let mdc = progress.minimalDetectableChangeMilliseconds {
            var line = "minimal detectable change (MDC95): \(Format.milliseconds(mdc))"
            if let change = progress.latestChangeMilliseconds, let real = progress.latestChangeIsReal {
                line += "; latest change \(Format.signedMilliseconds(change)): " + (real ? "a real change" : "within day-to-day noise")
            }
            lines.append(line)
        } else {
            lines.append("minimal detectable change: needs three sessions")
        }
        return lines.map { "  " + $0 }.joined(separator: "\n")
    }
}
