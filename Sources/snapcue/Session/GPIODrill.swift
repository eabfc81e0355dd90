import ArgumentParser
import DrillCore
import DrillLinux
import Foundation
import Synchronization

/// Options of the real-time cue thread.
struct RealtimeOptions: ParsableArguments {
    @Option(help: "Pin the cue thread to this CPU (e.g. 3 on a Pi 4, keeping it off CPU 0's interrupts); 'serve' also keeps its web threads off it.")
    var cpu: Int?

    @Option(help: "SCHED_FIFO priority of the cue thread (1-99).")
    var priority: Int32 = 80

    @Flag(help: "Do not ask for real-time scheduling and locked memory.")
    var noRealtime = false
}

/// A drill on a real station: GPIO lights and switches, ALSA sound.
struct GPIODrill {
    let setup: DrillSetup
    let options: RealtimeOptions
    let json: Bool

    func run() throws -> SessionResult {
        let clock = SystemMonotonicClockAdapter.clock
        let station = try GPIOStation(station: setup.station, clock: clock, stopRequested: { processStopSignal.isRequested })
        defer { station.lights.allOff() }
        var sound: ALSASoundOutput?
        if !setup.profile.requiredSounds.isEmpty {
            sound = try ALSASoundOutput(station: setup.station, directory: setup.stationDirectory)
        }
        defer { sound?.stop() }
        let write: (String) -> Void = json ? { FileHandle.standardError.write(Data($0.utf8)) } : { Terminal.write($0) }
        let printer = ProgressPrinter(setup: setup, redraw: !json && Terminal.outputIsTerminal, write: write)
        write(header(setup) + "\n")
        let report = Mutex<RealtimeThread.Report?>(nil)
        var reported = false
        let priority = options.priority, cpu = options.cpu, wanted = !options.noRealtime
        return DrillSession.run(
            setup, clock: clock, lights: station.lights, sound: sound, switches: station.switches,
            onCueThreadStart: {
                guard wanted else { return }
                let result = RealtimeThread.configureCurrentThread(priority: priority, cpu: cpu)
                report.withLock { $0 = result }
            },
            display: { action in
                if !reported, let summary = report.withLock({ $0?.summary }) {
                    reported = true
                    write(summary + "\n")
                }
                printer.show(action)
            })
    }
}
