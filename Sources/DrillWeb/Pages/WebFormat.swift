import DrillStore
import Foundation

/// Numbers and dates as the pages show them.
enum WebFormat {
    /// `243.1`, or `–`.
    static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.1f", value)
    }

    /// `86.7 %`, or `–`.
    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.1f %%", value * 100)
    }

    /// `4.12`, or `–` (mean 1/RT, per second).
    static func speed(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.2f", value)
    }

    /// `+3.2` with an explicit sign, or `–`.
    static func signed(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%+.1f", value)
    }

    /// `2026-12-03 14:05` in the station's time zone.
    static func dateTime(milliseconds: Int64) -> String { WallClock.localTime(milliseconds: milliseconds) }

    /// `2026-12-03`.
    static func date(milliseconds: Int64) -> String { WallClock.localDate(milliseconds: milliseconds) }

    /// `12-03`, for chart axes.
    static func shortDate(milliseconds: Int64) -> String { WallClock.localMonthDay(milliseconds: milliseconds) }
}
