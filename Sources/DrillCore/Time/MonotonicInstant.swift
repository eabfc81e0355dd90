/// A point on the CLOCK_MONOTONIC timeline, in integer nanoseconds.
///
/// Snapcue has one clock domain: kernel GPIO edge timestamps, ALSA status
/// timestamps and the scheduler all speak CLOCK_MONOTONIC. Swift's
/// `ContinuousClock` reads CLOCK_BOOTTIME on Linux, so it is never mixed in.
public struct MonotonicInstant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Nanoseconds since the clock's (arbitrary, boot-related) origin.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = MonotonicInstant(nanoseconds: 0)

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: Self, rhs: Duration) -> Self {
        Self(nanoseconds: lhs.nanoseconds + rhs.nanoseconds)
    }

    public static func - (lhs: Self, rhs: Duration) -> Self {
        Self(nanoseconds: lhs.nanoseconds - rhs.nanoseconds)
    }

    /// The signed span from `rhs` to `lhs`.
    public static func - (lhs: Self, rhs: Self) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    public var description: String { "\(nanoseconds)ns" }

    public init(from decoder: any Decoder) throws {
        nanoseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(nanoseconds)
    }
}
