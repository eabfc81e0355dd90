import DrillCore
import Testing
@testable import DrillLinux
#if canImport(Glibc)
import Glibc
#endif

@Suite("Precise waiter (ppoll, then spin)")
struct PreciseWaiterTests {
    let clock = SystemMonotonicClock()

    @Test("a wait ends at or after its deadline, never before")
    func deadline() throws {
        var waiter = PreciseWaiter(clock: clock)
        var descriptors: [pollfd] = []
        for _ in 0..<20 {
            let deadline = clock.now() + .milliseconds(2)
            while try waiter.wait(until: deadline, descriptors: &descriptors) != .deadline {}
            #expect(clock.now() >= deadline)
        }
    }

    @Test("a readable descriptor ends the wait before the deadline")
    func readable() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        var byte: UInt8 = 1
        #expect(write(fds[1], &byte, 1) == 1)
        var waiter = PreciseWaiter(clock: clock)
        var descriptors = [pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)]
        let started = clock.now()
        #expect(try waiter.wait(until: started + .seconds(5), descriptors: &descriptors) == .readable)
        #expect(clock.now() - started < .seconds(1))
    }

    @Test("the spin margin follows the measured wake-up lateness and stays within its bounds")
    func adaptiveMargin() throws {
        var waiter = PreciseWaiter(clock: clock)
        var descriptors: [pollfd] = []
        for _ in 0..<200 {
            let deadline = clock.now() + .milliseconds(1)
            while try waiter.wait(until: deadline, descriptors: &descriptors) != .deadline {}
        }
        #expect(waiter.spinMargin >= .microseconds(30))
        #expect(waiter.spinMargin <= .milliseconds(2))
    }
}
