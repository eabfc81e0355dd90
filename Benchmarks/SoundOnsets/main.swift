// Sound-cue onset placement: schedules --count cues (one lookahead ahead, at
// random 20–60 ms intervals) into a real libasound stream through the `file`
// plugin, then reads back what was written. For each cue: the frame its onset
// maps to, the frame it was placed at, and the first frame of sound in the
// file. Prints the placement error in frames, the spacing error against the
// scheduled onsets, and the stream thread's CPU use.
//
// usage: sound-onsets [--count N]
import DrillCore
import DrillLinux
import Foundation

var count = 1000
if let index = CommandLine.arguments.firstIndex(of: "--count"), index + 1 < CommandLine.arguments.count {
    count = Int(CommandLine.arguments[index + 1]) ?? count
}
let path = NSTemporaryDirectory() + "snapcue-sound-bench-\(getpid()).raw"
defer { try? FileManager.default.removeItem(atPath: path) }
let station = try Station.parse("""
    name: bench
    lights: {pad: {}}
    switches: {pad: {}}
    sound: {device: "file:FILE=\(path),FORMAT=raw", rate: 48000, period: 240, periods: 4}
    sounds: {beep: {tone: 1000Hz, duration: 10ms, level: -6dB, attack: 1ms, release: 2ms}}
    """, file: "<bench>")
let clock = SystemMonotonicClock()
let output = try ALSASoundOutput(station: station, directory: "/tmp")
clock.sleep(until: clock.now() + .milliseconds(200))
var generator = SeededGenerator(seed: 1)
var onsets: [MonotonicInstant] = []
var reported: [MonotonicInstant] = []
var next = clock.now() + output.lookahead + .milliseconds(20)
let cpuStart = output.streamCPUTime, wallStart = clock.now()
for _ in 0..<count {
    clock.sleep(until: next - output.lookahead)
    onsets.append(next)
    reported.append(try output.play("beep", at: next).instant)
    next = next + .milliseconds(20) + Duration.microseconds(Int64(generator.nextIndex(below: 40_000)))
}
clock.sleep(until: next + .milliseconds(100))
let cpu = output.streamCPUTime - cpuStart, wall = clock.now() - wallStart
output.stop()

let data = try Data(contentsOf: URL(fileURLWithPath: path))
let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
let frames = stride(from: 0, to: samples.count, by: output.channelCount).map { samples[$0] }
let placements = output.placements.map(\.frame)
var placementErrors: [Int64] = []
for frame in placements {
    // The tone's first sample is 0; the first non-zero sample marks where it was written.
    let firstSound = Int64(frames[Int(frame)...].firstIndex { $0 != 0 } ?? Int(frame)) - 1
    placementErrors.append(firstSound - frame)
}
var spacingErrors: [Double] = []
for index in 1..<placements.count {
    let scheduled = Double((onsets[index] - onsets[index - 1]).nanoseconds) * 48_000 / 1e9
    spacingErrors.append(Double(placements[index] - placements[index - 1]) - scheduled)
}
let reportedErrors = zip(reported, onsets).map { Double(($0 - $1).nanoseconds) / 1000 }
let exact = placementErrors.filter { $0 == 0 }.count
print("cues \(count) through the file plugin at 48 kHz, handed over \(output.lookahead.compactDescription) ahead")
print("placement error (first frame of sound − computed frame): \(exact)/\(count) cues 0 frames off, max |error| \(placementErrors.map { abs($0) }.max() ?? 0) frames")
print(String(format: "spacing error (placed − scheduled interval): max |error| %.2f frames", spacingErrors.map { abs($0) }.max() ?? 0))
print(String(format: "reported onset − scheduled onset: max |error| %.1f µs (one frame = 20.8 µs)", reportedErrors.map { abs($0) }.max() ?? 0))
print(String(format: "stream thread CPU: %.2f %% of a core (%.3f s over %.1f s), xruns %d", 100 * cpu.seconds / wall.seconds, cpu.seconds, wall.seconds, output.xrunCount))
