import DrillCore
import DrillStation
import Foundation
import Synchronization
import Testing

@Suite("Rest countdown")
struct RestCountdownTests {
    /// The numbers a countdown showed, in order.
    final class Shown: Sendable {
        let values = Mutex<[Int]>([])
        var all: [Int] { values.withLock { $0 } }
        func add(_ value: Int) { values.withLock { $0.append(value) } }
    }

    @Test("a rest counts down whole seconds left, from the rest's length, and stops at its end")
    func countsDownToTheEnd() throws {
        let clock = SystemMonotonicClockAdapter.clock
        let shown = Shown()
        _ = RestCountdown(until: clock.now() + .milliseconds(2_400), clock: clock) { shown.add($0) }
        Thread.sleep(forTimeInterval: 3.2)
        let values = shown.all
        // A busy machine may wake the count late and skip a second, never show one twice or count up.
        #expect(values.first == 3)
        #expect(values == values.sorted(by: >) && Set(values).count == values.count, "\(values)")
        #expect(values.allSatisfy { (1...3).contains($0) }, "\(values)")
    }

    @Test("nothing is shown once cancel() returns, so the next status line stays")
    func cancelStopsTheCount() throws {
        let clock = SystemMonotonicClockAdapter.clock
        let shown = Shown()
        let countdown = RestCountdown(until: clock.now() + .seconds(30), clock: clock) { shown.add($0) }
        Thread.sleep(forTimeInterval: 0.3)
        countdown.cancel()
        let atCancel = shown.all
        Thread.sleep(forTimeInterval: 1.3)
        #expect(atCancel == [30] || atCancel.isEmpty, "\(atCancel)")  // a busy machine may not have run it yet
        #expect(shown.all == atCancel)
    }

    @Test("the time left reads as seconds under a minute, else minutes and seconds")
    func text() {
        #expect(RestCountdown.text(seconds: 42) == "42 s")
        #expect(RestCountdown.text(seconds: 65) == "1:05")
        #expect(RestCountdown.text(seconds: 600) == "10:00")
    }
}
