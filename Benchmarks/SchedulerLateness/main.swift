// Scheduler lateness of Snapcue's cue thread: for each cue, the time from its
// deadline to the start and to the return of the light-set call, using the
// real waiting code (PreciseWaiter: ppoll, then spin) on a real-time thread.
// Prints p50/p99/max over --count cues and the thread's CPU use while waiting.
//
// usage: scheduler-lateness [--count N] [--gap-ms MIN:MAX] [--gpio-chip LABEL --gpio-line N] [--no-realtime]
//   without --gpio-chip the light is a variable in memory (the host run);
//   with it, a real GPIO output line (e.g. gpio-sim in the virtual station).
import DrillCore
import DrillLinux
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A light that is a variable: measures the scheduler alone.
final class MemoryLight: LightOutput {
    private(set) var isOn = false
    func set(_ lights: [String], on: Bool) throws { isOn = on }
}

struct Options {
    var count = 10_000
    var gapMin = 1.0, gapMax = 4.0
    var chip: String?
    var line = 0
    var realtime = true

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--count": count = Int(iterator.next() ?? "") ?? count
            case "--gap-ms":
                let parts = (iterator.next() ?? "").split(separator: ":").compactMap { Double($0) }
                if parts.count == 2 { (gapMin, gapMax) = (parts[0], parts[1]) }
            case "--gpio-chip": chip = iterator.next()
            case "--gpio-line": line = Int(iterator.next() ?? "") ?? 0
            case "--no-realtime": realtime = false
            default: FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8)); exit(2)
            }
        }
    }
}

/// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in seconds.
func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let light: any LightOutput
var gpioStation: GPIOStation?
if let chip = options.chip {
    let station = try Station.parse("""
        name: bench
        lights: {cue: {chip: "\(chip)", line: \(options.line)}}
        switches: {}
        """, file: "<bench>")
    gpioStation = try GPIOStation(station: station)
    light = gpioStation!.lights
} else {
    light = MemoryLight()
}

struct Figures: Sendable {
    var startLateness: [Double] = []
    var returnLateness: [Double] = []
    var cpuSeconds = 0.0
    var wallSeconds = 0.0
    var realtime = ""
    var finalMargin = 0.0
}

let done = DispatchSemaphore(value: 0)
nonisolated(unsafe) var figures = Figures()
nonisolated(unsafe) let sharedLight = light
let thread = Thread {
    defer { done.signal() }
    if options.realtime { figures.realtime = RealtimeThread.configureCurrentThread(priority: 80).summary }
    let clock = SystemMonotonicClock()
    var waiter = PreciseWaiter(clock: clock)
    var descriptors: [pollfd] = []
    var generator = SeededGenerator(seed: 1)
    figures.startLateness.reserveCapacity(options.count)
    figures.returnLateness.reserveCapacity(options.count)
    let cpuStart = threadCPUTime(), wallStart = clock.now()
    for index in 0..<options.count {
        let gap = options.gapMin + (options.gapMax - options.gapMin) * generator.nextUnitInterval()
        let deadline = clock.now() + .nanoseconds(Int64(gap * 1e6))
        while (try? waiter.wait(until: deadline, descriptors: &descriptors)) != .deadline {}
        let before = clock.now()
        try? sharedLight.set(["cue"], on: index % 2 == 0)
        let after = clock.now()
        figures.startLateness.append(Double((before - deadline).nanoseconds) / 1000)
        figures.returnLateness.append(Double((after - deadline).nanoseconds) / 1000)
    }
    figures.cpuSeconds = threadCPUTime() - cpuStart
    figures.finalMargin = Double(waiter.spinMargin.nanoseconds) / 1000
    figures.wallSeconds = (clock.now() - wallStart).seconds
}
thread.start()
done.wait()

if !figures.realtime.isEmpty { print(figures.realtime) }
let start = figures.startLateness.sorted(), end = figures.returnLateness.sorted()
let place = options.chip.map { "GPIO line \(options.line) of '\($0)'" } ?? "in-memory light"
print("cues \(options.count) (\(place)), gaps \(options.gapMin)–\(options.gapMax) ms")
print(String(format: "deadline → light-set start:    p50 %.1f µs  p99 %.1f µs  max %.1f µs", percentile(start, 0.5), percentile(start, 0.99), start.last!))
print(String(format: "deadline → light-set returned: p50 %.1f µs  p99 %.1f µs  max %.1f µs", percentile(end, 0.5), percentile(end, 0.99), end.last!))
print(String(format: "adaptive spin margin at the end: %.1f µs", figures.finalMargin))
print(String(format: "cue thread CPU while waiting: %.1f %% of a core (%.2f s CPU over %.1f s)", 100 * figures.cpuSeconds / figures.wallSeconds, figures.cpuSeconds, figures.wallSeconds))
print(String(format: "RESULT p50=%.1f p99=%.1f max=%.1f cpu=%.2f", percentile(end, 0.5), percentile(end, 0.99), end.last!, 100 * figures.cpuSeconds / figures.wallSeconds))
