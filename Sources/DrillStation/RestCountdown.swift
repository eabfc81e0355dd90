import DrillCore
import Foundation
import Synchronization

/// Counts a rest down for a display: `show` gets the whole seconds left, once a second
/// from the start of the rest until it ends or `cancel()` is called. A count never
/// comes after `cancel()` returns, so the next status line is never overwritten.
public final class RestCountdown: Sendable {
    private let cancelled = Mutex(false)

    public init(until end: MonotonicInstant, clock: any MonotonicClock, show: @escaping @Sendable (Int) -> Void) {
        let thread = Thread { [self] in count(until: end, clock: clock, show: show) }
        thread.name = "rest countdown"
        thread.start()
    }

    private func count(until end: MonotonicInstant, clock: any MonotonicClock, show: @Sendable (Int) -> Void) {
        while true {
            let left = end.nanoseconds - clock.now().nanoseconds
            guard left > 0 else { return }
            let seconds = Int((left + 999_999_999) / 1_000_000_000)
            let shown = cancelled.withLock { stop in
                if !stop { show(seconds) }
                return !stop
            }
            guard shown else { return }
            // Sleep until the number shown is one too many (a whole second less is left), or the end.
            let untilNext = left - Int64(seconds - 1) * 1_000_000_000
            usleep(useconds_t(max(1, untilNext / 1_000)))
        }
    }

    /// Stops the count; returns once no count can follow.
    public func cancel() {
        cancelled.withLock { $0 = true }
    }

    /// `42 s` under a minute, else `1:05`.
    public static func text(seconds: Int) -> String {
        seconds < 60 ? "\(seconds) s" : String(format: "%d:%02d", seconds / 60, seconds % 60)
    }
}
