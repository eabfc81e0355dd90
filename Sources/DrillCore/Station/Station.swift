/// A GPIO line as a station file names it.
public struct GPIOLine: Equatable, Sendable, Codable {
    /// How to find the line on its chip.
    public enum Line: Equatable, Sendable, Codable {
        /// The line's offset on the chip.
        case offset(Int)
        /// The line's name (e.g. `GPIO17` on a Raspberry Pi).
        case name(String)
    }

    /// Pull resistor setting for an input.
    public enum Bias: String, Equatable, Sendable, Codable, CaseIterable {
        case pullUp = "pull-up"
        case pullDown = "pull-down"
        case disabled = "none"
        /// Leave the line as it is configured.
        case asIs = "as-is"
    }

    /// The chip by path (`/dev/gpiochip0`), name (`gpiochip0`) or label (`pinctrl-rp1`).
    public var chip: String
    /// The line on the chip.
    public var line: Line
    /// Active low: the light is on (or the switch pressed) when the line is low.
    public var activeLow: Bool
    /// Pull setting (inputs only).
    public var bias: Bias

    public init(chip: String, line: Line, activeLow: Bool, bias: Bias) {
        self.chip = chip
        self.line = line
        self.activeLow = activeLow
        self.bias = bias
    }
}

/// One colour of a light and the output that shows it.
public struct ColorLine: Equatable, Sendable, Codable {
    /// The colour (`red`, `green`, …).
    public var color: String
    /// The GPIO output of that colour, or nil on a simulated station.
    public var gpio: GPIOLine?

    public init(color: String, gpio: GPIOLine?) {
        self.color = color
        self.gpio = gpio
    }
}

/// A light the station can switch: a single-colour light (one line), or a
/// pad with several coloured LED lines (an RGB pad: one line per colour).
public struct LightSpec: Equatable, Sendable, Codable {
    /// The name profiles use.
    public var name: String
    /// The colour it shows when a cue names none (its only colour, or an RGB pad's first).
    public var color: String
    /// The GPIO output of a single-colour light, or nil (simulated, or an RGB pad: see `colorLines`).
    public var gpio: GPIOLine?
    /// For an alias (station `aliases:`), the light it names.
    public var aliasOf: String?
    /// An RGB pad's lines, one per colour (`colors:`); empty for a single-colour light.
    public var colorLines: [ColorLine] = []

    /// Every output of the light, with its colour.
    public var outputs: [ColorLine] { colorLines.isEmpty ? [ColorLine(color: color, gpio: gpio)] : colorLines }

    /// Whether any output of the light is a GPIO line.
    public var hasGPIO: Bool { outputs.contains { $0.gpio != nil } }

    /// Colours made by lighting several lines of an RGB pad together (additive mixing).
    public static let mixes: [String: [String]] = [
        "yellow": ["red", "green"], "cyan": ["green", "blue"], "purple": ["red", "blue"], "white": ["red", "green", "blue"],
    ]

    /// The outputs that show `color` (nil: the light's own colour): its line,
    /// or on an RGB pad the lines of a mix (yellow = red + green, cyan =
    /// green + blue, purple = red + blue, white = all three). Nil when the
    /// light cannot show that colour.
    public func outputs(showing color: String?) -> [ColorLine]? {
        let wanted = color ?? self.color
        if let own = outputs.first(where: { $0.color == wanted }) { return [own] }
        guard let parts = Self.mixes[wanted] else { return nil }
        let lines = parts.compactMap { part in colorLines.first { $0.color == part } }
        return lines.count == parts.count ? lines : nil
    }

    /// The colour names station files and profiles use.
    public static let knownColors = ["white", "red", "green", "blue", "yellow", "orange", "purple", "cyan"]

    /// The colours the light can show: its lines' and the mixes they make.
    public var colors: [String] {
        let own = outputs.map(\.color)
        let mixed = Self.mixes.filter { _, parts in parts.allSatisfy(own.contains) }.keys.sorted()
        return own + mixed.filter { !own.contains($0) }
    }
}

/// A switch (button, contact pad) the athlete presses.
public struct SwitchSpec: Equatable, Sendable, Codable {
    /// The name profiles use.
    public var name: String
    /// The keyboard key that plays this switch on a simulated station
    /// (`space` or one character).
    public var key: String?
    /// The GPIO input, or nil on a simulated station.
    public var gpio: GPIOLine?
    /// Contact bounce is ignored for this long after an edge.
    public var debounce: Duration
    /// For an alias (station `aliases:`), the switch it names.
    public var aliasOf: String?
    /// A timing gate (`gates:`): an IR beam or a mat the athlete runs through;
    /// the beam broken is a press.
    public var isGate = false
}

/// A cue sound.
public struct SoundSpec: Equatable, Sendable, Codable {
    /// The waveform of a synthesized tone.
    public enum Waveform: String, Equatable, Sendable, Codable, CaseIterable {
        case sine, square
    }

    /// Where the samples come from.
    public enum Source: Equatable, Sendable, Codable {
        /// A synthesized tone with attack/release ramps (no clicks).
        case tone(frequency: Double, waveform: Waveform)
        /// A sweep from one frequency to another (exponential, so it sounds even).
        case chirp(from: Double, to: Double, waveform: Waveform)
        /// A WAV file (path relative to the station file).
        case file(path: String)
    }

    /// The name profiles use.
    public var name: String
    /// The samples.
    public var source: Source
    /// How long it sounds (a WAV file plays at most this long).
    public var duration: Duration
    /// Level in dB relative to full scale (0 or below).
    public var level: Double
    /// Fade-in time.
    public var attack: Duration
    /// Fade-out time.
    public var release: Duration
    /// How many times the sound repeats (a beep pattern); the onset is the first beep.
    public var beeps: Int = 1
    /// Silence between beeps.
    public var gap: Duration = .zero
}

/// The sound device and its stream settings.
public struct SoundDeviceSpec: Equatable, Sendable, Codable {
    /// ALSA device name: `default`, `hw:CARD,DEV`, `plughw:…`.
    public var device: String
    /// Sample rate in Hz.
    public var rate: Int
    /// Frames per period.
    public var periodFrames: Int
    /// Periods in the buffer.
    public var periods: Int

    public static let standard = SoundDeviceSpec(device: "default", rate: 48_000, periodFrames: 240, periods: 4)
}

/// A station: its lights, switches and sounds by name.
public struct Station: Equatable, Sendable, Codable {
    /// The station's name.
    public var name: String
    /// Where it stands or what it is, for people.
    public var description: String?
    /// Lights in file order.
    public var lights: [LightSpec]
    /// Switches in file order, then the timing gates (`isGate`).
    public var switches: [SwitchSpec]
    /// The sound device.
    public var soundDevice: SoundDeviceSpec
    /// Sounds in file order.
    public var sounds: [SoundSpec]

    /// A station with no GPIO lines: lights and switches are simulated.
    public var isSimulated: Bool {
        lights.allSatisfy { !$0.hasGPIO } && switches.allSatisfy { $0.gpio == nil }
    }

    public func light(named name: String) -> LightSpec? { lights.first { $0.name == name } }
    public func switchSpec(named name: String) -> SwitchSpec? { switches.first { $0.name == name } }
    /// The timing gates.
    public var gates: [SwitchSpec] { switches.filter(\.isGate) }
    public func sound(named name: String) -> SoundSpec? { sounds.first { $0.name == name } }
}
