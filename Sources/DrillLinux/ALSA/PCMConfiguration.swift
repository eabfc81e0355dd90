import CALSA
import DrillCore

/// The configuration every Snapcue PCM stream shares, playback or capture:
/// 16-bit interleaved frames at the spec's rate and period, and status
/// timestamps on CLOCK_MONOTONIC (the clock of every other time Snapcue keeps).
enum PCMConfiguration {
    /// Opens `spec.device` for `stream` and configures it (closing it again
    /// if that fails); `startThreshold` gets the accepted period and buffer
    /// sizes. The corresponding C function is `snd_pcm_open`.
    static func open(
        _ spec: SoundDeviceSpec, stream: snd_pcm_stream_t, startThreshold: (_ period: Int, _ buffer: Int) -> Int
    ) throws -> (handle: OpaquePointer, rate: Int, channels: Int, periodFrames: Int, bufferFrames: Int) {
        snapcue_alsa_silence_library_errors()
        var pcm: OpaquePointer?
        try ALSAError.check(snd_pcm_open(&pcm, spec.device, stream, 0), "snd_pcm_open", device: spec.device)
        let handle = pcm!
        do {
            let (rate, channels, period, buffer) = try configureHardware(handle, spec: spec)
            try configureSoftware(handle, device: spec.device, startThreshold: startThreshold(period, buffer))
            return (handle, rate, channels, period, buffer)
        } catch {
            snd_pcm_close(handle)
            throw error
        }
    }

    /// Sets the hardware parameters; returns what the device accepted:
    /// rate, channels, frames per period, frames in the buffer. The
    /// corresponding C functions are `snd_pcm_hw_params*`.
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

    /// Sets when the stream starts (frames written, or for capture, asked
    /// for) and enables monotonic status timestamps. The corresponding C
    /// functions are `snd_pcm_sw_params*`.
    private static func configureSoftware(_ pcm: OpaquePointer, device: String, startThreshold: Int) throws {
        var params: OpaquePointer?
        try ALSAError.check(snd_pcm_sw_params_malloc(&params), "snd_pcm_sw_params_malloc", device: device)
        defer { snd_pcm_sw_params_free(params) }
        try ALSAError.check(snd_pcm_sw_params_current(pcm, params), "snd_pcm_sw_params_current", device: device)
        try ALSAError.check(snd_pcm_sw_params_set_start_threshold(pcm, params, snd_pcm_uframes_t(startThreshold)), "snd_pcm_sw_params_set_start_threshold", device: device)
        try ALSAError.check(snd_pcm_sw_params_set_tstamp_mode(pcm, params, SND_PCM_TSTAMP_ENABLE), "snd_pcm_sw_params_set_tstamp_mode", device: device)
        try ALSAError.check(snd_pcm_sw_params_set_tstamp_type(pcm, params, SND_PCM_TSTAMP_TYPE_MONOTONIC), "snd_pcm_sw_params_set_tstamp_type(MONOTONIC)", device: device)
        try ALSAError.check(snd_pcm_sw_params(pcm, params), "snd_pcm_sw_params", device: device)
    }
}
