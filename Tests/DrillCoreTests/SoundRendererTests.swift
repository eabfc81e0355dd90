import Foundation
import Testing
@testable import DrillCore

@Suite("Cue sounds")
struct SoundRendererTests {
    func sound(_ yaml: String) throws -> SoundSpec {
        try Station.parse("name: s\nlights: {a: {}}\nswitches: {a: {}}\nsounds:\n  x: \(yaml)\n", file: "s.yaml").sounds[0]
    }

    @Test("a tone has its length and level, and starts and ends silent (no click)")
    func tone() throws {
        let samples = try SoundRenderer.render(sound("{tone: 1kHz, duration: 100ms, level: -6dB}"), rate: 48_000, directory: "/")
        #expect(samples.count == 4800)
        #expect(samples.first == 0 && abs(Int(samples.last!)) < 50)
        let peak = samples.map { abs(Int($0)) }.max()!
        #expect(abs(Double(peak) / 32767 - 0.501) < 0.01)
    }

    @Test("a chirp sweeps from its first frequency to its second")
    func chirp() throws {
        let samples = try SoundRenderer.render(sound("{chirp: 500Hz-2kHz, duration: 200ms, level: 0dB}"), rate: 48_000, directory: "/")
        func zeroCrossings(_ slice: ArraySlice<Int16>) -> Int {
            zip(slice.dropFirst(), slice).filter { ($0 >= 0) != ($1 >= 0) }.count
        }
        // 20 ms windows at the start and the end: ~2 crossings per period.
        let start = zeroCrossings(samples[480..<1440]), end = zeroCrossings(samples[8160..<9120])
        #expect(start < end)
        #expect((15...30).contains(start))
        #expect((60...85).contains(end))
    }

    @Test("a beep pattern repeats the beep with silence between")
    func beeps() throws {
        let spec = try sound("{tone: 1kHz, duration: 50ms, beeps: 3, gap: 100ms}")
        let samples = try SoundRenderer.render(spec, rate: 48_000, directory: "/")
        #expect(samples.count == 3 * 2400 + 2 * 4800)
        #expect(samples[2400..<7200].allSatisfy { $0 == 0 })
        #expect(samples[7201] != 0)
    }

    @Test("a WAV file at another rate is refused with a conversion hint")
    func wavRate() throws {
        let path = NSTemporaryDirectory() + "snapcue-\(getpid()).wav"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var wav = Data("RIFF".utf8) + le32(36 + 8) + Data("WAVEfmt ".utf8) + le32(16)
        wav += le16(1) + le16(1) + le32(44_100) + le32(88_200) + le16(2) + le16(16)
        wav += Data("data".utf8) + le32(8) + Data(repeating: 0, count: 8)
        try wav.write(to: URL(fileURLWithPath: path))
        let spec = try sound("{file: \(path)}")
        #expect {
            _ = try SoundRenderer.render(spec, rate: 48_000, directory: "/")
        } throws: { error in
            "\(error)".contains("44100 Hz") && "\(error)".contains("sox")
        }
    }

    @Test("a sound with two sources is refused")
    func twoSources() {
        #expect(throws: ConfigError.self) { _ = try sound("{tone: 1kHz, chirp: 1kHz-2kHz}") }
    }

    private func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
}
