import Foundation

extension Station {
    /// Reads a station from YAML or JSON text. `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws -> Station {
        try StationParser(root: ConfigNode.parse(text, file: file)).station()
    }

    /// Reads a station file, or the built-in station when `pathOrName` is `sim`.
    public static func load(_ pathOrName: String) throws -> Station {
        if pathOrName == "sim" { return try builtInSimulated() }
        return try parse(ConfigFile.read(pathOrName, kind: .station), file: pathOrName)
    }

    /// The built-in simulated station: every light, switch and sound the
    /// shipped profiles use, with keyboard keys for the switches.
    public static func builtInSimulated() throws -> Station {
        try parse(simulatedStationText, file: "<built-in sim station>")
    }
}

private struct StationParser {
    let root: ConfigNode
    static let colors = LightSpec.knownColors
    /// The most colour lines one pad has (the GPIO shim requests them together: SNAPCUE_GPIO_GROUP_MAX).
    static let maximumColorLines = 8

    func station() throws -> Station {
        let top = try root.mapping(allowed: ["name", "description", "lights", "switches", "gates", "aliases", "sound", "sounds"])
        let name = try top.required("name").name()
        let description = try top.optional("description")?.string()
        var lights = try top.required("lights").namedEntries().map(parseLight)
        var switches = try top.required("switches").namedEntries().map(parseSwitch)
        for (name, node) in try top.optional("gates")?.namedEntries() ?? [] {
            if switches.contains(where: { $0.name == name }) {
                throw node.error("'\(name)' is both a switch and a gate", fix: "give the gate its own name")
            }
            var gate = try parseSwitch(name: name, node: node)
            gate.isGate = true
            switches.append(gate)
        }
        if let aliases = top.optional("aliases") {
            try addAliases(aliases, lights: &lights, switches: &switches)
        }
        let device = try parseDevice(top.optional("sound"))
        let sounds = try top.optional("sounds")?.namedEntries().map(parseSound) ?? []
        let station = Station(name: name, description: description, lights: lights, switches: switches, soundDevice: device, sounds: sounds)
        try checkConsistency(station, top: top)
        return station
    }

    /// `aliases: {pad: pad1}`: another name for a light and/or switch, so
    /// profiles written for one pad (`pad`) run on a four-pad station. The
    /// alias shares the target's line.
    func addAliases(_ node: ConfigNode, lights: inout [LightSpec], switches: inout [SwitchSpec]) throws {
        for (alias, targetNode) in try node.namedEntries() {
            let target = try targetNode.name()
            if lights.contains(where: { $0.name == alias }) || switches.contains(where: { $0.name == alias }) {
                throw targetNode.error("'\(alias)' is already a light or switch name", fix: "an alias must be a new name")
            }
            let light = lights.first { $0.name == target }
            let switchSpec = switches.first { $0.name == target }
            guard light != nil || switchSpec != nil else {
                throw targetNode.error("no light or switch named '\(target)'", fix: "aliases name existing lights or switches")
            }
            if var light {
                light.name = alias
                light.aliasOf = target
                lights.append(light)
            }
            if var switchSpec {
                switchSpec.name = alias
                switchSpec.aliasOf = target
                switches.append(switchSpec)
            }
        }
    }

    func parseLight(name: String, node: ConfigNode) throws -> LightSpec {
        let fields = try node.mapping(allowed: ["color", "colors", "chip", "line", "active"])
        guard let colorsNode = fields.optional("colors") else {
            let color = try fields.optional("color")?.choice(Self.colors) ?? "white"
            return LightSpec(name: name, color: color, gpio: try parseLine(fields, at: node, isInput: false))
        }
        for key in ["color", "chip", "line", "active"] where fields.has(key) {
            throw fields.optional(key)!.error(
                "a light with 'colors' has a line per colour, so '\(key)' does not apply here",
                fix: "write each colour's line under 'colors' (e.g. colors: {red: {chip: gpiochip0, line: 5}}), or use 'color' with one line")
        }
        var lines: [ColorLine] = []
        if case .scalar = colorsNode.node {
            throw colorsNode.error("expected a list of colours or a line per colour", fix: "write e.g. 'colors: [red, green, blue]' (simulated) or 'colors: {red: {chip: …, line: …}, green: …}'")
        } else if let items = try? colorsNode.list() {
            for item in items { lines.append(ColorLine(color: try item.choice(Self.colors), gpio: nil)) }
        } else {
            for (color, lineNode) in try colorsNode.namedEntries() {
                guard Self.colors.contains(color) else {
                    throw lineNode.error("'\(color)' is not a colour Snapcue knows", fix: "use one of \(Self.colors.joined(separator: ", "))")
                }
                let lineFields = try lineNode.mapping(allowed: ["chip", "line", "active"])
                guard let gpio = try parseLine(lineFields, at: lineNode, isInput: false) else {
                    throw lineNode.error("colour '\(color)' has no line", fix: "add 'chip' and 'line'")
                }
                lines.append(ColorLine(color: color, gpio: gpio))
            }
        }
        guard !lines.isEmpty else { throw colorsNode.error("the list of colours is empty", fix: "name at least one colour") }
        guard lines.count <= Self.maximumColorLines else {
            throw colorsNode.error("\(lines.count) colour lines; a pad has at most \(Self.maximumColorLines)", fix: "wire the other colours as another light")
        }
        // One request sets a pad's colour lines together: they share a chip and an 'active' setting
        // (an RGB LED is common-anode or common-cathode).
        let wired = lines.compactMap(\.gpio)
        if let first = wired.first, wired.contains(where: { $0.chip != first.chip || $0.activeLow != first.activeLow }) {
            throw colorsNode.error(
                "the colour lines of '\(name)' differ in 'chip' or 'active'",
                fix: "put a pad's colour lines on one chip with one 'active' setting (all 'high' for common cathode, all 'low' for common anode)")
        }
        if let repeated = Dictionary(grouping: lines, by: \.color).first(where: { $0.value.count > 1 })?.key {
            throw colorsNode.error("colour '\(repeated)' is listed twice", fix: "give each colour one line")
        }
        return LightSpec(name: name, color: lines[0].color, gpio: nil, colorLines: lines)
    }

    func parseSwitch(name: String, node: ConfigNode) throws -> SwitchSpec {
        let fields = try node.mapping(allowed: ["key", "chip", "line", "active", "bias", "debounce"])
        var key: String?
        if let keyNode = fields.optional("key") {
            let text = try keyNode.scalarText()
            guard text == "space" || (text.count == 1 && text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 }) else {
                throw keyNode.error("'\(text)' is not a usable key", fix: "use 'space' or one printable ASCII character")
            }
            key = text
        }
        let debounce = try fields.optional("debounce")?.duration(in: .microseconds(1)...Duration.milliseconds(200)) ?? .milliseconds(5)
        return SwitchSpec(name: name, key: key, gpio: try parseLine(fields, at: node, isInput: true), debounce: debounce)
    }

    func parseLine(_ fields: ConfigMapping, at node: ConfigNode, isInput: Bool) throws -> GPIOLine? {
        let chipNode = fields.optional("chip"), lineNode = fields.optional("line")
        guard chipNode != nil || lineNode != nil else {
            for key in ["active", "bias"] where fields.has(key) {
                throw fields.optional(key)!.error("'\(key)' needs 'chip' and 'line'", fix: "add the GPIO chip and line, or remove '\(key)'")
            }
            return nil
        }
        guard let chipNode else { throw node.error("'line' without 'chip'", fix: "add e.g. 'chip: gpiochip0'") }
        guard let lineNode else { throw node.error("'chip' without 'line'", fix: "add the line offset (e.g. 'line: 17') or name (e.g. 'line: GPIO17')") }
        let chip = try chipNode.string()
        let lineText = try lineNode.string()
        let line: GPIOLine.Line
        if let offset = Int(lineText) {
            guard (0...1023).contains(offset) else { throw lineNode.error("line offset \(offset) is out of range", fix: "use 0 to 1023, or the line's name") }
            line = .offset(offset)
        } else {
            line = .name(lineText)
        }
        let activeLow = try (fields.optional("active")?.choice(["high", "low"]) ?? "high") == "low"
        var bias = GPIOLine.Bias.asIs
        if let biasNode = fields.optional("bias") {
            guard isInput else { throw biasNode.error("'bias' applies to switches only") }
            bias = GPIOLine.Bias(rawValue: try biasNode.choice(GPIOLine.Bias.allCases.map(\.rawValue)))!
        }
        return GPIOLine(chip: chip, line: line, activeLow: activeLow, bias: bias)
    }

    func parseDevice(_ node: ConfigNode?) throws -> SoundDeviceSpec {
        guard let node else { return .standard }
        let fields = try node.mapping(allowed: ["device", "rate", "period", "periods"])
        var spec = SoundDeviceSpec.standard
        if let device = fields.optional("device") { spec.device = try device.string() }
        if let rate = fields.optional("rate") { spec.rate = try rate.int(in: 8_000...192_000) }
        if let period = fields.optional("period") { spec.periodFrames = try period.int(in: 16...16_384) }
        if let periods = fields.optional("periods") { spec.periods = try periods.int(in: 2...64) }
        return spec
    }

    func parseSound(name: String, node: ConfigNode) throws -> SoundSpec {
        let fields = try node.mapping(allowed: ["tone", "chirp", "waveform", "file", "duration", "level", "attack", "release", "beeps", "gap"])
        let sources = ["tone", "chirp", "file"].filter { fields.has($0) }
        guard sources.count == 1 else {
            if sources.isEmpty {
                throw node.error("sound '\(name)' has no 'tone', 'chirp' or 'file'", fix: "add e.g. 'tone: 1000Hz', 'chirp: 500Hz-2kHz' or 'file: go.wav'")
            }
            throw fields.optional(sources[1])!.error("a sound is one of 'tone', 'chirp' or 'file'", fix: "keep one of \(sources.joined(separator: ", "))")
        }
        let waveform = try fields.optional("waveform").map { SoundSpec.Waveform(rawValue: try $0.choice(SoundSpec.Waveform.allCases.map(\.rawValue)))! } ?? .sine
        let source: SoundSpec.Source
        if let tone = fields.optional("tone") {
            source = .tone(frequency: try parseFrequency(tone), waveform: waveform)
        } else if let chirp = fields.optional("chirp") {
            let parts = try chirp.scalarText().split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw chirp.error("'\(try chirp.scalarText())' is not a sweep", fix: "write two frequencies, e.g. 'chirp: 500Hz-2kHz'")
            }
            source = .chirp(from: try parseFrequency(chirp, text: parts[0]), to: try parseFrequency(chirp, text: parts[1]), waveform: waveform)
        } else {
            if let waveformNode = fields.optional("waveform") {
                throw waveformNode.error("'waveform' applies to tones and chirps, not WAV files", fix: "remove it")
            }
            source = .file(path: try fields.required("file").string())
        }
        let duration = try fields.optional("duration")?.duration(in: .milliseconds(5)...Duration.seconds(10)) ?? .milliseconds(150)
        let level = try fields.optional("level").map { try parseLevel($0) } ?? -6
        let attack = try fields.optional("attack")?.duration(in: .milliseconds(1)...Duration.seconds(1)) ?? .milliseconds(5)
        let release = try fields.optional("release")?.duration(in: .milliseconds(1)...Duration.seconds(1)) ?? .milliseconds(10)
        if attack + release > duration {
            throw (fields.optional("attack") ?? node).error("attack + release (\((attack + release).compactDescription)) is longer than the sound (\(duration.compactDescription))", fix: "shorten the ramps or lengthen 'duration'")
        }
        var sound = SoundSpec(name: name, source: source, duration: duration, level: level, attack: attack, release: release)
        sound.beeps = try fields.optional("beeps")?.int(in: 1...10) ?? 1
        if let gap = fields.optional("gap") {
            guard sound.beeps > 1 else { throw gap.error("'gap' is the silence between beeps, but there is one beep", fix: "add e.g. 'beeps: 3', or remove 'gap'") }
            sound.gap = try gap.duration(in: .milliseconds(5)...Duration.seconds(2))
        } else if sound.beeps > 1 {
            sound.gap = .milliseconds(80)
        }
        return sound
    }

    func parseFrequency(_ node: ConfigNode, text given: String? = nil) throws -> Double {
        let text = try (given ?? node.scalarText()).lowercased().replacingOccurrences(of: " ", with: "")
        let value: Double? = if text.hasSuffix("khz") { Double(text.dropLast(3)).map { $0 * 1000 } }
            else if text.hasSuffix("hz") { Double(text.dropLast(2)) }
            else { Double(text) }
        guard let value, (20...20_000).contains(value) else {
            throw node.error("'\(text)' is not an audible frequency", fix: "write a frequency from 20Hz to 20kHz, e.g. 1000Hz or 1.5kHz")
        }
        return value
    }

    func parseLevel(_ node: ConfigNode) throws -> Double {
        let text = try node.scalarText().lowercased().replacingOccurrences(of: "db", with: "").trimmingCharacters(in: .whitespaces)
        guard let value = Double(text), (-60...0).contains(value) else {
            throw node.error("'\(try node.scalarText())' is not a level", fix: "write a level in dB from -60dB to 0dB (full scale), e.g. -6dB")
        }
        return value
    }

    func checkConsistency(_ station: Station, top: ConfigMapping) throws {
        let usesGPIO = station.lights.contains(where: \.hasGPIO) || station.switches.contains { $0.gpio != nil }
        if usesGPIO {
            if let light = station.lights.first(where: { $0.outputs.contains { $0.gpio == nil } }) {
                throw try top.required("lights").error("light '\(light.name)' has no GPIO line while others do", fix: "give every light and switch 'chip' and 'line', or none (a simulated station)")
            }
            if let switchSpec = station.switches.first(where: { $0.gpio == nil }) {
                throw try top.required(switchSpec.isGate ? "gates" : "switches").error("\(switchSpec.isGate ? "gate" : "switch") '\(switchSpec.name)' has no GPIO line while others do", fix: "give every light and switch 'chip' and 'line', or none (a simulated station)")
            }
        }
        var places: [String: String] = [:]
        let lightLines = station.lights.filter { $0.aliasOf == nil }.flatMap { light in
            light.outputs.map { ("light", light.colorLines.isEmpty ? light.name : "\(light.name) \($0.color)", $0.gpio) }
        }
        for (kind, name, gpio) in lightLines + station.switches.filter({ $0.aliasOf == nil }).map({ ("switch", $0.name, $0.gpio) }) {
            guard let gpio else { continue }
            let place = "\(gpio.chip) line \(gpio.line)"
            if let other = places[place] {
                throw try top.required(kind == "light" ? "lights" : "switches").error(
                    "\(other) and \(kind) '\(name)' use the same line (\(place))",
                    fix: "give each its own line; for a second name of the same light or switch, use 'aliases:'")
            }
            places[place] = "\(kind) '\(name)'"
        }
        var keys: [String: String] = [:]
        for switchSpec in station.switches where switchSpec.aliasOf == nil {
            guard let key = switchSpec.key else { continue }
            if let other = keys[key] {
                throw try top.required("switches").error("switches '\(other)' and '\(switchSpec.name)' share the key '\(key)'", fix: "give each switch its own key")
            }
            keys[key] = switchSpec.name
        }
    }
}
