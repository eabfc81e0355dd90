import CALSA
import DrillCore

/// An ALSA capture stream with monotonic status timestamps: what a
/// microphone, or the other side of a loopback card, hears. The virtual
/// station's athlete records the sound cues with it, and times them in the
/// card's own frames, independently of Snapcue's playback stream.
public final class PCMCapture {
    private let handle: OpaquePointer
    /// The device name.
    public let device: String
    /// Frames per second the device accepted.
    public let rate: Int
    /// Channels the device accepted.
    public let channels: Int
    /// Frames per period the device accepted.
    public let periodFrames: Int
    /// Frames read since the stream started (frames an overrun lost are not among them: see `readPeriod`).
    public private(set) var framesRead: Int64 = 0

    /// Opens and configures `spec.device` for capture. The stream starts at
    /// the first read. The corresponding C functions are `snd_pcm_open` and
    /// `snd_pcm_hw_params*`/`snd_pcm_sw_params*`.
    public init(spec: SoundDeviceSpec) throws {
        device = spec.device
        let opened = try PCMConfiguration.open(spec, stream: SND_PCM_STREAM_CAPTURE) { _, _ in 1 }
        (handle, rate, channels, periodFrames) = (opened.handle, opened.rate, opened.channels, opened.periodFrames)
    }

    deinit { snd_pcm_close(handle) }

    /// Reads one period (interleaved samples) into `samples`, waiting for it.
    /// An overrun (the reader fell a buffer behind) is recovered: the frames
    /// lost are gone, so frame indices before and after it do not line up;
    /// `overrun` says so. The corresponding C functions are `snd_pcm_readi`
    /// and `snd_pcm_recover`.
    public func readPeriod(into samples: inout [Int16]) throws -> (frames: Int, overrun: Bool) {
        if samples.count < periodFrames * channels { samples = Array(repeating: 0, count: periodFrames * channels) }
        var overrun = false
        while true {
            let read = samples.withUnsafeMutableBufferPointer { buffer in
                snd_pcm_readi(handle, buffer.baseAddress!, snd_pcm_uframes_t(periodFrames))
            }
            if read >= 0 {
                framesRead += Int64(read)
                return (Int(read), overrun)
            }
            let code = Int32(read)
            if code == -4 { continue }  // EINTR
            try ALSAError.check(snd_pcm_recover(handle, code, 1), "snd_pcm_readi", device: device)
            overrun = true
        }
    }

    /// The index of the newest frame the card has captured (read or not),
    /// and the monotonic time it was captured. Positions lag the true one
    /// (they advance on period interrupts or, for snd-aloop, the kernel
    /// tick), never lead it. The corresponding C function is `snd_pcm_htimestamp`.
    public func capturedPosition() -> (frame: Int64, at: MonotonicInstant)? {
        var available: snd_pcm_uframes_t = 0
        var stamp = snd_htimestamp_t()
        guard snd_pcm_htimestamp(handle, &available, &stamp) == 0, stamp.tv_sec != 0 || stamp.tv_nsec != 0 else { return nil }
        return (framesRead + Int64(available), MonotonicInstant(nanoseconds: Int64(stamp.tv_sec) * 1_000_000_000 + Int64(stamp.tv_nsec)))
    }
}
