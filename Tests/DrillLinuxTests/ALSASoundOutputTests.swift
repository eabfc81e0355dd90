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

/// Reads a raw interleaved 16-bit capture as mono frames (first channel).
func frames(ofRawFile path: String, channels: Int) throws -> [Int16] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    return stride(from: 0, to: samples.count, by: channels).map { samples[$0] }
}

@Suite("Sample-accurate cue placement (real libasound, file plugin)", .serialized)
struct CuePlacementTests {
    let clock = SystemMonotonicClock()

    @Test("cues handed over in time land on their computed frames, spaced exactly as their onsets")
    func placementAndSpacing() throws {
        let path = NSTemporaryDirectory() + "snapcue-place-\(getpid()).raw"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try ALSASoundOutput(station: station(device: "file:FILE=\(path),FORMAT=raw"), directory: "/tmp")
        clock.sleep(until: clock.now() + .milliseconds(100))  // let the frame ↔ clock fit settle
        // Each cue is handed over 60 ms more than the lookahead ahead: on this shared machine the test's
        // own thread can wake 10+ ms late, and a cue handed over after its lookahead is (rightly) late.
        let lead = output.lookahead + .milliseconds(60)
        let first = clock.now() + lead + .milliseconds(20)
        let offsets: [Int64] = [0, 137, 301, 460, 733]  // ms after the first cue
        for offset in offsets {
            let onset = first + .milliseconds(offset)
            clock.sleep(until: onset - lead)
            let reported = try output.play("beep", at: onset)
            #expect(abs((reported.instant - onset).nanoseconds) <= 21_000)  // within one frame at 48 kHz
        }
        clock.sleep(until: clock.now() + .milliseconds(250))
        output.stop()
        let placed = output.placements.map(\.frame)
        #expect(placed.count == offsets.count)
        let written = try frames(ofRawFile: path, channels: output.channelCount)
        for frame in placed {
            // The first sample of the tone is 0 (phase 0, attack 0); the next one is not: 0 frames off.
            #expect(written[Int(frame)] == 0 && written[Int(frame) + 1] != 0 && written[Int(frame) - 1] == 0)
        }
        for index in 1..<placed.count {
            let expected = Double(offsets[index] - offsets[0]) * 48  // frames at 48 kHz
            #expect(abs(Double(placed[index] - placed[0]) - expected) <= 1, "cue \(index): \(placed[index] - placed[0]) vs \(expected)")
        }
        #expect(output.xrunCount == 0)
    }

    @Test("a cue withdrawn before it is written never sounds")
    func cancel() throws {
        let path = NSTemporaryDirectory() + "snapcue-cancel-\(getpid()).raw"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try ALSASoundOutput(station: station(device: "file:FILE=\(path),FORMAT=raw"), directory: "/tmp")
        clock.sleep(until: clock.now() + .milliseconds(60))
        let onset = clock.now() + output.lookahead + .milliseconds(50)
        _ = try output.play("beep", at: onset)
        #expect(output.cancel("beep", at: onset))
        clock.sleep(until: onset + .milliseconds(200))
        output.stop()
        #expect(try frames(ofRawFile: path, channels: output.channelCount).allSatisfy { $0 == 0 })
        #expect(output.placements.isEmpty)
    }

    @Test("a long run on the null device places every cue ahead of the stream, without xruns")
    func longRun() throws {
        let output = try ALSASoundOutput(station: station(device: "null"), directory: "/tmp")
        defer { output.stop() }
        clock.sleep(until: clock.now() + .milliseconds(60))
        var onsets: [MonotonicInstant] = []
        for _ in 0..<100 {
            let onset = clock.now() + output.lookahead
            onsets.append(onset)
            let reported = try output.play("beep", at: onset)
            #expect(abs((reported.instant - onset).nanoseconds) <= 21_000)
            clock.sleep(until: clock.now() + .milliseconds(15))
        }
        #expect(output.xrunCount == 0)
        #expect(output.placements.count == 100)
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
