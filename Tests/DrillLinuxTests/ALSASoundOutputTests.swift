import DrillCore
import Foundation
import Testing
@testable import DrillLinux

/// A station whose sound device is `device`, with one 1 kHz beep.
func station(device: String) throws -> Station {
    try Station.parse("""
        name: alsa-test
        lights: {pad: {}}
        switches: {pad: {}}
        sound: {device: "\(device)", rate: 48000, period: 240, periods: 4}
        sounds:
          beep: {tone: 1000Hz, duration: 100ms, level: -6dB, attack: 5ms, release: 10ms}
        """, file: "alsa-test.yaml")
}

/// These run real libasound with its `null` and `file` plugins: no sound card needed.
@Suite("ALSA sound output (real libasound, no card)", .serialized)
struct ALSASoundOutputTests {
    let clock = SystemMonotonicClock()

    @Test("a device that does not exist is a clear error naming the device and what to do")
    func missingDevice() throws {
        #expect {
            _ = try ALSASoundOutput(station: station(device: "hw:97,0"), directory: "/tmp")
        } throws: { error in
            guard let error = error as? ALSAError else { return false }
            return error.function == "snd_pcm_open" && error.description.contains("hw:97,0") && error.description.contains("fix:")
        }
    }

    @Test("the null device runs a paced stream and reports an onset no earlier than asked")
    func nullDevice() throws {
        let output = try ALSASoundOutput(station: station(device: "null"), directory: "/tmp")
        defer { output.stop() }
        clock.sleep(until: clock.now() + .milliseconds(60))
        let target = clock.now() + .milliseconds(80)
        let onset = try output.play("beep", at: target)
        #expect(onset.instant >= target - .microseconds(21))  // within one frame of the target, or later
        #expect(onset.uncertainty <= output.periodDuration)
        #expect(throws: StationFault.self) { try output.play("nosuchsound", at: target) }
    }

    @Test("the file plugin receives the cue at exactly the frame it was placed at")
    func fileDeviceCuePlacement() throws {
        let path = NSTemporaryDirectory() + "snapcue-alsa-\(getpid()).raw"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try ALSASoundOutput(station: station(device: "file:FILE=\(path),FORMAT=raw"), directory: "/tmp")
        clock.sleep(until: clock.now() + .milliseconds(50))
        _ = try output.play("beep", at: clock.now() + .milliseconds(100))
        clock.sleep(until: clock.now() + .milliseconds(350))
        output.stop()
        let placed = try #require(output.placements.first?.frame)

        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        let channels = output.channelCount
        let frames = stride(from: 0, to: samples.count, by: channels).map { samples[$0] }
        let firstSound = try #require(frames.firstIndex { $0 != 0 })
        let lastSound = try #require(frames.lastIndex { $0 != 0 })
        // The tone's first sample is 0 (sine phase 0, attack ramp 0): sound starts one frame later.
        #expect(firstSound == Int(placed) + 1)
        // 100 ms at 48 kHz = 4800 frames; the release ramp ends on 0.
        #expect((4790...4800).contains(lastSound - Int(placed)))
        let peak = frames.map { abs(Int($0)) }.max() ?? 0
        #expect(abs(Double(peak) / 32767 - 0.501) < 0.01)  // -6 dBFS
    }
}

@Suite("System monotonic clock")
struct SystemMonotonicClockTests {
    @Test("sleeping to an absolute deadline returns at or after it")
    func sleepUntil() {
        let clock = SystemMonotonicClock()
        let start = clock.now()
        let deadline = start + .milliseconds(5)
        clock.sleep(until: deadline)
        let end = clock.now()
        #expect(end >= deadline)
        #expect(end - start < .seconds(1))
    }

    @Test("readings never go backwards")
    func monotonic() {
        let clock = SystemMonotonicClock()
        var previous = clock.now()
        for _ in 0..<10_000 {
            let now = clock.now()
            #expect(now >= previous)
            previous = now
        }
    }
}
