extension Profile {
    /// Checks that `station` has every light, switch and sound this drill
    /// needs, before any cue is emitted. `file` names the profile in errors;
    /// `text` is the profile's text (read from `file` when not given), so an
    /// error points at the line and column of the name the station lacks.
    public func checkRunnable(on station: Station, file: String, text: String? = nil) throws {
        do {
            try checkNames(on: station, file: file)
        } catch var error as ConfigError {
            if let source = text ?? (try? ConfigFile.read(file)), let root = try? ConfigNode.parse(source, file: file),
               let node = root.descendant(at: error.field), let mark = node.node.mark
            {
                (error.line, error.column) = (mark.line, mark.column)
            } else if error.line == nil {
                (error.line, error.column) = (1, 1)
            }
            throw error
        }
    }

    private func checkNames(on station: Station, file: String) throws {
        // A partner drill's cues are written under 'partner', not 'cues'.
        let cueField = { (cue: Cue, key: String) in partner == nil ? "cues.\(cue.name).\(key)" : "partner.map" }
        for cue in cues {
            for light in cue.lights where station.light(named: light) == nil {
                if station.switchSpec(named: light)?.isGate == true {
                    throw ConfigError(
                        file: file, field: cueField(cue, "light"),
                        problem: "'\(light)' is a timing gate on station '\(station.name)', not a light",
                        fix: "light one of the station's lights (\(station.lights.map(\.name).joined(separator: ", "))) and keep the gate as the target")
                }
                throw missing("light", light, field: cueField(cue, "light"), available: station.lights.map(\.name), station: station, file: file)
            }
            for (light, color) in cue.lightColors.sorted(by: { $0.key < $1.key }) {
                guard let spec = station.light(named: light), spec.outputs(showing: color) == nil else { continue }
                throw ConfigError(
                    file: file, field: "cues.\(cue.name).light.\(light)",
                    problem: "light '\(light)' of station '\(station.name)' cannot show \(color): it shows \(spec.colors.joined(separator: ", "))",
                    fix: spec.colorLines.isEmpty
                        ? "use '\(spec.color)', or wire an RGB pad (a line per colour: 'colors:' in the station file)"
                        : "use one of its colours, or wire a \(color) line to it")
            }
            if let sound = cue.sound, station.sound(named: sound) == nil {
                throw missing("sound", sound, field: "cues.\(cue.name).sound", available: station.sounds.map(\.name), station: station, file: file)
            }
            for side in sides {
                if let target = cue.expected[side], station.switchSpec(named: target) == nil {
                    throw missing("switch", target, field: cueField(cue, "expect"), available: station.switches.map(\.name), station: station, file: file)
                }
            }
            // Every lit pad of 'expect: all', and every lit distractor, is pressed on the switch of its name.
            for pad in (cue.expectsAllLit ? cue.lights : distractorPads(of: cue)) where station.switchSpec(named: pad) == nil {
                throw missing("switch", pad, field: "cues.\(cue.name).light", available: station.switches.map(\.name), station: station, file: file)
            }
        }
        if case .homeRelease(let home, _) = mode, station.switchSpec(named: home) == nil {
            throw missing("switch", home, field: "home", available: station.switches.map(\.name), station: station, file: file)
        }
        if let partner {
            for pad in partner.pads where station.switchSpec(named: pad) == nil {
                throw missing("switch", pad, field: "partner", available: station.switches.map(\.name), station: station, file: file)
            }
        }
        if let run = mode.gateRun { try checkGates(of: run, on: station, file: file) }
    }

    /// A gate run needs its start gate (and decision gates) among the station's timing gates.
    private func checkGates(of run: GateRun, on station: Station, file: String) throws {
        let gates = station.gates.map(\.name)
        for (field, name) in [("start_gate", run.startGate)] + run.decisionGates.sorted(by: { $0.key < $1.key }).map({ ("decision_gates.\($0.key)", $0.value) }) {
            guard let input = station.switchSpec(named: name) else {
                throw ConfigError(
                    file: file, field: field, problem: "the drill needs the timing gate '\(name)', which station '\(station.name)' does not have",
                    fix: gates.isEmpty
                        ? "a gate run needs a start gate: add a 'gates:' section to the station file (an IR beam or a mat: 'gates: {\(name): {chip: …, line: …}}')"
                        : "use one of the station's gates (\(gates.joined(separator: ", "))), or add '\(name)' under 'gates:'")
            }
            guard input.isGate else {
                throw ConfigError(
                    file: file, field: field, problem: "'\(name)' is a switch on station '\(station.name)', not a timing gate",
                    fix: "list it under 'gates:' in the station file if it is a beam or a mat the athlete runs through")
            }
        }
    }

    private func missing(_ kind: String, _ name: String, field: String, available: [String], station: Station, file: String) -> ConfigError {
        ConfigError(
            file: file, field: field,
            problem: "the drill needs \(kind) '\(name)', which station '\(station.name)' does not have",
            fix: available.isEmpty ? "add a \(kind) named '\(name)' to the station file" : "use one of the station's \(kind == "switch" ? "switches" : kind + "s") (\(available.joined(separator: ", "))), or add '\(name)' to the station file")
    }
}
