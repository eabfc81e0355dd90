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
        for cue in cues {
            for light in cue.lights where station.light(named: light) == nil {
                throw missing("light", light, field: "cues.\(cue.name).light", available: station.lights.map(\.name), station: station, file: file)
            }
            if let sound = cue.sound, station.sound(named: sound) == nil {
                throw missing("sound", sound, field: "cues.\(cue.name).sound", available: station.sounds.map(\.name), station: station, file: file)
            }
            for side in sides {
                if let target = cue.expected[side], station.switchSpec(named: target) == nil {
                    throw missing("switch", target, field: "cues.\(cue.name).expect", available: station.switches.map(\.name), station: station, file: file)
                }
            }
        }
        if case .homeRelease(let home, _) = mode, station.switchSpec(named: home) == nil {
            throw missing("switch", home, field: "home", available: station.switches.map(\.name), station: station, file: file)
        }
    }

    private func missing(_ kind: String, _ name: String, field: String, available: [String], station: Station, file: String) -> ConfigError {
        ConfigError(
            file: file, field: field,
            problem: "the drill needs \(kind) '\(name)', which station '\(station.name)' does not have",
            fix: available.isEmpty ? "add a \(kind) named '\(name)' to the station file" : "use one of the station's \(kind)s (\(available.joined(separator: ", "))), or add '\(name)' to the station file")
    }
}
