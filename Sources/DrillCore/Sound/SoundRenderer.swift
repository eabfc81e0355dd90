import Foundation

/// Turns a station's sound definitions into mono 16-bit samples at the
/// stream's rate.
public enum SoundRenderer {
    /// The samples of `sound`. WAV files are read relative to `directory`.
    public static func render(_ sound: SoundSpec, rate: Int, directory: String) throws -> [Int16] {
        let frameCount = Int((sound.duration.seconds * Double(rate)).rounded())
        var samples: [Double]
        switch sound.source {
        case .tone(let frequency, let waveform):
            samples = (0..<frameCount).map { frame in
                shape(waveform, phase: 2 * Double.pi * frequency * Double(frame) / Double(rate))
            }
        case .chirp(let from, let to, let waveform):
            // Exponential sweep: phase(t) = 2π f0 T (k^(t/T) − 1) / ln k, with k = f1 / f0.
            let seconds = Double(frameCount) / Double(rate)
            let ratio = to / from
            samples = (0..<frameCount).map { frame in
                let t = Double(frame) / Double(rate)
                let phase = abs(ratio - 1) < 1e-9
                    ? 2 * Double.pi * from * t
                    : 2 * Double.pi * from * seconds * (pow(ratio, t / seconds) - 1) / log(ratio)
                return shape(waveform, phase: phase)
            }
        case .file(let path):
            let fullPath = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: fullPath) else {
                throw SoundError(sound: sound.name, problem: "cannot read WAV file \(fullPath)", fix: "check the path (relative to the station file)")
            }
            let wave = try WAVFile(data: data, sound: sound.name)
            guard wave.rate == rate else {
                throw SoundError(
                    sound: sound.name, problem: "\(fullPath) is \(wave.rate) Hz but the stream runs at \(rate) Hz",
                    fix: "convert it, e.g. 'sox \(path) -r \(rate) -b 16 out.wav', or set the station's sound rate to \(wave.rate)")
            }
            samples = Array(wave.samples.prefix(frameCount))
        }
        applyEnvelope(&samples, attackFrames: Int(sound.attack.seconds * Double(rate)), releaseFrames: Int(sound.release.seconds * Double(rate)))
        let gain = pow(10, sound.level / 20) * Double(Int16.max)
        let beep = samples.map { Int16(clamping: Int(($0 * gain).rounded())) }
        guard sound.beeps > 1 else { return beep }
        let silence = [Int16](repeating: 0, count: Int((sound.gap.seconds * Double(rate)).rounded()))
        var pattern: [Int16] = []
        for index in 0..<sound.beeps {
            if index > 0 { pattern += silence }
            pattern += beep
        }
        return pattern
    }

    private static func shape(_ waveform: SoundSpec.Waveform, phase: Double) -> Double {
        switch waveform {
        case .sine: sin(phase)
        case .square: sin(phase) >= 0 ? 1 : -1
        }
    }

    /// Linear fade in and out, so the cue starts and ends without a click.
    static func applyEnvelope(_ samples: inout [Double], attackFrames: Int, releaseFrames: Int) {
        let count = samples.count
        for frame in 0..<min(attackFrames, count) {
            samples[frame] *= Double(frame) / Double(attackFrames)
        }
        for offset in 0..<min(releaseFrames, count) {
            samples[count - 1 - offset] *= Double(offset) / Double(releaseFrames)
        }
    }
}

/// A sound that cannot be prepared.
public struct SoundError: Error, CustomStringConvertible, Sendable {
    /// The sound's name in the station file.
    public var sound: String
    /// What is wrong with it.
    public var issue: String
    /// What to do about it.
    public var fix: String?

    public init(sound: String, problem: String, fix: String) {
        self.sound = sound
        issue = problem
        self.fix = fix
    }

    public var description: String { "sound '\(sound)': \(issue)" + (fix.map { "\n  fix: \($0)" } ?? "") }
}

/// A PCM WAV file (16-bit, mono or stereo), downmixed to mono in [-1, 1].
struct WAVFile {
    let rate: Int
    let samples: [Double]

    init(data: Data, sound: String) throws {
        let bytes = [UInt8](data)
        func fail(_ problem: String) -> SoundError {
            SoundError(sound: sound, problem: problem, fix: "use a 16-bit PCM WAV file (e.g. 'sox in.wav -b 16 out.wav')")
        }
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        guard bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46], bytes[8..<12] == [0x57, 0x41, 0x56, 0x45] else {
            throw fail("not a WAV (RIFF/WAVE) file")
        }
        var offset = 12
        var format: (channels: Int, rate: Int, bits: Int)?
        var pcm: ArraySlice<UInt8>?
        while offset + 8 <= bytes.count {
            let size = u32(offset + 4)
            let body = offset + 8
            guard body + size <= bytes.count else { throw fail("truncated chunk") }
            switch String(decoding: bytes[offset..<offset + 4], as: UTF8.self) {
            case "fmt ":
                guard size >= 16 else { throw fail("short format chunk") }
                let code = u16(body)
                guard code == 1 || code == 0xFFFE else { throw fail("compressed WAV (format \(code))") }
                format = (u16(body + 2), u32(body + 4), u16(body + 14))
            case "data":
                pcm = bytes[body..<body + size]
            default: break
            }
            offset = body + size + (size & 1)
        }
        guard let format, let pcm else { throw fail("missing format or data chunk") }
        guard format.bits == 16 else { throw fail("\(format.bits)-bit samples") }
        guard (1...2).contains(format.channels) else { throw fail("\(format.channels) channels") }
        rate = format.rate
        let frameBytes = 2 * format.channels
        let base = pcm.startIndex
        samples = (0..<(pcm.count / frameBytes)).map { frame in
            var sum = 0.0
            for channel in 0..<format.channels {
                let at = base + frame * frameBytes + channel * 2
                sum += Double(Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)) / 32768
            }
            return sum / Double(format.channels)
        }
    }
}
