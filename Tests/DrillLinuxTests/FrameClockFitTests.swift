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
        var fit = FrameClockFit(nominalRate: Self.rate, periodFrames: 240)
        Self.observe(&fit, from: 0, count: 100, offset: 1_000)
        let at = MonotonicInstant(nanoseconds: 600_000_000)
        #expect(abs(fit.frame(at: at) - Double(1_000 + 48 * 600)) < 0.5)
        #expect(fit.instant(ofFrame: 1_000 + 48 * 600) == at)
    }

    @Test("after an xrun, restart() maps frames by the new position at once (one period of frames lost)")
    func restartAfterXrun() {
        var fit = FrameClockFit(nominalRate: Self.rate, periodFrames: 240)
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
        var fit = FrameClockFit(nominalRate: Self.rate, periodFrames: 240)
        Self.observe(&fit, from: 0, count: 100, offset: 1_000)
        Self.observe(&fit, from: 500, count: 10, offset: 1_000 - 240)
        let at = MonotonicInstant(nanoseconds: 700_000_000)
        // The envelope still holds the earlier, 240-frame-ahead mapping: this is what restart() prevents.
        #expect(abs(fit.frame(at: at) - Double(1_000 + 48 * 700)) < 0.5)
    }

    @Test("observations leading by a whole buffer, fewer than half the window, do not move the mapping")
    func misreadLeadsAreIgnored() {
        var fit = FrameClockFit(nominalRate: Self.rate, periodFrames: 240)
        Self.observe(&fit, from: 0, count: 150, offset: 1_000)
        // 0.3 s of positions read a buffer (1 920 frames) ahead of the DAC, then good ones again.
        Self.observe(&fit, from: 750, count: 60, offset: 1_000 + 1_920)
        Self.observe(&fit, from: 1_050, count: 20, offset: 1_000)
        let at = MonotonicInstant(nanoseconds: 1_200_000_000)
        #expect(abs(fit.frame(at: at) - Double(1_000 + 48 * 1_200)) < 0.5)
        #expect(fit.residualFrames < 10)
    }

    @Test("a lasting jump without an xrun is followed once it holds most of the window")
    func lastingJumpIsFollowed() {
        var fit = FrameClockFit(nominalRate: Self.rate, periodFrames: 240)
        Self.observe(&fit, from: 0, count: 100, offset: 1_000)
        Self.observe(&fit, from: 500, count: 40, offset: 1_000 + 1_920)
        let before = MonotonicInstant(nanoseconds: 700_000_000)
        #expect(abs(fit.frame(at: before) - Double(1_000 + 48 * 700)) < 0.5)
        Self.observe(&fit, from: 700, count: 70, offset: 1_000 + 1_920)
        let after = MonotonicInstant(nanoseconds: 1_100_000_000)
        #expect(abs(fit.frame(at: after) - Double(1_000 + 1_920 + 48 * 1_100)) < 0.5)
    }

    @Test("lag jitter of a pointer step stays in the envelope: the least-lagging report still sets the mapping")
    func pointerStepLagIsKept() {
        var fit = FrameClockFit(nominalRate: Self.rate, periodFrames: 240)
        // A driver whose position advances on a 4 ms tick: reports lag by 0 to 191 frames, mostly a lot.
        Self.observe(&fit, from: 0, count: 200, offset: 1_000, lag: [191, 150, 120, 180, 0, 160, 170, 140])
        let at = MonotonicInstant(nanoseconds: 1_200_000_000)
        #expect(abs(fit.frame(at: at) - Double(1_000 + 48 * 1_200)) < 0.5)
    }

    @Test("once the rate is measured, the envelope spans 3 s: a least-lagging reading 2 s old still sets the mapping")
    func settledWindowKeepsBestReading() {
        func fit(settledWindow: Int) -> FrameClockFit {
            var fit = FrameClockFit(nominalRate: Self.rate, periodFrames: 240, settledWindow: settledWindow)
            // Every reading lags by 3 frames but one, at 11.5 s (after the rate is measured, about 11.3 s in).
            for index in 0..<2_720 {
                let ms = Int64(index) * 5
                fit.add(frame: 1_000 + 48 * ms - (ms == 11_500 ? 0 : 3), at: MonotonicInstant(nanoseconds: ms * 1_000_000))
            }
            return fit
        }
        let at = MonotonicInstant(nanoseconds: 13_600_000_000), truth = Double(1_000 + 48 * 13_600)
        let settled = fit(settledWindow: 600)
        #expect(settled.isRateMeasured)
        #expect(abs(settled.frame(at: at) - truth) < 0.5)
        // With a 1.3 s envelope throughout, that reading has left the window.
        #expect(abs(fit(settledWindow: 256).frame(at: at) - (truth - 3)) < 0.5)
    }
}
