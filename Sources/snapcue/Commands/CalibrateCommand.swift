import ArgumentParser
import DrillCore
import DrillStation
import DrillLinux
import DrillStats
import DrillStore
import Foundation
import Synchronization

/// `snapcue calibrate`: the station's own onset → edge latency through a jumper wire.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure a station's cue-onset → switch-edge latency through a loop (jumper wire or photodiode).",
        discussion: """
            Connect the light's GPIO pin to the switch's GPIO pin (a jumper wire, or a photodiode on the light
            feeding the switch input) and run this. It lights the light --count times and measures, for each cue,
            the kernel timestamp of the switch edge minus the light onset. The figures are printed and saved next
            to the station file (STATION.calibration.json). See Hardware/README.md.
            """)

    @Option(help: "The station file.")
    var station: String

    @Option(help: "LIGHT:SWITCH, the light and the switch the loop connects.")
    var loop: String

    @Option(help: "Number of cues.")
    var count = 500

    @OptionGroup var realtime: RealtimeOptions

    func validate() throws {
        guard loop.split(separator: ":").count == 2 else { throw ValidationError("--loop takes LIGHT:SWITCH, e.g. --loop pad1:pad1") }
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be 1 to 100000") }
    }

    func run() throws {
        let parts = loop.split(separator: ":").map(String.init)
        let value = try reportingErrors { () throws -> Station in
            let value = try Station.load(station)
            guard value.light(named: parts[0]) != nil else { throw CLIError("station '\(value.name)' has no light '\(parts[0])'", fix: "lights: \(value.lights.map(\.name).joined(separator: ", "))") }
            guard value.switchSpec(named: parts[1]) != nil else { throw CLIError("station '\(value.name)' has no switch '\(parts[1])'", fix: "switches: \(value.switches.map(\.name).joined(separator: ", "))") }
            guard !value.isSimulated else { throw CLIError("calibration needs a GPIO station", fix: "pass a station file with chip/line entries") }
            return value
        }
        installStopHandlers()
        let ports = try reportingErrors { try GPIOStation(station: value, stopRequested: { processStopSignal.isRequested }) }
        defer { ports.lights.allOff() }
        let calibration = LoopCalibration(light: parts[0], switchName: parts[1])
        let handoff = Handoff(value: ports)
        let total = count
        let report = Mutex("")
        print("calibrating \(parts[0]) → \(parts[1]) with \(count) cues…")
        let result = CueThread.run(realtime: realtime.request, onRealtime: { granted in report.withLock { $0 = granted.summary } }) {
            do {
                return Result<[LoopCalibration.Sample], ActionableError>.success(
                    try calibration.run(count: total, lights: handoff.value.lights, switches: handoff.value.switches))
            } catch {
                return .failure(ActionableError("\(error)", kind: .unavailable))
            }
        }
        let granted = report.withLock { $0 }
        if !granted.isEmpty { print(granted) }
        let samples: [LoopCalibration.Sample]
        switch result {
        case .success(let value): samples = value
        case .failure(let error):
            Terminal.writeError(error.terminalText)
            throw ExitCode(ExitStatus.stationFault)
        }
        let summary = CalibrationSummary(samples: samples)
        print(summary.text)
        let path = station + ".calibration.json"
        let record = CalibrationRecord(
            station: value.name, loop: loop, measuredAt: WallClock.nowISO, libgpiod: GPIOInspector.libraryVersion, summary: summary)
        try SnapcueJSON.encoder(pretty: true).encode(record).write(to: URL(fileURLWithPath: path))
        print("saved \(path)")
        if summary.lost > 0 {
            Terminal.writeError("\(summary.lost) cue(s) produced no edge within 500 ms: check the loop wiring")
            throw ExitCode(ExitStatus.stationFault)
        }
    }
}

/// Percentiles of a calibration, in microseconds.
struct CalibrationSummary: Codable {
    var cues: Int
    var lost: Int
    var loopP50Microseconds: Double?
    var loopP99Microseconds: Double?
    var loopMaxMicroseconds: Double?
    var latenessP50Microseconds: Double?
    var latenessP99Microseconds: Double?
    var latenessMaxMicroseconds: Double?
    var lightSetP50Microseconds: Double?

    init(samples: [LoopCalibration.Sample]) {
        let loops = samples.compactMap(\.loopNanoseconds).map { Double($0) / 1000 }
        let lateness = samples.map { Double($0.latenessNanoseconds) / 1000 }
        cues = samples.count
        lost = samples.count - loops.count
        loopP50Microseconds = Descriptive.quantile(loops, 0.5)
        loopP99Microseconds = Descriptive.quantile(loops, 0.99)
        loopMaxMicroseconds = loops.max()
        latenessP50Microseconds = Descriptive.quantile(lateness, 0.5)
        latenessP99Microseconds = Descriptive.quantile(lateness, 0.99)
        latenessMaxMicroseconds = lateness.max()
        lightSetP50Microseconds = Descriptive.quantile(samples.map { Double($0.lightSetNanoseconds) / 1000 }, 0.5)
    }

    var text: String {
        func us(_ value: Double?) -> String { value.map { String(format: "%.1f µs", $0) } ?? "–" }
        return """
            cues \(cues), lost \(lost)
            onset → edge latency:  p50 \(us(loopP50Microseconds))  p99 \(us(loopP99Microseconds))  max \(us(loopMaxMicroseconds))
            scheduler lateness:    p50 \(us(latenessP50Microseconds))  p99 \(us(latenessP99Microseconds))  max \(us(latenessMaxMicroseconds))
            light-set call:        p50 \(us(lightSetP50Microseconds))
            """
    }
}

struct CalibrationRecord: Codable {
    var station: String
    var loop: String
    var measuredAt: String
    var libgpiod: String
    var summary: CalibrationSummary
}
