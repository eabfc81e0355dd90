import DrillStats
import Foundation

/// A terminal chart of session median RT over time, with the Theil–Sen line.
///
///     ● session in the trend   ○ familiarisation or too few valid trials   · trend line
enum TrendChart {
    static func render(_ progress: AthleteProgress, width: Int = 60, height: Int = 12) -> String {
        let entries = progress.entries.filter { $0.point.medianMilliseconds != nil }
        guard entries.count >= 2 else { return "  (a chart needs at least two sessions with valid trials)" }
        let first = entries[0].point.startedAtMilliseconds, last = entries[entries.count - 1].point.startedAtMilliseconds
        let byTime = progress.trend?.unit != .session && last > first
        // Each charted session's number among all of them (sessions without a median keep their place).
        let ordinals = entries.map { entry in Double((progress.entries.firstIndex { $0.point == entry.point } ?? 0) + 1) }
        let xs: [Double] = byTime
            ? entries.map { Double($0.point.startedAtMilliseconds - first) / Double(last - first) }
            : ordinals.map { ($0 - ordinals[0]) / max(ordinals[ordinals.count - 1] - ordinals[0], 1) }
        let medians = entries.map { $0.point.medianMilliseconds! }
        var low = medians.min()!, high = medians.max()!
        if high - low < 10 { low -= 5; high += 5 }
        let column = { (x: Double) in min(width - 1, max(0, Int((x * Double(width - 1)).rounded()))) }
        let row = { (y: Double) in min(height - 1, max(0, Int(((high - y) / (high - low) * Double(height - 1)).rounded()))) }
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        if let trend = progress.trend {
            // The fit is in weeks since the first fitted session, or in session numbers.
            let fitted = progress.entries.filter(\.inTrend)
            for c in 0..<width {
                let fraction = Double(c) / Double(width - 1)
                let x: Double
                if byTime {
                    let time = Double(first) + fraction * Double(last - first)
                    x = (time - Double(fitted[0].point.startedAtMilliseconds)) / (7 * 86_400_000)
                } else {
                    // The fit's x is the session's number among all the athlete's sessions.
                    x = ordinals[0] + fraction * (ordinals[ordinals.count - 1] - ordinals[0])
                }
                let y = trend.fit.value(at: x)
                if y >= low && y <= high { grid[row(y)][c] = "·" }
            }
        }
        for (index, entry) in entries.enumerated() {
            grid[row(medians[index])][column(xs[index])] = entry.inTrend ? "●" : "○"
        }
        var lines: [String] = []
        for (index, cells) in grid.enumerated() {
            let value = high - Double(index) / Double(height - 1) * (high - low)
            let label = index == 0 || index == height - 1 || index == height / 2 ? String(format: "%6.0f ms ┤", value) : "          │"
            lines.append("  " + label + String(cells))
        }
        lines.append("  " + "          └" + String(repeating: "─", count: width))
        let left = byTime ? Format.localDate(milliseconds: first) : "session 1"
        let right = byTime ? Format.localDate(milliseconds: last) : "session \(entries.count)"
        lines.append("  " + String(repeating: " ", count: 11) + left + String(repeating: " ", count: max(1, width - left.count - right.count)) + right)
        lines.append("  ● in the trend   ○ familiarisation or too few valid trials   · Theil–Sen trend")
        return lines.joined(separator: "\n")
    }
}
