/// A moment known only to lie between two clock readings, such as a light's
/// onset between the readings just before and just after its set call.
public struct TimedSpan: Equatable, Sendable {
    /// The reading just before.
    public let start: MonotonicInstant
    /// The reading just after.
    public let end: MonotonicInstant

    public init(start: MonotonicInstant, end: MonotonicInstant) {
        self.start = start
        self.end = end
    }

    /// The best estimate of the moment: the middle of the span.
    public var midpoint: MonotonicInstant { MonotonicInstant(nanoseconds: start.nanoseconds + halfWidthNanoseconds) }
    /// How far the moment can be from the midpoint.
    public var halfWidthNanoseconds: Int64 { (end.nanoseconds - start.nanoseconds) / 2 }
    /// The span's length.
    public var length: Duration { end - start }
}
