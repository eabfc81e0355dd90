import ArgumentParser
import DrillCore
import DrillLinux
import DrillStats
import Foundation

extension HardwareCommand {
    /// `snapcue hardware sound-clock`: how exactly can Snapcue place sound
    /// cues on this station's card? Runs the stream (silence) and judges
    /// Snapcue's frame clock against the card's own positions.
    struct SoundClock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sound-clock",
            abstract: "Measure the station's sound card clock: its real rate, its position step, and how exactly cues are placed.",
            discussion: """
                Plays silence for --seconds and reads the card's position after every period, as a drill does. \
                Reports the card's rate against the system clock, how far its reported positions lag, and, after \
                the first 10 s (while Snapcue measures the rate), how far Snapcue's frame clock strays from the \
                card's line: the error of a cue's onset, and of the interval between two cues a second apart.
                """)

        @Option(help: "The station file.")
        var station: String

        @Option(help: "How long to run, in seconds (at least 15).")
        var seconds = 30

        @Option(help: "Also write every reading as CSV (t_ns, reported_frame, mapped_frame, after_xrun).")
        var log: String?

        func validate() throws {
            guard (15...3600).contains(seconds) else {
                throw ValidationError("--seconds \(seconds) is out of range: give 15 to 3600 (the first 10 s measure the rate)")
            }
        }

        func run() throws {
            let value = try reportingErrors { try Station.load(station) }
            let directory = (station as NSString).deletingLastPathComponent
            let output = try reportingErrors { try ALSASoundOutput(station: value, directory: directory) }
            output.recordPositions()
            print("running '\(output.device)' at \(output.rate) Hz, period \(output.periodDuration.compactDescription), for \(seconds) s…")
            let clock = SystemMonotonicClock(), end = clock.now() + .seconds(seconds)
            // A plugin that is not a card shows itself within a few buffers: say so at once.
            clock.sleep(until: clock.now() + .seconds(1))
            if !output.isPacedBySnapcue { clock.sleep(until: end) }
            output.stop()
            if output.isPacedBySnapcue {
                throw reportingFailure(CLIError(
                    "'\(output.device)' takes frames as fast as they come (a plugin such as null or file, not a card): it has no clock to measure",
                    fix: "set the station's sound device to a card, e.g. hw:1,0 (see 'aplay -l')"))
            }
            let readings = output.recordedPositions
            if let log { try writeLog(readings, to: log) }
            guard let report = SoundClockReport(readings, nominalRate: output.rate, misreadFrames: output.misreadLeadFrames) else {
                throw reportingFailure(CLIError(
                    "'\(output.device)' gave \(readings.count) position reading(s) in \(seconds) s, too few to measure (xruns: \(output.xrunCount))",
                    fix: "check that nothing else is using the device and that it reports its position (snd_pcm_htimestamp)"))
            }
            print(render(report))
            let cpu = Double(output.streamCPUTime.nanoseconds) / Double(seconds) / 1e7
            print("stream thread   \(String(format: "%.2f", cpu)) % of one core (mixing, writing, the frame clock)")
        }

        private func render(_ report: SoundClockReport) -> String {
            func frames(_ value: Double) -> String { String(format: "%.1f", value) }
            var lines = [
                "readings        \(report.readings) over \(String(format: "%.1f", report.seconds)) s, \(report.xruns) xrun(s)"
                    + (report.xruns > 0 ? "; figures from the longest stretch without one (\(report.segmentReadings) readings)" : ""),
                "rate            \(String(format: "%.2f", report.measuredRate)) Hz against the system clock (\(String(format: "%+.0f", report.ppm)) ppm)",
                "position step   readings lag the card by median \(frames(report.lag.median)), max \(frames(report.lag.maxMagnitude)) frames"
                    + (report.misreads > 0 ? "; \(report.misreads) misread(s) far ahead, ignored" : ""),
            ]
            if let placement = report.placement, let interval = report.interval, let within = report.intervalsWithinOneFrame {
                lines.append("cue onsets      Snapcue's clock − the card's: mean \(String(format: "%+.1f", placement.mean)), SD \(frames(placement.sd)), max |x| \(frames(placement.maxMagnitude)) frames")
                lines.append("cue intervals   two cues 1 s apart: error median \(frames(interval.median)), p99 \(frames(interval.p99)), max \(frames(interval.maxMagnitude)) frames; \(Int((within * 100).rounded())) % within 1 frame")
            } else {
                lines.append("cue onsets      not judged: no stretch longer than \(Int(report.settle.nanoseconds / 1_000_000_000)) s without an xrun")
            }
            lines.append("(one frame = \(String(format: "%.1f", 1e6 / Double(report.nominalRate))) µs)")
            return lines.joined(separator: "\n")
        }

        private func writeLog(_ readings: [SoundClockObservation], to path: String) throws {
            var text = "t_ns,reported_frame,mapped_frame,after_xrun\n"
            for reading in readings {
                text += "\(reading.at.nanoseconds),\(reading.reportedFrame),\(String(format: "%.3f", reading.mappedFrame)),\(reading.afterXrun ? 1 : 0)\n"
            }
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw reportingFailure(CLIError("cannot write \(path): \(error.localizedDescription)", fix: "pass a --log path in a writable folder"))
            }
            print("wrote \(readings.count) readings to \(path)")
        }
    }
}
