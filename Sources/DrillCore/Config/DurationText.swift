import Foundation

/// Reads and writes durations as people write them in profiles: a number and
/// a unit (`us`, `ms`, `s`, `min`). A bare number is refused, because `2` could
/// mean seconds or milliseconds.
public enum DurationText {
    /// Parses `250ms`, `1.5s`, `3min`, `500us` (spaces allowed before the unit).
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("min", 60e9), ("ms", 1e6), ("us", 1e3), ("µs", 1e3), ("ns", 1), ("s", 1e9),
        ]
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            guard !number.isEmpty, number.first != "+",
                let value = Double(number), value.isFinite, abs(value) < 1e7
            else { return nil }
            return .nanoseconds(Int64((value * unit.nanoseconds).rounded()))
        }
        return nil
    }
}
