/// The one clock the engine reads: CLOCK_MONOTONIC, injectable.
///
/// Real stations use `SystemMonotonicClock` (DrillLinux); tests and the
/// simulated station use `ManualClock` (DrillSim), which only moves when told.
public protocol MonotonicClock: Sendable {
    /// The current instant on the CLOCK_MONOTONIC timeline.
    func now() -> MonotonicInstant
}
