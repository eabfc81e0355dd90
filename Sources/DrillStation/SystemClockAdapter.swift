import DrillCore
import DrillLinux

/// The process's real clock (CLOCK_MONOTONIC).
public enum SystemMonotonicClockAdapter {
    public static let clock = SystemMonotonicClock()
}
