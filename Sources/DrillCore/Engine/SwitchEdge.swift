/// A switch changing state, with the time it happened.
///
/// On a real station `timestamp` is the kernel's CLOCK_MONOTONIC edge
/// timestamp, never a user-space time taken after the read returned.
public struct SwitchEdge: Equatable, Sendable, Codable {
    /// Pressed or released.
    public enum Kind: String, Equatable, Sendable, Codable {
        case press, release
    }

    /// The switch's station name.
    public var switchName: String
    /// Pressed or released.
    public var kind: Kind
    /// When it happened (CLOCK_MONOTONIC).
    public var timestamp: MonotonicInstant
    /// When the program read it (CLOCK_MONOTONIC, user space), for reports
    /// that contrast kernel timestamps with the naive read time. Never used
    /// for timing.
    public var readAt: MonotonicInstant?

    public init(switchName: String, kind: Kind, timestamp: MonotonicInstant, readAt: MonotonicInstant? = nil) {
        self.switchName = switchName
        self.kind = kind
        self.timestamp = timestamp
        self.readAt = readAt
    }

    private enum CodingKeys: String, CodingKey {
        case switchName = "switch", kind, timestamp = "t_ns", readAt = "read_ns"
    }
}
