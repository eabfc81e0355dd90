import Synchronization

/// Asks a running drill to stop; safe to set from a signal handler's thread.
public final class StopSignal: Sendable {
    private let flag = Atomic(false)

    public init() {}

    /// Asks the drill to stop at its next wait.
    public func request() { flag.store(true, ordering: .releasing) }

    /// Whether a stop was asked for.
    public var isRequested: Bool { flag.load(ordering: .acquiring) }
}
