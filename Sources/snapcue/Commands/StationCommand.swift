import ArgumentParser
import DrillCore

/// `snapcue station …`: check and show station files.
struct StationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station", abstract: "Check and show stations (pin maps and sounds).",
        subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a station file ('sim' for the built-in one) and list what it has.")

        @Argument(help: "'sim' or a station file.")
        var station = "sim"

        func run() throws {
            let value = try reportingErrors { try Station.load(station) }
            print("station \(value.name)" + (value.description.map { ": \($0)" } ?? ""))
            print(value.isSimulated ? "simulated (no GPIO)" : "GPIO station")
            print("lights:")
            for light in value.lights {
                if light.colorLines.isEmpty {
                    print("  \(Format.pad(light.name, 10)) \(Format.pad(light.color, 8)) \(describe(light.gpio))")
                } else {
                    print("  \(Format.pad(light.name, 10)) colours \(light.colors.joined(separator: ", "))")
                    for output in light.colorLines { print("    \(Format.pad(output.color, 14)) \(describe(output.gpio))") }
                }
            }
            for (heading, inputs) in [("switches", value.switches.filter { !$0.isGate }), ("timing gates", value.gates)] where !inputs.isEmpty || heading == "switches" {
                print("\(heading):")
                for item in inputs {
                    print("  \(Format.pad(item.name, 13)) \(Format.pad(item.key.map { "key \($0)" } ?? "", 10)) \(describe(item.gpio)) debounce \(item.debounce.compactDescription)")
                }
            }
            print("sound: device \(value.soundDevice.device), \(value.soundDevice.rate) Hz, period \(value.soundDevice.periodFrames) × \(value.soundDevice.periods)")
            for sound in value.sounds {
                let source: String = switch sound.source {
                case .tone(let frequency, let waveform): "\(waveform.rawValue) \(Int(frequency)) Hz"
                case .chirp(let from, let to, let waveform): "\(waveform.rawValue) chirp \(Int(from))–\(Int(to)) Hz"
                case .file(let path): path
                }
                let pattern = sound.beeps > 1 ? ", \(sound.beeps) beeps \(sound.gap.compactDescription) apart" : ""
                print("  \(Format.pad(sound.name, 10)) \(source), \(sound.duration.compactDescription), \(sound.level) dB\(pattern)")
            }
        }

        private func describe(_ line: GPIOLine?) -> String {
            guard let line else { return "" }
            let lineText: String = switch line.line {
            case .offset(let offset): "line \(offset)"
            case .name(let name): "line \(name)"
            }
            return "\(line.chip) \(lineText) active-\(line.activeLow ? "low" : "high")" + (line.bias == .asIs ? "" : " bias \(line.bias.rawValue)")
        }
    }
}
