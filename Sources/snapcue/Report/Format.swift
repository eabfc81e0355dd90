import DrillCore
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
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    /// A text progress bar: `[#####.....]`.
    static func bar(done: Int, total: Int, width: Int = 20) -> String {
        let filled = total > 0 ? min(width, done * width / total) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    /// A side's result in a few words: `hit 243.1 ms`, `miss`, `wrong target (pad2) 310.0 ms`.
    static func result(_ result: SideResult) -> String {
        var text = result.outcome.label
        if result.outcome == .wrongTarget, let pressed = result.respondedSwitch { text += " (\(pressed))" }
        if let reaction = result.reactionTimeNanoseconds, result.outcome != .falseStart {
            text += " " + milliseconds(nanoseconds: reaction)
        }
        if let movement = result.movementTimeNanoseconds {
            text += " + move " + milliseconds(nanoseconds: movement)
        }
        return text
    }

    /// The current wall-clock time, ISO 8601 with offset (session metadata only).
    static func wallClockNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
