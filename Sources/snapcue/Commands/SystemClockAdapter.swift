import DrillCore
import DrillLinux

/// The process's real clock (CLOCK_MONOTONIC).
enum SystemMonotonicClockAdapter {
    static let clock = SystemMonotonicClock()
}
