import DrillCore
import Foundation
import Synchronization

/// The station's live picture, shared between the thread that runs a drill's
/// display side and every browser watching it.
///
/// The drill's display thread calls `begin` and `apply` (never the cue
/// thread: it must not take locks); watchers get the current picture at once
/// and then each change. A slow watcher only ever gets the newest picture,
/// never a backlog, so no client can hold the drill up.
public final class LiveBoard: Sendable {
    private struct Shared {
        var state = LiveState()
        var watchers: [UUID: AsyncStream<LiveState>.Continuation] = [:]
    }

    private let shared = Mutex(Shared())
    private let heartbeat: Duration

    /// - Parameter heartbeat: how often an idle watcher is sent the picture again.
    public init(heartbeat: Duration = .seconds(15)) {
        self.heartbeat = heartbeat
    }

    /// The current picture.
    public var current: LiveState { shared.withLock { $0.state } }

    /// How many watchers are connected.
    public var watcherCount: Int { shared.withLock { $0.watchers.count } }

    /// A new drill starts: the picture resets to it.
    public func begin(_ drill: LiveState.Drill) {
        update { state in state = LiveState(starting: drill, sequence: state.sequence + 1) }
    }

    /// Folds one engine action into the picture and tells every watcher.
    public func apply(_ action: EngineAction) {
        update { $0.apply(action) }
    }

    private func update(_ change: (inout LiveState) -> Void) {
        shared.withLock { shared in
            change(&shared.state)
            for watcher in shared.watchers.values { watcher.yield(shared.state) }
        }
    }

    /// The current picture, then every change. When nothing changes for
    /// `heartbeat`, the picture is sent again (same `sequence`): that keeps
    /// proxies open and finds watchers that have gone. A watcher that falls
    /// behind skips to the newest picture. The stream ends when the consumer
    /// stops iterating.
    public func pictures() -> AsyncStream<LiveState> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: LiveState.self, bufferingPolicy: .bufferingNewest(1))
        let interval = heartbeat
        let ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                guard let self else { break }
                continuation.yield(self.current)
            }
        }
        continuation.onTermination = { [weak self] _ in
            ticker.cancel()
            self?.shared.withLock { _ = $0.watchers.removeValue(forKey: id) }
        }
        shared.withLock { shared in
            shared.watchers[id] = continuation
            continuation.yield(shared.state)
        }
        return stream
    }
}
