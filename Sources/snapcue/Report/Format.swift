import DrillCore
import DrillStore
import Foundation

/// Number and time formatting shared by the reports.
enum Format {
    /// `243.1 ms`, or `–` for nothing.
    static func milliseconds(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.1f ms", value)
    }

    /// `86.7 %`, or `–`.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.1f %%", value * 100)
    }

    /// A nanosecond count as milliseconds.
    static func milliseconds(nanoseconds: Int64?) -> String {
        milliseconds(nanoseconds.map { Double($0) / 1e6 })
    }

    /// Pads or cuts `text` to `width` columns.
    /// `text` padded with spaces to `width`; longer text is kept whole (a number is never cut).
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// A text progress bar: `[#####.....]`.
    static func bar(done: Int, total: Int, width: Int = 20) -> String {
        let filled = total > 0 ? min(width, done * width / total) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    /// A side's result in a few words: `hit 243.1 ms`, `miss`, `wrong target (pad2) 310.0 ms`.
    /// One side's result as a line shows it (`hit 312.4 ms`), in its outcome's colour when `colored`.
    static func result(_ result: SideResult, colored: Bool = false) -> String {
        let text = plainResult(result)
        return colored ? ANSI.color(of: result.outcome) + text + ANSI.reset : text
    }

    private static func plainResult(_ result: SideResult) -> String {
        var text = result.outcome.label
        if result.outcome == .wrongTarget, let pressed = result.respondedSwitch { text += " (\(pressed))" }
        if let reaction = result.reactionTimeNanoseconds, result.outcome != .falseStart {
            text += " " + milliseconds(nanoseconds: reaction)
        }
        if let movement = result.movementTimeNanoseconds {
            text += " + move " + milliseconds(nanoseconds: movement)
        }
        if let total = result.totalTimeNanoseconds {
            text += ", total " + milliseconds(nanoseconds: total)
        }
        return text
    }

    /// A Unix-ms time as local `2026-11-25 17:30`, for tables.
    static func localTime(milliseconds: Int64) -> String { WallClock.localTime(milliseconds: milliseconds) }

    /// A Unix-ms time as a local date, `2026-11-25`.
    static func localDate(milliseconds: Int64) -> String { WallClock.localDate(milliseconds: milliseconds) }

    /// `items` joined by `separator` into lines of at most `width` columns, each after `indent`
    /// (an item longer than a line gets a line of its own).
    static func wrap(_ items: [String], separator: String = " · ", width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for item in items {
            if !line.isEmpty, indent.count + line.count + separator.count + item.count > width {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : separator) + item
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }

    /// `3.91 /s`, or `–`.
    static func speed(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.2f /s", value)
    }

    /// A signed change, `-4.2 ms`.
    static func signedMilliseconds(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%+.1f ms", value)
    }
}
