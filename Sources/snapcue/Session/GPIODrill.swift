import ArgumentParser
import DrillCore
import DrillLinux
import DrillStation
import Foundation
import Synchronization

/// Options of the real-time cue thread.
struct RealtimeOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: "Pin the cue thread to this CPU (e.g. 3 on a Pi 4, keeping it off CPU 0's interrupts); 'serve' also keeps its web threads off it.")
    var cpu: Int?

    @Option(parsing: .unconditional, help: "SCHED_FIFO priority of the cue thread (1-99).")
    var priority: Int32 = 80

    @Flag(help: "Do not ask for real-time scheduling and locked memory.")
    var noRealtime = false

    func validate() throws {
        guard (1...99).contains(priority) else { throw ValidationError("--priority must be 1 to 99 (SCHED_FIFO priorities), not \(priority)") }
        if let cpu {
            let cpus = ProcessInfo.processInfo.activeProcessorCount
            guard (0..<cpus).contains(cpu) else {
                throw ValidationError("--cpu must be a CPU number from 0 to \(cpus - 1) on this machine, not \(cpu)")
            }
        }
    }

    /// What the cue thread asks for.
    var request: RealtimeRequest { RealtimeRequest(wanted: !noRealtime, priority: priority, cpu: cpu) }
}

/// A drill on a real station (GPIO lights and switches, ALSA sound), its progress printed.
struct GPIODrill {
    let setup: DrillSetup
    let options: RealtimeOptions
    let json: Bool

    func run() throws -> SessionResult {
        let ports = try DrillPorts.gpio(setup, stop: processStopSignal)
        defer { ports.close() }
        let write: @Sendable (String) -> Void = json ? Terminal.writeToStandardError : Terminal.write
        let printer = ProgressPrinter(setup: setup, redraw: !json && Terminal.outputIsTerminal, clock: ports.clock, write: write)
        write(setup.headline + "\n")
        let report = Mutex<RealtimeThread.Report?>(nil)
        var reported = false
        return DrillSession.run(
            setup, ports: ports, realtime: options.request, stop: processStopSignal,
            onRealtime: { granted in report.withLock { $0 = granted } },
            display: { action in
                if !reported, let summary = report.withLock({ $0?.summary }) {
                    reported = true
                    write(summary + "\n")
                }
                printer.show(action)
            })
    }
}
