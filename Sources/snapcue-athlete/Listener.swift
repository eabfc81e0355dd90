import DrillCore
import DrillLinux
import Foundation

/// The athlete's ears: records a capture device (the other side of the
/// virtual station's loopback card) to a raw file of 16-bit samples (the
/// first channel) and, after every period, the card's captured position and
/// its monotonic time to `PATH.times`, one "FRAME T_NS" per line ("overrun
/// FRAME" where frames were lost). From those the checker learns the card's
/// own rate against CLOCK_MONOTONIC and when each captured frame was heard,
/// without asking Snapcue. With a responder it also reacts to every cue it
/// hears.
struct Listener {
    let device: String
    let recordPath: String
    let duration: Double
    let responder: SoundResponder?
    let clock = SystemMonotonicClock()

    func run() throws {
        var spec = SoundDeviceSpec.standard
        (spec.device, spec.periodFrames, spec.periods) = (device, 480, 32)
        let capture = try PCMCapture(spec: spec)
        let samplesFile = try RecordFile(path: recordPath)
        let timesFile = try RecordFile(path: recordPath + ".times")
        nameCurrentThread("athlete-ears")
        _ = RealtimeThread.configureCurrentThread(priority: 60, lockMemory: false)
        var samples: [Int16] = []
        var detector = OnsetDetector()
        var cardClock = CaptureClock(rate: capture.rate)
        let end = clock.now() + .milliseconds(Int64(duration * 1000))
        while clock.now() < end {
            let read = try capture.readPeriod(into: &samples)
            var lines = read.overrun ? "overrun \(capture.framesRead - Int64(read.frames))\n" : ""
            if let position = capture.capturedPosition() {
                lines += "\(position.frame) \(position.at.nanoseconds)\n"
                cardClock.add(frame: position.frame, at: position.at)
            }
            let firstChannel = stride(from: 0, to: read.frames * capture.channels, by: capture.channels).map { samples[$0] }
            if let responder {
                if read.overrun { detector = OnsetDetector() }
                for frame in detector.feed(firstChannel, first: capture.framesRead - Int64(read.frames)) {
                    if let heard = cardClock.instant(ofFrame: frame) { responder.heard(frame: frame, at: heard) }
                }
            }
            samplesFile.write(firstChannel.withUnsafeBytes { Data($0) })
            timesFile.write(Data(lines.utf8))
        }
        responder?.stop()
        try samplesFile.close()
        try timesFile.close()
    }
}
