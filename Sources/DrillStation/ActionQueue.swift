import DrillCore
import Foundation
import Synchronization

/// Carries engine actions from the cue thread to the display thread, so
/// the cue thread never waits on the terminal or a database.
final class ActionQueue: Sendable {
    private let items = Mutex<(actions: [EngineAction], closed: Bool)>(([], false))
    private let available = DispatchSemaphore(value: 0)

    /// Adds an action (cue thread).
    func push(_ action: EngineAction) {
        items.withLock { $0.actions.append(action) }
        available.signal()
    }

    /// No more actions will come.
    func close() {
        items.withLock { $0.closed = true }
        available.signal()
    }

    /// Waits for the next actions; nil once closed and drained.
    func next() -> [EngineAction]? {
        while true {
            available.wait()
            let (batch, closed) = items.withLock { items in
                defer { items.actions.removeAll() }
                return (items.actions, items.closed)
            }
            if !batch.isEmpty { return batch }
            if closed { return nil }
        }
    }
}

/// Hands a non-Sendable value to exactly one other thread; the sender does
/// not touch it afterwards.
public struct Handoff<Value>: @unchecked Sendable {
    public let value: Value

    public init(value: Value) { self.value = value }
}
