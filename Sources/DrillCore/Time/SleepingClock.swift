/// A monotonic clock the runner can also wait on.
///
/// The real one sleeps (`clock_nanosleep` with `TIMER_ABSTIME`); the manual
/// one used in tests and fast simulations just jumps to the instant.
public protocol SleepingClock: MonotonicClock {
    /// Returns at or after `instant`.
    func sleep(until instant: MonotonicInstant)
}
