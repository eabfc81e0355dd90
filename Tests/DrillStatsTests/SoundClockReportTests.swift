import DrillCore
import Testing
@testable import DrillStats

@Suite("Sound clock report: a card's rate, position step and cue placement from its readings")
struct SoundClockReportTests {
    /// A card 50 ppm fast against the system clock.
    static let trueRate = 48_000 * (1 + 50e-6)

    /// Readings every 5 ms for `seconds`, of a driver whose position advances on a 4 ms tick (so a
    /// reading lags the DAC by up to 192 frames); Snapcue's mapping is the card's true line plus `error(t)`.
    static func readings(seconds: Int, error: (Double) -> Double = { _ in 0 }) -> [SoundClockObservation] {
        (0..<(seconds * 200)).map { index in
            let ms = Double(index) * 5
            let tick = (ms / 4).rounded(.down) * 4
            let truth = 1_000 + trueRate * ms / 1000
            return SoundClockObservation(
                reportedFrame: Int64((1_000 + trueRate * tick / 1000).rounded(.down)),
                at: MonotonicInstant(nanoseconds: 5_000_000_000 + Int64(ms * 1e6)),
                mappedFrame: truth + error(ms / 1000), afterXrun: false)
        }
    }

    @Test("the card's rate and its position step are measured from the readings alone")
    func rateAndStep() throws {
        let report = try #require(SoundClockReport(Self.readings(seconds: 30), nominalRate: 48_000, misreadFrames: 480))
        #expect(abs(report.ppm - 50) < 0.5)
        // Readings every 5 ms fall 0, 1, 2 and 3 ms after a tick: lags of 0, 48, 96 and 144 frames.
        #expect(abs(report.lag.maxMagnitude - 144) < 2)
        #expect(abs(report.lag.median - 72) < 2)  // between 48 and 96
        #expect(report.misreads == 0)
        #expect(report.readings == 6_000 && report.xruns == 0)
    }

    @Test("a mapping that steps by 2.5 frames at 20 s: only the intervals across the step are off")
    func placementAndIntervals() throws {
        let report = try #require(SoundClockReport(
            Self.readings(seconds: 30) { $0 < 20 ? 0.5 : 3 }, nominalRate: 48_000, misreadFrames: 480))
        let placement = try #require(report.placement), interval = try #require(report.interval)
        // The first 10 s (the rate being measured) are left out.
        #expect(placement.count == 20 * 200)
        #expect(abs(placement.maxMagnitude - 3) < 0.1)
        #expect(abs(interval.maxMagnitude - 2.5) < 0.1)
        // Pairs start from 10 s to 29 s; those starting in [19 s, 20 s) straddle the step: one second in 19.
        let within = try #require(report.intervalsWithinOneFrame)
        #expect(abs(within - 18.0 / 19.0) < 0.01)
    }

    @Test("readings a buffer ahead are counted as misreads and do not move the card's line")
    func misreads() throws {
        var readings = Self.readings(seconds: 30)
        for index in 3_000..<3_040 {
            let reading = readings[index]
            readings[index] = SoundClockObservation(
                reportedFrame: reading.reportedFrame + 1_920, at: reading.at, mappedFrame: reading.mappedFrame, afterXrun: false)
        }
        let report = try #require(SoundClockReport(readings, nominalRate: 48_000, misreadFrames: 480))
        #expect(report.misreads == 40)
        #expect(try #require(report.placement).maxMagnitude < 1)
    }

    @Test("an xrun starts a new stretch, and the figures come from the longest")
    func xrunSegments() throws {
        var readings = Self.readings(seconds: 30)
        let cut = readings[500]
        // After the xrun, every frame reaches the DAC 240 frames later than before.
        readings = readings.enumerated().map { index, reading in
            index < 500 ? reading : SoundClockObservation(
                reportedFrame: reading.reportedFrame - 240, at: reading.at, mappedFrame: reading.mappedFrame - 240,
                afterXrun: reading.at == cut.at)
        }
        let report = try #require(SoundClockReport(readings, nominalRate: 48_000, misreadFrames: 480))
        #expect(report.xruns == 1 && report.segmentReadings == 5_500)
        #expect(try #require(report.placement).maxMagnitude < 1)
    }

    @Test("fewer than 20 readings in any stretch: no report")
    func tooFew() {
        #expect(SoundClockReport(Array(Self.readings(seconds: 1).prefix(19)), nominalRate: 48_000, misreadFrames: 480) == nil)
    }
}
