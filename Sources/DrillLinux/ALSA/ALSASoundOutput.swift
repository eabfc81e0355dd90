import DrillCore
import Foundation
import Synchronization

/// Sound cues over ALSA: a continuously running stream (silence between
/// cues) into which each cue is mixed at the frame that reaches the DAC at
/// its onset, or the first frame not yet written if that moment has passed.
///
/// The frame ↔ CLOCK_MONOTONIC mapping is refreshed after every period from
/// the device's status timestamp and its queued frames.
public final class ALSASoundOutput: SoundOutput, @unchecked Sendable {
    // @unchecked: `pcm` is used only by the stream thread until `stop()` has
    // joined it; everything shared lives in `state`, behind its mutex.
    private let pcm: PCMPlayback
    private let sounds: [String: [Int16]]
    private let clock = SystemMonotonicClock()
    private let state = Mutex(StreamState())
    private let finished = DispatchSemaphore(value: 0)

    private struct Voice {
        let samples: [Int16]
        let startFrame: Int64
    }

    private struct StreamState {
        var running = true
        var voices: [Voice] = []
        /// Frames already mixed and handed to the device: cues can start here at the earliest.
        var committedFrames: Int64 = 0
        /// A frame and the monotonic instant it reaches the DAC.
        var anchor: (frame: Int64, instant: MonotonicInstant)?
        var xruns = 0
        var xrunsReported = 0
        var failure: String?
        /// Where each cue was placed: (sound name, first frame). Kept for reports and tests.
        var placements: [(name: String, frame: Int64)] = []
    }

    /// The device name.
    public var device: String { pcm.device }
    /// Channels of the stream (every channel carries the same cue).
    public var channelCount: Int { pcm.channels }
    /// Stream rate in Hz.
    public var rate: Int { pcm.rate }
    /// One period, the stream's granularity of timing updates.
    public var periodDuration: Duration { .nanoseconds(Int64(pcm.periodFrames) * 1_000_000_000 / Int64(pcm.rate)) }

    /// Opens the station's device, renders its sounds and starts the stream.
    /// - Parameter directory: where relative WAV paths are resolved (the station file's folder).
    public init(station: Station, directory: String) throws {
        pcm = try PCMPlayback(spec: station.soundDevice)
        var rendered: [String: [Int16]] = [:]
        for sound in station.sounds {
            rendered[sound.name] = try SoundRenderer.render(sound, rate: pcm.rate, directory: directory)
        }
        sounds = rendered
        let thread = Thread { [self] in streamLoop() }
        thread.name = "snapcue-sound"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    /// Stops the stream, waits for its thread and closes the device.
    public func stop() {
        let wasRunning = state.withLock { state in
            defer { state.running = false }
            return state.running
        }
        if wasRunning { finished.wait() }
    }

    deinit { stop() }

    public func play(_ name: String, at instant: MonotonicInstant) throws -> SoundOnset {
        guard let samples = sounds[name] else { throw StationFault("no sound named '\(name)' on this station") }
        let rate = Int64(pcm.rate)
        let halfPeriod = Duration.nanoseconds(periodDuration.nanoseconds / 2)
        return try state.withLock { state in
            if let failure = state.failure { throw StationFault(failure) }
            var flags: [TimingFlag] = []
            if state.xruns > state.xrunsReported {
                state.xrunsReported = state.xruns
                flags.append(.soundXrun)
            }
            guard let anchor = state.anchor else {
                state.voices.append(Voice(samples: samples, startFrame: state.committedFrames))
                state.placements.append((name, state.committedFrames))
                return SoundOnset(instant: clock.now(), uncertainty: periodDuration, flags: flags)
            }
            let ideal = anchor.frame + (instant - anchor.instant).nanoseconds * rate / 1_000_000_000
            let start = max(ideal, state.committedFrames)
            state.voices.append(Voice(samples: samples, startFrame: start))
            state.placements.append((name, start))
            let onset = anchor.instant + .nanoseconds((start - anchor.frame) * 1_000_000_000 / rate)
            return SoundOnset(instant: onset, uncertainty: halfPeriod, flags: flags)
        }
    }

    /// Where each cue was placed so far: (sound name, first frame of the stream).
    var placements: [(name: String, frame: Int64)] { state.withLock { $0.placements } }

    private func streamLoop() {
        defer {
            pcm.close()
            finished.signal()
        }
        let channels = pcm.channels, period = pcm.periodFrames
        var buffer = [Int16](repeating: 0, count: period * channels)
        let streamStart = clock.now()
        while true {
            let keepGoing = state.withLock { state -> Bool in
                guard state.running else { return false }
                Self.mix(state.voices, from: state.committedFrames, into: &buffer, channels: channels)
                state.committedFrames += Int64(period)
                let end = state.committedFrames
                state.voices.removeAll { $0.startFrame + Int64($0.samples.count) <= end }
                return true
            }
            guard keepGoing else { return }
            do {
                let xruns = try buffer.withUnsafeBufferPointer { try pcm.write($0) }
                paceUnpacedDevice(streamStart: streamStart)
                let queued = pcm.queuedFrames()
                let now = clock.now()
                state.withLock { state in
                    state.xruns += xruns
                    if let queued {
                        state.anchor = (state.committedFrames - Int64(queued.frames), queued.at ?? now)
                    }
                }
            } catch {
                state.withLock { state in
                    state.failure = "\(error)"
                    state.running = false
                }
                return
            }
        }
    }

    /// Plugins such as `null` and `file` accept frames as fast as they are
    /// written. Keep such a stream at most one buffer ahead of real time, as
    /// a sound card would, instead of spinning a core. A real device blocks
    /// in `snd_pcm_writei` first, so this never sleeps there.
    private func paceUnpacedDevice(streamStart: MonotonicInstant) {
        let committed = state.withLock { $0.committedFrames }
        let rate = Int64(pcm.rate)
        let dueAt = streamStart + .nanoseconds((committed - Int64(pcm.bufferFrames)) * 1_000_000_000 / rate)
        if dueAt > clock.now() { clock.sleep(until: dueAt) }
    }

    /// Mixes the voices' samples for frames `[first, first + period)` into `buffer`.
    private static func mix(_ voices: [Voice], from first: Int64, into buffer: inout [Int16], channels: Int) {
        let period = buffer.count / channels
        for frame in 0..<period {
            var sum = 0
            let absolute = first + Int64(frame)
            for voice in voices {
                let index = absolute - voice.startFrame
                if index >= 0 && index < Int64(voice.samples.count) { sum += Int(voice.samples[Int(index)]) }
            }
            let sample = Int16(clamping: sum)
            for channel in 0..<channels { buffer[frame * channels + channel] = sample }
        }
    }
}
