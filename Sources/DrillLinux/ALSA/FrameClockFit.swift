import DrillCore

/// The mapping between a sound stream's frame count and CLOCK_MONOTONIC:
/// frame = intercept + slope × (t − origin), from observations of the frame
/// that reaches the DAC at time t (ALSA's status timestamp and delay).
///
/// - The intercept is the upper envelope of the most recent observations:
///   the largest frame − slope × t among them. A reported position can only
///   lag the true DAC position (pointers advance on period interrupts, USB
///   completions or, for snd-aloop, the kernel tick), never lead it, so the
///   least-lagging observation is the closest to the truth; a mean would
///   carry half the lag and its jitter.
/// - The envelope spans `window` observations until the rate is measured,
///   then `settledWindow`. Which least-lagging reading a window happens to
///   hold moves the intercept by a frame or two from one window to the next;
///   a longer window holds a better one more steadily, but only once the
///   slope is right (a slope ε off costs ε × the window). In replays of the
///   virtual station's loopback readings, 1 s intervals between cues came
///   within a frame 90 % of the time with 3 s, against 71 % with 1.3 s.
/// - An observation more than `leadTolerance` frames above the median
///   (frame − slope × t) of the latest `window` is not taken for the
///   envelope or the slope:
///   lag jitter spans a pointer step at most, so such a lead is a misread
///   position, and the upper envelope would otherwise hold it for a whole
///   window. (A virtual-station run once placed a cue a whole buffer late,
///   with no xrun, while its window held such observations.) A lasting jump
///   is followed once it holds most of the latest `window`; after an xrun
///   `restart()` follows it at once.
/// - The slope (the card's real sample rate as the monotonic clock sees it)
///   comes from a long baseline: the mean of the first `window` observations
///   against the mean of the latest `window`, once they are at least
///   `baseline` apart. A short baseline would turn timestamp noise into rate
///   error; a long one measures crystal drift (typically < 100 ppm) to a few
///   ppm. Until then, and for any estimate more than 1000 ppm off, the
///   nominal rate is used.
/// - After an xrun the device replays from a new position: `restart()` drops
///   the observations from before it (they would hold the intercept at the
///   old, now too early, mapping for a whole window) and keeps the slope.
struct FrameClockFit {
    private let window: Int
    private let settledWindow: Int
    private let baseline: Int64
    private let nominalSlope: Double
    private let leadTolerance: Double
    private var origin: Int64?
    /// The latest observations, oldest first (at most `settledWindow`).
    private var times: [Double] = []
    private var frames: [Double] = []
    private var reference: (time: Double, frame: Double)?

    private(set) var intercept = 0.0
    private(set) var slope: Double
    /// True once the slope is measured rather than nominal.
    private(set) var isRateMeasured = false
    /// Root-mean-square residual of the recent observations taken (the
    /// inliers), in frames.
    private(set) var residualFrames = 0.0
    private(set) var isReady = false

    /// 256 observations (1.3 s at 5 ms periods), then 600 (3 s): enough
    /// that, for a driver whose position advances on the 4 ms kernel tick,
    /// the least-lagging observation lags by well under a frame.
    /// `leadTolerance` (frames) must exceed the driver's position step: two
    /// periods, or 10 ms, whichever is larger, covers period interrupts and a
    /// 100 Hz kernel tick.
    init(nominalRate: Int, periodFrames: Int, window: Int = 256, settledWindow: Int = 600, baseline: Duration = .seconds(10)) {
        self.window = window
        self.settledWindow = max(settledWindow, window)
        self.baseline = baseline.nanoseconds
        leadTolerance = Self.leadTolerance(nominalRate: nominalRate, periodFrames: periodFrames)
        nominalSlope = Double(nominalRate) / 1e9
        slope = nominalSlope
    }

    /// How far (frames) a reading may lead the window's median before it is
    /// taken for a misread: two periods, or 10 ms, whichever is larger.
    static func leadTolerance(nominalRate: Int, periodFrames: Int) -> Double {
        Double(max(2 * periodFrames, nominalRate / 100))
    }

    /// Adds an observation and refits.
    mutating func add(frame: Int64, at instant: MonotonicInstant) {
        if origin == nil { origin = instant.nanoseconds }
        times.append(Double(instant.nanoseconds - origin!))
        frames.append(Double(frame))
        if times.count > settledWindow {
            times.removeFirst()
            frames.removeFirst()
        }
        // Misreads lead the median of the latest `window` observations (one sort per period, of `window` values).
        let recent = (times.count - min(times.count, window))..<times.count
        let recentOffsets = recent.map { frames[$0] - slope * times[$0] }
        let ceiling = recentOffsets.sorted()[recentOffsets.count / 2] + leadTolerance
        // The slope, from the inliers of the latest `window` observations.
        let latest = inliers(of: recent, below: ceiling)
        let count = Double(latest.count)
        let meanTime = latest.reduce(0) { $0 + times[$1] } / count
        let meanFrame = latest.reduce(0) { $0 + frames[$1] } / count
        if reference == nil, times.count >= window { reference = (meanTime, meanFrame) }
        if let reference, meanTime - reference.time >= Double(baseline) {
            let measured = (meanFrame - reference.frame) / (meanTime - reference.time)
            isRateMeasured = abs(measured / nominalSlope - 1) < 0.001
            slope = isRateMeasured ? measured : nominalSlope
        }
        // The intercept, from the inliers of the envelope's window.
        let span = isRateMeasured ? settledWindow : window
        let used = inliers(of: (times.count - min(times.count, span))..<times.count, below: ceiling)
        let offsets = used.map { frames[$0] - slope * times[$0] }
        let meanOffset = offsets.reduce(0, +) / Double(offsets.count)
        intercept = offsets.max()!
        residualFrames = (offsets.reduce(0) { $0 + ($1 - meanOffset) * ($1 - meanOffset) } / Double(offsets.count)).squareRoot()
        isReady = true
    }

    /// The indices in `range` whose offset (frame − slope × t) is at most `ceiling`.
    private func inliers(of range: Range<Int>, below ceiling: Double) -> [Int] {
        range.filter { frames[$0] - slope * times[$0] <= ceiling }
    }

    /// Forgets every observation, keeping the measured slope: the stream's
    /// frames no longer reach the DAC where they did (an xrun dropped or
    /// inserted frames). Not ready until the next observation.
    mutating func restart() {
        times.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        reference = nil
        residualFrames = 0
        isReady = false
    }

    /// The (fractional) frame that reaches the DAC at `instant`.
    func frame(at instant: MonotonicInstant) -> Double {
        intercept + slope * Double(instant.nanoseconds - (origin ?? 0))
    }

    /// The instant frame `frame` reaches the DAC; nil when the fit cannot say (not finite, or
    /// beyond what an instant holds), so a degenerate fit is never a trap on the cue thread.
    func instant(ofFrame frame: Int64) -> MonotonicInstant? {
        let offset = ((Double(frame) - intercept) / slope).rounded()
        guard offset.isFinite, abs(offset) < 4e18 else { return nil }
        let (nanoseconds, overflow) = (origin ?? 0).addingReportingOverflow(Int64(offset))
        return overflow ? nil : MonotonicInstant(nanoseconds: nanoseconds)
    }
}
