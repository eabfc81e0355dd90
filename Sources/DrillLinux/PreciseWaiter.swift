import CGPIOShim
import DrillCore
#if canImport(Glibc)
import Glibc
#endif

/// Waits for a CLOCK_MONOTONIC deadline, or for file descriptors to become
/// readable, with microsecond punctuality: `ppoll` (nanosecond timeout)
/// until `spinMargin` before the deadline, then a spin on the clock that
/// checks the descriptors without blocking every 32 readings. The cue
/// thread's CPU use while waiting stays near zero; the spin costs at most
/// `spinMargin` per deadline.
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
    /// How long before a deadline blocking ends and spinning begins.
    public var spinMargin: Duration = .microseconds(300)
    /// The longest single blocking wait.
    public var pollSlice: Duration = .milliseconds(50)

    public init(clock: SystemMonotonicClock = SystemMonotonicClock()) { self.clock = clock }

    /// Waits until `deadline` (nil: none), a readable descriptor, or one `pollSlice`.
    public func wait(until deadline: MonotonicInstant?, descriptors: inout [pollfd]) throws -> Result {
        let now = clock.now()
        if let deadline, deadline <= now { return .deadline }
        let blockUntil = deadline.map { $0 - spinMargin }
        if blockUntil == nil || blockUntil! > now {
            var limit = pollSlice
            if let blockUntil, blockUntil - now < limit { limit = blockUntil - now }
            return try poll(&descriptors, timeout: limit) ? .readable : .sliceEnded
        }
        var readings = 0
        while clock.now() < deadline! {
            readings &+= 1
            if readings & 31 == 0, !descriptors.isEmpty, try poll(&descriptors, timeout: .zero) { return .readable }
        }
        return .deadline
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
