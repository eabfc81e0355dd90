import DrillCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

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
    private let state: Mutex<StreamState>
    private let finished = DispatchSemaphore(value: 0)

    private struct Voice {
        let samples: [Int16]
        let startFrame: Int64
        let name: String
        let target: MonotonicInstant
    }

    private struct StreamState {
        init(rate: Int, periodFrames: Int) { fit = FrameClockFit(nominalRate: rate, periodFrames: periodFrames) }
        var running = true
        var voices: [Voice] = []
        /// Frames already mixed and handed to the device: cues can start here at the earliest.
        var committedFrames: Int64 = 0
        /// Frames ↔ CLOCK_MONOTONIC, refitted after every period.
        var fit: FrameClockFit
        /// Set when the device accepted frames faster than real time (the
        /// `null` and `file` plugins): the stream is then paced by Snapcue,
        /// and frame = (t − start) × rate exactly.
        var pacedFrom: MonotonicInstant?
        var fastWrites = 0
        /// Set once the device has been seen running (a card starts at its threshold, within the first buffer).
        var startedPlaying = false
        /// CPU time the stream thread has used, in nanoseconds.
        var streamCPUNanoseconds: Int64 = 0
        var xruns = 0
        var xrunsReported = 0
        var failure: String?
        /// Where each cue was placed: (sound name, first frame). Kept for reports and tests.
        var placements: [(name: String, frame: Int64)] = []
        /// Every position reading, while `recordPositions()` is on (`snapcue hardware sound-clock`).
        var positions: [SoundClockObservation]?
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
        state = Mutex(StreamState(rate: pcm.rate, periodFrames: pcm.periodFrames))
        var rendered: [String: [Int16]] = [:]
        for sound in station.sounds {
            rendered[sound.name] = try SoundRenderer.render(sound, rate: pcm.rate, directory: directory)
        }
        sounds = rendered
        let thread = Thread { [self] in
            nameCurrentThread("snapcue-sound")
            streamLoop()
        }
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

    /// The buffer plus two periods: a cue handed over this early is placed at its exact frame.
    public var lookahead: Duration {
        .nanoseconds(Int64(pcm.bufferFrames + 2 * pcm.periodFrames) * 1_000_000_000 / Int64(pcm.rate))
    }

    /// Mixes sound `name` into the stream at the frame that reaches the DAC at
    /// `instant`, or at the first frame not yet written if that has passed
    /// (then flagged `lateOnset` by the engine through the reported onset).
    public func play(_ name: String, at instant: MonotonicInstant) throws -> SoundOnset {
        guard let samples = sounds[name] else { throw StationFault("no sound named '\(name)' on this station") }
        return try state.withLock { state in
            if let failure = state.failure { throw StationFault(failure) }
            /// Mixes the cue in from `ideal`, or from the first frame not yet written if that has passed.
            func place(at ideal: Int64) -> Int64 {
                let frame = max(ideal, state.committedFrames)
                state.voices.append(Voice(samples: samples, startFrame: frame, name: name, target: instant))
                state.placements.append((name, frame))
                return frame
            }
            if let start = state.pacedFrom {
                let rate = Int64(pcm.rate)
                let frame = place(at: ((instant - start).nanoseconds * rate + 500_000_000) / 1_000_000_000)
                return SoundOnset(instant: start + .nanoseconds(frame * 1_000_000_000 / rate), uncertainty: .nanoseconds(500_000_000 / rate))
            }
            // A fit that is not ready, or not finite (it must never trap the cue thread), places the
            // cue at the first frame not yet written and says how uncertain that is.
            let ideal = state.fit.frame(at: instant)
            let residual = max(state.fit.residualFrames, 0.5)
            guard state.fit.isReady, ideal.isFinite, abs(ideal) < 9e18, residual.isFinite, residual < 1e9,
                  let onset = state.fit.instant(ofFrame: Int64(ideal.rounded()))
            else {
                _ = place(at: state.committedFrames)
                return SoundOnset(instant: clock.now(), uncertainty: periodDuration)
            }
            let frame = place(at: Int64(ideal.rounded()))
            let uncertainty = Duration.nanoseconds(Int64(residual * 1e9 / Double(pcm.rate)))
            return SoundOnset(instant: frame == Int64(ideal.rounded()) ? onset : state.fit.instant(ofFrame: frame) ?? onset, uncertainty: uncertainty)
        }
    }

    /// Withdraws a scheduled sound whose first frame has not been written yet.
    public func cancel(_ name: String, at instant: MonotonicInstant) -> Bool {
        state.withLock { state in
            guard let index = state.voices.firstIndex(where: { $0.name == name && $0.target == instant }),
                state.voices[index].startFrame >= state.committedFrames
            else { return false }
            let frame = state.voices[index].startFrame
            state.voices.remove(at: index)
            state.placements.removeAll { $0.name == name && $0.frame == frame }
            return true
        }
    }

    /// `soundXrun` when the stream under-ran since the last call.
    public func takeQualityFlags() -> [TimingFlag] {
        state.withLock { state in
            guard state.xruns > state.xrunsReported else { return [] }
            state.xrunsReported = state.xruns
            return [.soundXrun]
        }
    }

    /// CPU time the stream thread has used so far.
    public var streamCPUTime: Duration { .nanoseconds(state.withLock { $0.streamCPUNanoseconds }) }

    /// True when the device takes frames as fast as they come (the `null`
    /// and `file` plugins) and Snapcue paces the stream itself: there is no
    /// card clock to follow.
    public var isPacedBySnapcue: Bool { state.withLock { $0.pacedFrom != nil } }

    /// How far (frames) a position reading may lead the others before the
    /// frame clock takes it for a misread.
    public var misreadLeadFrames: Double { FrameClockFit.leadTolerance(nominalRate: pcm.rate, periodFrames: pcm.periodFrames) }

    /// Starts keeping every position reading from now on.
    public func recordPositions() { state.withLock { $0.positions = $0.positions ?? [] } }

    /// The position readings kept since `recordPositions()`.
    public var recordedPositions: [SoundClockObservation] { state.withLock { $0.positions ?? [] } }

    /// Recovered xruns so far.
    public var xrunCount: Int { state.withLock { $0.xruns } }

    /// Where each cue was placed so far: (sound name, first frame of the stream).
    public var placements: [(name: String, frame: Int64)] { state.withLock { $0.placements } }

    private func streamLoop() {
        defer {
            pcm.close()
            finished.signal()
        }
        // The stream must never starve behind the spinning cue thread: one step above it, where permitted.
        // (It spends nearly all its time blocked in snd_pcm_writei.)
        _ = RealtimeThread.configureCurrentThread(priority: 85, lockMemory: false)
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
                let writeStart = clock.now()
                let xruns = try buffer.withUnsafeBufferPointer { try pcm.write($0) }
                noteWriteDuration(clock.now() - writeStart, xruns: xruns, streamStart: streamStart)
                paceUnpacedDevice(streamStart: streamStart)
                let queued = pcm.queuedFrames()
                let now = clock.now()
                var cpu = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu)
                state.withLock { state in
                    state.streamCPUNanoseconds = Int64(cpu.tv_sec) * 1_000_000_000 + Int64(cpu.tv_nsec)
                    state.xruns += xruns
                    if xruns > 0 { state.fit.restart() }
                    if let queued {
                        let frame = state.committedFrames - Int64(queued.frames), at = queued.at ?? now
                        state.fit.add(frame: frame, at: at)
                        state.positions?.append(SoundClockObservation(
                            reportedFrame: frame, at: at, mappedFrame: state.fit.frame(at: at), afterXrun: xruns > 0))
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

    /// A real device blocks in `snd_pcm_writei` for about a period once its
    /// buffer is full, and is running by then; a plugin that is not paced by
    /// a card returns at once, and some (`null`) never leave the prepared
    /// state. Past the first two buffers, a stream never seen running, or
    /// sixteen near-instant writes in a row, mark the stream as paced by
    /// Snapcue.
    private func noteWriteDuration(_ duration: Duration, xruns: Int, streamStart: MonotonicInstant) {
        let fast = duration < periodDuration / 10, running = pcm.isRunning
        state.withLock { state in
            state.startedPlaying = state.startedPlaying || running
            guard state.pacedFrom == nil, state.committedFrames > 2 * Int64(pcm.bufferFrames) else { return }
            state.fastWrites = fast ? state.fastWrites + 1 : 0
            if state.fastWrites >= 16 || (!state.startedPlaying && state.xruns + xruns == 0) { state.pacedFrom = streamStart }
        }
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
