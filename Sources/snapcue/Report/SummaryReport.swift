import DrillCore
import DrillStats

/// The end-of-session table, one column per athlete.
enum SummaryReport {
    static func render(_ session: SessionResult, summary: SessionSummary) -> String {
        var lines: [String] = []
        let names = summary.sides.map { session.athletes[$0.side] ?? $0.side }
        let lapse = Duration.nanoseconds(session.lapseThresholdNanoseconds).compactDescription
        lines.append("")
        lines.append("Summary: \(session.profileTitle) (v\(session.profileVersion)), seed \(session.seed), station \(session.station)")
        if let reason = session.end.reason {
            lines.append("Ended early (\(reason)) after \(session.trials.count) trials; all of them are kept below.")
        } else {
            lines.append("Complete: \(session.trials.count) trials.")
        }
        let width = 18
        func row(_ label: String, _ values: [String]) {
            lines.append("  " + Format.pad(label, 22) + values.map { Format.pad($0, width) }.joined())
        }
        row("", names)
        if summary.score != .medianReactionTime {
            row("SCORE: \(summary.score.key.replacingOccurrences(of: "_", with: " "))", summary.sides.map { $0.score.map(summary.score.format) ?? "–" })
        }
        row("trials", summary.sides.map { "\($0.trials)" })
        row("valid (hits)", summary.sides.map { "\($0.validCount)" })
        row("median RT", summary.sides.map { Format.milliseconds($0.medianMilliseconds) })
        row("mean RT", summary.sides.map { Format.milliseconds($0.meanMilliseconds) })
        row("SD", summary.sides.map { Format.milliseconds($0.standardDeviationMilliseconds) })
        row("IQR", summary.sides.map { Format.milliseconds($0.interquartileRangeMilliseconds) })
        row("speed (mean 1/RT)", summary.sides.map { Format.speed($0.meanSpeed) })
        row("fastest / slowest", summary.sides.map {
            $0.fastestMilliseconds == nil ? "–" : String(format: "%.0f / %.0f ms", $0.fastestMilliseconds!, $0.slowestMilliseconds!)
        })
        if summary.sides.contains(where: { $0.medianMovementMilliseconds != nil }) {
            row("median movement", summary.sides.map { Format.milliseconds($0.medianMovementMilliseconds) })
        }
        if summary.sides.contains(where: { $0.medianTotalMilliseconds != nil }) {
            row("median total time", summary.sides.map { Format.milliseconds($0.medianTotalMilliseconds) })
            row("best total time", summary.sides.map { Format.milliseconds($0.bestTotalMilliseconds) })
        }
        row("lapses (≥ \(lapse))", summary.sides.map { "\($0.lapses)" })
        row("anticipations", summary.sides.map { "\($0.count(.anticipation))" })
        row("false starts", summary.sides.map { "\($0.count(.falseStart))" })
        row("misses", summary.sides.map { "\($0.count(.miss))" })
        row("errors", summary.sides.map { "\($0.errors)" })
        if summary.sides.contains(where: { $0.count(.noGoCorrect) + $0.count(.noGoCommission) > 0 }) {
            row("  no-go withheld", summary.sides.map { "\($0.count(.noGoCorrect)) of \($0.count(.noGoCorrect) + $0.count(.noGoCommission))" })
        }
        if summary.sides.contains(where: { $0.count(.distractor) > 0 }) {
            row("  distractor presses", summary.sides.map { "\($0.count(.distractor))" })
        }
        if summary.sides.contains(where: { $0.count(.cutOff) > 0 }) {
            row("cut off at the time", summary.sides.map { "\($0.count(.cutOff))" })
        }
        if summary.sides.contains(where: { $0.count(.stuckSwitch) > 0 }) {
            row("stuck switch", summary.sides.map { "\($0.count(.stuckSwitch))" })
        }
        row("accuracy", summary.sides.map { Format.percent($0.accuracy) })
        if summary.sides.contains(where: { $0.dPrime != nil }) {
            row("d′ (go/no-go)", summary.sides.map { $0.dPrime.map { String(format: "%.2f", $0.value) } ?? "–" })
        }
        if summary.score != .wins, summary.sides.contains(where: { $0.wins != nil }) {
            row("wins", summary.sides.map { "\($0.wins ?? 0)" })
        }
        if let pace = summary.partner { lines.append("  " + pace.sentence(partnerName: session.partner)) }
        if summary.flaggedTrials > 0 {
            lines.append("  \(summary.flaggedTrials) trial(s) have timing flags (see --json: timing.flags).")
        }
        if summary.score != .medianReactionTime { lines.append("  Score: \(summary.score.explanation)") }
        lines.append("Replay this exact drill with --seed \(session.seed).")
        return lines.joined(separator: "\n")
    }
}
