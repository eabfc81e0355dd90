import Foundation

extension Duration {
    /// The duration as whole nanoseconds (sub-nanosecond parts are truncated).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in (fractional) milliseconds, for display and statistics.
    public var milliseconds: Double { Double(nanoseconds) / 1_000_000 }

    /// The duration in (fractional) seconds.
    public var seconds: Double { Double(nanoseconds) / 1_000_000_000 }

    /// A short human form: `250ms`, `1.5s`, `3min`, `180us`.
    public var compactDescription: String {
        let ns = nanoseconds
        func trimmed(_ value: Double) -> String {
            let text = String(format: "%.3f", value)
            var result = Substring(text)
            while result.hasSuffix("0") { result = result.dropLast() }
            if result.hasSuffix(".") { result = result.dropLast() }
            return String(result)
        }
        if ns != 0 && ns % 60_000_000_000 == 0 { return "\(ns / 60_000_000_000)min" }
        if abs(ns) >= 1_000_000_000 { return trimmed(Double(ns) / 1e9) + "s" }
        if abs(ns) >= 1_000_000 || ns == 0 { return trimmed(Double(ns) / 1e6) + "ms" }
        if abs(ns) >= 1_000 { return trimmed(Double(ns) / 1e3) + "us" }
        return "\(ns)ns"
    }
}
