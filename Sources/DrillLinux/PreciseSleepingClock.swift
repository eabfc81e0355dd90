import DrillCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC whose `sleep(until:)` waits like the GPIO station's cue
/// thread: a `PreciseWaiter` (block until a learned margin before the
/// deadline, then spin). The simulated station uses it when it runs live, so
/// a drill on it is as punctual as one on real lines and its lateness figures
/// mean the same.
public final class PreciseSleepingClock: SleepingClock {
    private let system = SystemMonotonicClock()
    private let waiter = Mutex(PreciseWaiter())

    public init() {}

    public func now() -> MonotonicInstant { system.now() }

    /// Returns at or after `instant`, within microseconds of it where the thread is scheduled in time.
    public func sleep(until instant: MonotonicInstant) {
        waiter.withLock { waiter in
            var none: [pollfd] = []
            do {
                while try waiter.wait(until: instant, descriptors: &none) != .deadline {}
            } catch {
                // ppoll without descriptors does not fail; if it ever does, sleep plainly.
                system.sleep(until: instant)
            }
        }
    }
}
