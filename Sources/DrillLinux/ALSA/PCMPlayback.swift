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
        snapcue_alsa_silence_library_errors()
        var pcm: OpaquePointer?
        try ALSAError.check(snd_pcm_open(&pcm, spec.device, SND_PCM_STREAM_PLAYBACK, 0), "snd_pcm_open", device: spec.device)
        handle = pcm!
        do {
            (rate, channels, periodFrames, bufferFrames) = try Self.configureHardware(handle, spec: spec)
            try Self.configureSoftware(handle, device: spec.device, periodFrames: periodFrames, bufferFrames: bufferFrames)
        } catch {
            snd_pcm_close(handle)
            throw error
        }
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

    private static func configureHardware(_ pcm: OpaquePointer, spec: SoundDeviceSpec) throws -> (Int, Int, Int, Int) {
        let device = spec.device
        var params: OpaquePointer?
        try ALSAError.check(snd_pcm_hw_params_malloc(&params), "snd_pcm_hw_params_malloc", device: device)
        defer { snd_pcm_hw_params_free(params) }
        try ALSAError.check(snd_pcm_hw_params_any(pcm, params), "snd_pcm_hw_params_any", device: device)
        try ALSAError.check(snd_pcm_hw_params_set_access(pcm, params, SND_PCM_ACCESS_RW_INTERLEAVED), "snd_pcm_hw_params_set_access", device: device)
        try ALSAError.check(snd_pcm_hw_params_set_format(pcm, params, SND_PCM_FORMAT_S16_LE), "snd_pcm_hw_params_set_format(S16_LE)", device: device)
        var channels: UInt32 = 1
        try ALSAError.check(snd_pcm_hw_params_set_channels_near(pcm, params, &channels), "snd_pcm_hw_params_set_channels_near", device: device)
        try ALSAError.check(snd_pcm_hw_params_set_rate(pcm, params, UInt32(spec.rate), 0), "snd_pcm_hw_params_set_rate(\(spec.rate))", device: device)
        var period = snd_pcm_uframes_t(spec.periodFrames)
        var direction: Int32 = 0
        try ALSAError.check(snd_pcm_hw_params_set_period_size_near(pcm, params, &period, &direction), "snd_pcm_hw_params_set_period_size_near", device: device)
        var buffer = snd_pcm_uframes_t(spec.periodFrames * spec.periods)
        try ALSAError.check(snd_pcm_hw_params_set_buffer_size_near(pcm, params, &buffer), "snd_pcm_hw_params_set_buffer_size_near", device: device)
        try ALSAError.check(snd_pcm_hw_params(pcm, params), "snd_pcm_hw_params", device: device)
        return (spec.rate, Int(channels), Int(period), Int(buffer))
    }

    private static func configureSoftware(_ pcm: OpaquePointer, device: String, periodFrames: Int, bufferFrames: Int) throws {
        var params: OpaquePointer?
        try ALSAError.check(snd_pcm_sw_params_malloc(&params), "snd_pcm_sw_params_malloc", device: device)
        defer { snd_pcm_sw_params_free(params) }
        try ALSAError.check(snd_pcm_sw_params_current(pcm, params), "snd_pcm_sw_params_current", device: device)
        try ALSAError.check(snd_pcm_sw_params_set_start_threshold(pcm, params, snd_pcm_uframes_t(bufferFrames - periodFrames)), "snd_pcm_sw_params_set_start_threshold", device: device)
        try ALSAError.check(snd_pcm_sw_params_set_tstamp_mode(pcm, params, SND_PCM_TSTAMP_ENABLE), "snd_pcm_sw_params_set_tstamp_mode", device: device)
        try ALSAError.check(snd_pcm_sw_params_set_tstamp_type(pcm, params, SND_PCM_TSTAMP_TYPE_MONOTONIC), "snd_pcm_sw_params_set_tstamp_type(MONOTONIC)", device: device)
        try ALSAError.check(snd_pcm_sw_params(pcm, params), "snd_pcm_sw_params", device: device)
    }

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

    /// Frames still queued for the DAC, and the monotonic time that figure
    /// belongs to. The corresponding C function is `snd_pcm_htimestamp`.
    func queuedFrames() -> (frames: Int, at: MonotonicInstant?)? {
        var available: snd_pcm_uframes_t = 0
        var stamp = snd_htimestamp_t()
        guard snd_pcm_htimestamp(handle, &available, &stamp) == 0 else { return nil }
        let at = stamp.tv_sec == 0 && stamp.tv_nsec == 0
            ? nil : MonotonicInstant(nanoseconds: Int64(stamp.tv_sec) * 1_000_000_000 + Int64(stamp.tv_nsec))
        return (max(bufferFrames - Int(available), 0), at)
    }
}

private let EINTR_CODE: Int32 = 4
