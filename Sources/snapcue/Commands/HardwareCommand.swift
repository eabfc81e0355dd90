import ArgumentParser
import DrillCore
import DrillLinux
import Foundation

/// `snapcue hardware check`: is the station wired and reachable as its file says?
/// `snapcue hardware sound-clock`: how exactly can cues be placed on its sound card?
struct HardwareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hardware", abstract: "Check a real station's GPIO lines and sound device.",
        subcommands: [Check.self, SoundClock.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open every line the station names; report chips, line names, consumers and current values.",
            discussion: "With --blink each light is switched on for a moment, one after the other, so you can see the wiring.")

        @Option(help: "The station file.")
        var station: String

        @Flag(help: "Light each light briefly, in turn.")
        var blink = false

        func run() throws {
            let value = try reportingErrors { try Station.load(station) }
            guard !value.isSimulated else {
                throw reportingFailure(CLIError("station '\(value.name)' has no GPIO lines (a simulated station)", fix: "pass a station file with chip/line entries, e.g. Hardware/stations/pi4-four-pads.yaml"))
            }
            let physicalLights = value.lights.filter { $0.aliasOf == nil }, physicalSwitches = value.switches.filter { $0.aliasOf == nil }
            print("station \(value.name): \(physicalLights.count) light(s), \(physicalSwitches.count) switch(es); libgpiod \(GPIOInspector.libraryVersion)")
            print("GPIO chips:")
            let chips = GPIOInspector.chips()
            if chips.isEmpty { print("  none (no /dev/gpiochip*)") }
            for chip in chips { print("  " + chip) }
            var problems = 0
            print("lines:")
            for report in GPIOInspector.inspect(value) {
                var line = "  \(Format.pad(report.role.rawValue, 7)) \(Format.pad(report.name, 10)) "
                if let chip = report.chip, let offset = report.offset {
                    line += "\(chip) line \(offset)" + ((report.lineName ?? "").isEmpty ? "" : " \"\(report.lineName!)\"")
                }
                if let problem = report.problem {
                    problems += 1
                    line += "\n      problem: " + problem.replacingOccurrences(of: "\n", with: "\n      ")
                } else {
                    line += ": free"
                }
                print(line)
            }
            if problems == 0 {
                try reportingErrors {
                    let ports = try GPIOStation(station: value)
                    defer { ports.lights.allOff() }
                    let pressed = try ports.switches.pressedSwitches()
                    print("requested every line; switches now: " + physicalSwitches.map { "\($0.name) \(pressed.contains($0.name) ? "PRESSED" : "released")" }.joined(separator: ", "))
                    if pressed.count > 0 { print("note: a switch that reads pressed with nobody on it is miswired, or its 'active'/'bias' setting is wrong") }
                    if blink {
                        let clock = SystemMonotonicClock()
                        for light in physicalLights {
                            print("blink \(light.name)")
                            try ports.lights.set([light.name], on: true)
                            clock.sleep(until: clock.now() + .milliseconds(400))
                            try ports.lights.set([light.name], on: false)
                            clock.sleep(until: clock.now() + .milliseconds(200))
                        }
                    }
                }
            }
            checkSound(value)
            if problems > 0 {
                Terminal.writeError("\(problems) line(s) cannot be used; see the problems above")
                throw ExitCode(ExitStatus.badInput)
            }
        }

        private func checkSound(_ value: Station) {
            let device = value.soundDevice
            guard !value.sounds.isEmpty else { return }
            do {
                let output = try ALSASoundOutput(station: value, directory: (station as NSString).deletingLastPathComponent)
                print("sound: '\(device.device)' opened at \(output.rate) Hz, \(output.channelCount) channel(s), period \(output.periodDuration.compactDescription)")
                output.stop()
            } catch {
                print("sound: " + "\(error)".replacingOccurrences(of: "\n", with: "\n  "))
            }
            print("note: if this is a Raspberry Pi's onboard headphone jack (bcm2835), it reports its position only every 10 ms, so its sound onsets are uncertain by that much; a USB or I2S sound card gives exact auditory cues")
        }
    }
}

/// Prints a failure like `reportingErrors` would and returns the exit code to throw.
func reportingFailure(_ error: any UserError) -> ExitCode {
    Terminal.writeError(error.terminalText)
    return ExitCode(error.kind.exitCode)
}
