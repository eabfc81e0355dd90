import DrillCore
#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC, the clock of kernel GPIO edge timestamps and of ALSA
/// status timestamps (set to monotonic). Not `ContinuousClock`, which reads
/// CLOCK_BOOTTIME on Linux.
public struct SystemMonotonicClock: SleepingClock {
    public init() {}

    /// The corresponding C function is `clock_gettime(CLOCK_MONOTONIC)`.
    public func now() -> MonotonicInstant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicInstant(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }

    /// Sleeps to an absolute deadline, so a late wake-up does not add up over
    /// a drill. The corresponding C function is `clock_nanosleep` with
    /// `TIMER_ABSTIME`; EINTR is retried.
    public func sleep(until instant: MonotonicInstant) {
        var spec = timespec(
            tv_sec: Int(instant.nanoseconds / 1_000_000_000), tv_nsec: Int(instant.nanoseconds % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil) == EINTR {}
    }
}
