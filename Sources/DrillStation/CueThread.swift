import DrillLinux
import Foundation

/// What the cue thread asks of the scheduler: SCHED_FIFO at a priority, pinned to a CPU.
public struct RealtimeRequest: Sendable, Equatable {
    /// Whether to ask at all (`--no-realtime` says no).
    public var wanted: Bool
    /// SCHED_FIFO priority, 1–99.
    public var priority: Int32
    /// The CPU to pin the thread to, if any.
    public var cpu: Int?

    public init(wanted: Bool, priority: Int32 = 80, cpu: Int? = nil) {
        self.wanted = wanted
        self.priority = priority
        self.cpu = cpu
    }

    /// No real-time request (simulated drills, tests).
    public static let none = RealtimeRequest(wanted: false)
}

/// The one way a cue thread starts: named "snapcue-cue", with a 1 MiB stack,
/// real-time as requested (what was granted goes to `onRealtime`), running `body`.
public enum CueThread {
    /// Starts the thread; returns at once.
    public static func start(
        name: String = "snapcue-cue", realtime: RealtimeRequest,
        onRealtime: @escaping @Sendable (RealtimeThread.Report) -> Void = { _ in }, body: @escaping @Sendable () -> Void
    ) {
        let thread = Thread {
            nameCurrentThread(name)
            if realtime.wanted {
                onRealtime(RealtimeThread.configureCurrentThread(priority: realtime.priority, cpu: realtime.cpu))
            }
            body()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Runs `body` on a cue thread and waits for its result.
    public static func run<T: Sendable>(
        realtime: RealtimeRequest, onRealtime: @escaping @Sendable (RealtimeThread.Report) -> Void = { _ in },
        _ body: @escaping @Sendable () -> T
    ) -> T {
        let result = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        start(realtime: realtime, onRealtime: onRealtime) {
            result.set(body())
            done.signal()
        }
        done.wait()
        return result.value!
    }
}

/// One value handed from one thread to another, read after a semaphore.
private final class ResultBox<T>: @unchecked Sendable {
    private(set) var value: T?
    func set(_ value: T) { self.value = value }
}
