/// One reading of a sound stream's position, as Snapcue's stream thread took
/// it after a period was written: the frame the device said was at the DAC,
/// when, and where Snapcue's frame clock then mapped that moment.
public struct SoundClockObservation: Sendable, Equatable {
    /// The frame the device reported reaching the DAC at `at`.
    public let reportedFrame: Int64
    /// When (the device's status timestamp, or the read's time without one).
    public let at: MonotonicInstant
    /// The frame Snapcue's fit maps `at` to once this reading is in: where a
    /// cue for that moment would be placed.
    public let mappedFrame: Double
    /// The first reading after an xrun (the fit started over).
    public let afterXrun: Bool

    public init(reportedFrame: Int64, at: MonotonicInstant, mappedFrame: Double, afterXrun: Bool) {
        self.reportedFrame = reportedFrame
        self.at = at
        self.mappedFrame = mappedFrame
        self.afterXrun = afterXrun
    }
}
