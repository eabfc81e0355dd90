import CALSA
import DrillCore

/// An open ALSA playback device configured for Snapcue's stream: 16-bit
/// interleaved frames, monotonic status timestamps. Closed when released.
final class PCMPlayback {
    let handle: OpaquePointer
    let device: String
    /// Frames per second the device accepted.
    let rate: Int
    /// Channels the device accepted (the cue is written to every channel).
    let channels: Int
    /// Frames per period the device accepted.
    let periodFrames: Int
    /// Frames in the whole ring buffer.
    let bufferFrames: Int

    /// Opens and configures `spec.device`. The corresponding C functions are
    /// `snd_pcm_open`, `snd_pcm_hw_params*` and `snd_pcm_sw_params*`.
    init(spec: SoundDeviceSpec) throws {
        device = spec.device
        // Starts once the buffer is full but for one period, so the first writes do not underrun.
        let opened = try PCMConfiguration.open(spec, stream: SND_PCM_STREAM_PLAYBACK) { period, buffer in buffer - period }
        (handle, rate, channels, periodFrames, bufferFrames) = (opened.handle, opened.rate, opened.channels, opened.periodFrames, opened.bufferFrames)
    }

    private var isClosed = false

    /// Stops the stream at once and closes the device (once; later calls do nothing).
    /// The corresponding C functions are `snd_pcm_drop` and `snd_pcm_close`.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        snd_pcm_drop(handle)
        snd_pcm_close(handle)
    }

    deinit { close() }

    /// Writes all of `frames` (interleaved), recovering from xruns.
    /// Returns how many xruns were recovered. The corresponding C functions
    /// are `snd_pcm_writei` and `snd_pcm_recover`.
    func write(_ samples: UnsafeBufferPointer<Int16>) throws -> Int {
        var xruns = 0
        var offset = 0
        let totalFrames = samples.count / channels
        while offset < totalFrames {
            let written = snd_pcm_writei(handle, samples.baseAddress! + offset * channels, snd_pcm_uframes_t(totalFrames - offset))
            if written >= 0 {
                offset += Int(written)
                continue
            }
            let code = Int32(written)
            if code == -EINTR_CODE { continue }
            try ALSAError.check(snd_pcm_recover(handle, code, 1), "snd_pcm_writei", device: device)
            xruns += 1
        }
        return xruns
    }

    /// True while the stream plays (it has reached its start threshold and
    /// not under-run since). The corresponding C function is `snd_pcm_state`.
    var isRunning: Bool { snd_pcm_state(handle) == SND_PCM_STATE_RUNNING }

    /// Frames still queued for the DAC, and the monotonic time that figure
    /// belongs to; nil when the device cannot say. Only a running stream
    /// has a position: until the start threshold is reached (at the start,
    /// and after an xrun's recovery) nothing is playing, yet the status
    /// reads as if the first queued frame were at the DAC already (the
    /// virtual station's card showed such readings 3.3 ms ahead). More
    /// frames available than the buffer holds is an under-run being read
    /// mid-way: nil then too (the write that follows reports the xrun).
    /// The corresponding C functions are `snd_pcm_state` and
    /// `snd_pcm_htimestamp`.
    func queuedFrames() -> (frames: Int, at: MonotonicInstant?)? {
        guard isRunning else { return nil }
        var available: snd_pcm_uframes_t = 0
        var stamp = snd_htimestamp_t()
        guard snd_pcm_htimestamp(handle, &available, &stamp) == 0, Int(available) <= bufferFrames else { return nil }
        let at = stamp.tv_sec == 0 && stamp.tv_nsec == 0
            ? nil : MonotonicInstant(nanoseconds: Int64(stamp.tv_sec) * 1_000_000_000 + Int64(stamp.tv_nsec))
        return (bufferFrames - Int(available), at)
    }
}

private let EINTR_CODE: Int32 = 4
