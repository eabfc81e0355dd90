import CGPIOShim
import DrillCore
#if canImport(Glibc)
import Glibc
#endif

/// Waits for a CLOCK_MONOTONIC deadline, or for file descriptors to become
/// readable, with microsecond punctuality: `ppoll` (nanosecond timeout)
/// until `spinMargin` before the deadline, then a spin on the clock that
/// checks the descriptors without blocking every 32 readings.
///
/// The margin adapts to how late this machine's wake-ups are: each blocking
/// wait that ends on its timeout measures its overshoot, and a stochastic
/// quantile tracker follows the 90th percentile of overshoot (up 9 µs when a
/// wake-up is later than the estimate, down 1 µs otherwise). The margin is
/// 1.5 × that + 20 µs, between 30 µs and 2 ms, so the spin (the only CPU the
/// cue thread uses while waiting) stays small on a quiet real-time system and
/// grows where wake-ups are late (emulation, no SCHED_FIFO); rare spikes do
/// not inflate it.
public struct PreciseWaiter: Sendable {
    /// What ended a wait.
    public enum Result: Equatable, Sendable {
        /// The deadline has come.
        case deadline
        /// At least one descriptor is readable (see its `revents`).
        case readable
        /// `pollSlice` passed: check for stop requests and wait again.
        case sliceEnded
    }

    public let clock: SystemMonotonicClock
    /// The longest single blocking wait.
    public var pollSlice: Duration = .milliseconds(50)
    /// Estimated late wake-up of a blocking wait, in nanoseconds.
    private var overshootEstimate: Int64 = 100_000

    /// How long before a deadline blocking ends and spinning begins.
    public var spinMargin: Duration {
        .nanoseconds(min(max(overshootEstimate * 3 / 2 + 20_000, 30_000), 2_000_000))
    }

    public init(clock: SystemMonotonicClock = SystemMonotonicClock()) { self.clock = clock }

    /// Waits until `deadline` (nil: none), a readable descriptor, or one `pollSlice`.
    public mutating func wait(until deadline: MonotonicInstant?, descriptors: inout [pollfd]) throws -> Result {
        let now = clock.now()
        if let deadline, deadline <= now { return .deadline }
        let blockUntil = deadline.map { $0 - spinMargin }
        if blockUntil == nil || blockUntil! > now {
            var limit = pollSlice
            var lastBlock = false
            if let blockUntil, blockUntil - now <= limit {
                limit = blockUntil - now
                lastBlock = true
            }
            if try poll(&descriptors, timeout: limit) { return .readable }
            if lastBlock { learnOvershoot((clock.now() - blockUntil!).nanoseconds) }
            return .sliceEnded
        }
        var readings = 0
        while clock.now() < deadline! {
            readings &+= 1
            if readings & 31 == 0, !descriptors.isEmpty, try poll(&descriptors, timeout: .zero) { return .readable }
        }
        return .deadline
    }

    private mutating func learnOvershoot(_ overshoot: Int64) {
        if overshoot > overshootEstimate {
            overshootEstimate = min(overshootEstimate + 9_000, 2_000_000)
        } else {
            overshootEstimate = max(overshootEstimate - 1_000, 0)
        }
    }

    /// `ppoll` with a nanosecond timeout; true when a descriptor has events. EINTR counts as none.
    private func poll(_ descriptors: inout [pollfd], timeout: Duration) throws -> Bool {
        let ready = snapcue_ppoll(&descriptors, nfds_t(descriptors.count), timeout.nanoseconds)
        if ready < 0 {
            if errno == EINTR { return false }
            throw StationFault("waiting for switch events failed: \(String(cString: strerror(errno)))")
        }
        return ready > 0
    }
}
