/// Turns one switch line's raw kernel edge events into clean presses and
/// releases.
///
/// - Debounce keeps the *first* edge's timestamp: edges within `debounce`
///   of an accepted edge are bounce and are counted, not reported.
/// - The reported edge type is not trusted blindly: the kernel decides
///   rising/falling by reading the level after the interrupt, so fast bounces
///   can be mis-typed. An accepted edge always flips the tracked state; a type
///   that disagrees is counted as mis-typed.
/// - When in doubt (after bounce or a mis-typed edge), the line level is read
///   once the debounce window has passed (`resync`); if it disagrees with the
///   tracked state, an edge was lost and the state is corrected.
/// - A gap in the kernel's sequence numbers (libgpiod 2.x) counts as dropped edges.
public struct SwitchTracker: Sendable {
    /// The switch's station name.
    public let name: String
    /// Edges closer than this to an accepted edge are bounce.
    public let debounce: Duration

    /// Whether the switch is pressed, as tracked.
    public private(set) var isPressed: Bool
    private var lastAccepted: MonotonicInstant?
    private var lastSequence: UInt64?
    /// Whether the level should be read after the debounce window.
    public private(set) var needsResync = false

    /// Quality counters since the last `takeFlags()`.
    public private(set) var bounces = 0
    public private(set) var misTyped = 0
    public private(set) var dropped = 0

    public init(name: String, debounce: Duration, initiallyPressed: Bool) {
        self.name = name
        self.debounce = debounce
        isPressed = initiallyPressed
    }

    /// A raw kernel event. Returns the clean edge it stands for, if any.
    public mutating func event(at timestamp: MonotonicInstant, reportedActive: Bool, sequence: UInt64? = nil) -> SwitchEdge? {
        if let sequence, sequence > 0 {
            if let lastSequence, sequence > lastSequence + 1 {
                dropped += Int(sequence - lastSequence - 1)
                needsResync = true
            }
            lastSequence = sequence
        }
        if let lastAccepted, timestamp - lastAccepted < debounce {
            bounces += 1
            needsResync = true
            return nil
        }
        let pressed = !isPressed
        if reportedActive != pressed {
            misTyped += 1
            needsResync = true
        }
        isPressed = pressed
        lastAccepted = timestamp
        return SwitchEdge(switchName: name, kind: pressed ? .press : .release, timestamp: timestamp)
    }

    /// When the level may be read to resolve a doubt, or nil when there is none.
    public var resyncDue: MonotonicInstant? {
        guard needsResync else { return nil }
        return (lastAccepted ?? .zero) + debounce
    }

    /// The line level read at `now` (after `resyncDue`). Returns a corrective
    /// edge, stamped `now`, if the tracked state was wrong.
    public mutating func resync(level pressed: Bool, at now: MonotonicInstant) -> SwitchEdge? {
        needsResync = false
        guard pressed != isPressed else { return nil }
        dropped += 1
        isPressed = pressed
        lastAccepted = now
        return SwitchEdge(switchName: name, kind: pressed ? .press : .release, timestamp: now)
    }

    /// The timing flags for what was seen since the last call, and resets the counters.
    public mutating func takeFlags() -> [TimingFlag] {
        var flags: [TimingFlag] = []
        if bounces > 0 { flags.append(.bounce) }
        if dropped > 0 || misTyped > 0 { flags.append(.droppedEdges) }
        bounces = 0
        misTyped = 0
        dropped = 0
        return flags
    }
}
