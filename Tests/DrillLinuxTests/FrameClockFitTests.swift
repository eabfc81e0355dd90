import DrillCore
import Testing
@testable import DrillLinux

@Suite("Frame ↔ clock fit of a sound stream")
struct FrameClockFitTests {
    /// 48 kHz: 48 frames per millisecond.
    static let rate = 48_000

    /// Observations every 5 ms of a stream whose frame `offset + 48 × ms` reaches the DAC at `ms`,
    /// each reported position lagging by up to `lag` frames (positions only ever lag).
    static func observe(_ fit: inout FrameClockFit, from startMs: Int64, count: Int, offset: Int64, lag: [Int64] = [0, 7, 3, 11]) {
        for index in 0..<count {
            let ms = startMs + Int64(index) * 5
            fit.add(frame: offset + 48 * ms - lag[index % lag.count], at: MonotonicInstant(nanoseconds: ms * 1_000_000))
        }
    }

    @Test("the least-lagging observation sets the mapping: lagging reports do not pull it late")
    func upperEnvelope() {
        var fit = FrameClockFit(nominalRate: Self.rate)
        Self.observe(&fit, from: 0, count: 100, offset: 1_000)
        let at = MonotonicInstant(nanoseconds: 600_000_000)
        #expect(abs(fit.frame(at: at) - Double(1_000 + 48 * 600)) < 0.5)
        #expect(fit.instant(ofFrame: 1_000 + 48 * 600) == at)
    }

    @Test("after an xrun, restart() maps frames by the new position at once (one period of frames lost)")
    func restartAfterXrun() {
        var fit = FrameClockFit(nominalRate: Self.rate)
        Self.observe(&fit, from: 0, count: 100, offset: 1_000)
        // The xrun: the device lost 240 frames, so every frame reaches the DAC 5 ms later than it would have.
        fit.restart()
        #expect(!fit.isReady)
        Self.observe(&fit, from: 500, count: 1, offset: 1_000 - 240)
        #expect(fit.isReady)
        let at = MonotonicInstant(nanoseconds: 700_000_000)
        #expect(abs(fit.frame(at: at) - Double(1_000 - 240 + 48 * 700)) < 0.5)
    }

    @Test("without a restart the pre-xrun observations would keep the old mapping for a whole window")
    func staleWithoutRestart() {
        var fit = FrameClockFit(nominalRate: Self.rate)
        Self.observe(&fit, from: 0, count: 100, offset: 1_000)
        Self.observe(&fit, from: 500, count: 10, offset: 1_000 - 240)
        let at = MonotonicInstant(nanoseconds: 700_000_000)
        // The envelope still holds the earlier, 240-frame-ahead mapping: this is what restart() prevents.
        #expect(abs(fit.frame(at: at) - Double(1_000 + 48 * 700)) < 0.5)
    }
}
