import DrillCore
import Synchronization

/// A clock that moves only when told: tests and fast simulations step it
/// from deadline to deadline, so a whole drill runs with no real sleeping.
public final class ManualClock: SleepingClock, Sendable {
    private let current: Atomic<Int64>

    public init(start: MonotonicInstant = MonotonicInstant(nanoseconds: 1_000_000_000)) {
        current = Atomic(start.nanoseconds)
    }

    public func now() -> MonotonicInstant { MonotonicInstant(nanoseconds: current.load(ordering: .acquiring)) }

    /// Jumps to `instant` (never backwards).
    public func sleep(until instant: MonotonicInstant) {
        advance(to: instant)
    }

    /// Moves the clock forward to `instant`; earlier instants are ignored.
    public func advance(to instant: MonotonicInstant) {
        var observed = current.load(ordering: .acquiring)
        while observed < instant.nanoseconds {
            let (exchanged, original) = current.compareExchange(
                expected: observed, desired: instant.nanoseconds, ordering: .acquiringAndReleasing)
            if exchanged { return }
            observed = original
        }
    }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        advance(to: now() + duration)
    }
}
