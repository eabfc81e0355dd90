import DrillCore

/// How well a sound card's clock can be followed, from a run of position
/// readings (`snapcue hardware sound-clock`): the card's real rate, how far
/// its reported positions lag, and how exactly Snapcue's frame clock placed
/// cues against the card's own line.
///
/// The card's line is the reference: over the longest run without an xrun,
/// its slope is the least-squares rate of the reported positions and its
/// intercept their upper envelope (reported positions only lag the DAC).
/// Readings leading the median by more than `misreadFrames` are counted as
/// misreads and kept out of the envelope, as `FrameClockFit` does.
public struct SoundClockReport: Sendable {
    /// A distribution's figures, in frames.
    public struct Figures: Sendable {
        public let count: Int
        public let mean: Double
        public let sd: Double
        public let median: Double
        public let p99: Double
        public let maxMagnitude: Double

        init?(_ values: [Double]) {
            guard let mean = Descriptive.mean(values), let median = Descriptive.median(values),
                let p99 = Descriptive.quantile(values, 0.99)
            else { return nil }
            count = values.count
            self.mean = mean
            sd = Descriptive.standardDeviation(values) ?? 0
            self.median = median
            self.p99 = p99
            maxMagnitude = values.map(abs).max()!
        }
    }

    public let nominalRate: Int
    /// Readings in all, and the run's length.
    public let readings: Int
    public let seconds: Double
    /// Xruns during the run (each starts a new segment).
    public let xruns: Int
    /// Readings in the longest segment, which every figure below is about.
    public let segmentReadings: Int
    /// The card's rate against CLOCK_MONOTONIC, Hz.
    public let measuredRate: Double
    /// How far each reading lags the card's line, frames (the position step).
    public let lag: Figures
    /// Readings far ahead of the others: misread positions.
    public let misreads: Int
    /// Snapcue's mapping minus the card's line at each reading after the first
    /// `settle` (positive: a cue would sound late), frames.
    public let placement: Figures?
    /// The change of that error between readings `spacing` apart: the error
    /// of the interval between two cues that far apart, frames (magnitudes).
    public let interval: Figures?
    /// The share of those intervals within one frame.
    public let intervalsWithinOneFrame: Double?
    public let settle: Duration
    public let spacing: Duration

    /// The rate's deviation from nominal, in parts per million.
    public var ppm: Double { (measuredRate / Double(nominalRate) - 1) * 1e6 }

    /// Nil without at least 20 readings in one segment.
    public init?(
        _ observations: [SoundClockObservation], nominalRate: Int, misreadFrames: Double,
        settle: Duration = .seconds(10), spacing: Duration = .seconds(1)
    ) {
        var segments: [[SoundClockObservation]] = [[]]
        for observation in observations {
            if observation.afterXrun { segments.append([]) }
            segments[segments.count - 1].append(observation)
        }
        let segment = segments.max { $0.count < $1.count }!
        guard segment.count >= 20 else { return nil }
        self.nominalRate = nominalRate
        readings = observations.count
        seconds = Double((observations.last!.at - observations.first!.at).nanoseconds) / 1e9
        xruns = segments.count - 1
        segmentReadings = segment.count
        self.settle = settle
        self.spacing = spacing

        let start = segment[0].at.nanoseconds, firstFrame = segment[0].reportedFrame
        let times = segment.map { Double($0.at.nanoseconds - start) }
        let frames = segment.map { Double($0.reportedFrame - firstFrame) }
        guard let slope = Descriptive.leastSquaresSlope(x: times, y: frames) else { return nil }
        measuredRate = slope * 1e9
        let offsets = zip(times, frames).map { $1 - slope * $0 }
        let median = offsets.sorted()[offsets.count / 2]
        let inliers = offsets.filter { $0 <= median + misreadFrames }
        misreads = offsets.count - inliers.count
        let intercept = inliers.max()!
        lag = Figures(inliers.map { intercept - $0 })!

        // Snapcue's error at each reading, once its rate has been measured.
        let settled = segment.indices.filter { times[$0] >= Double(settle.nanoseconds) }
        let error = { (index: Int) in segment[index].mappedFrame - Double(firstFrame) - (intercept + slope * times[index]) }
        placement = Figures(settled.map(error))
        var changes: [Double] = []
        var later = settled.first ?? segment.count
        for index in settled {
            while later < segment.count, times[later] < times[index] + Double(spacing.nanoseconds) { later += 1 }
            guard later < segment.count else { break }
            changes.append(abs(error(later) - error(index)))
        }
        interval = Figures(changes)
        intervalsWithinOneFrame = changes.isEmpty ? nil : Double(changes.filter { $0 <= 1 }.count) / Double(changes.count)
    }
}
