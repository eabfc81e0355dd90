import Foundation
import Synchronization

/// A date formatter built once and shared: building a `DateFormatter` costs far
/// more than using one, and reports format a time per row. Each use holds the
/// formatter's lock (Foundation's formatters are not safe to share unguarded).
final class CachedFormatter: Sendable {
    private let formatter: Mutex<DateFormatter>

    /// A formatter of `format` (`yyyy-MM-dd`), in the POSIX locale and the local time zone
    /// unless `utc`; not lenient.
    init(_ format: String, utc: Bool = false) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = format
        formatter.isLenient = false
        if utc { formatter.timeZone = TimeZone(identifier: "UTC") }
        self.formatter = Mutex(formatter)
    }

    func string(from date: Date) -> String { formatter.withLock { $0.string(from: date) } }

    func date(from text: String) -> Date? { formatter.withLock { $0.date(from: text) } }
}

/// ISO 8601 parsers built once, with and without fractional seconds.
final class CachedISOParser: Sendable {
    private let parser: Mutex<ISO8601DateFormatter>

    init(fractional: Bool) {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        self.parser = Mutex(parser)
    }

    func date(from text: String) -> Date? { parser.withLock { $0.date(from: text) } }
}
