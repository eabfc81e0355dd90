/// Which senses a cue addresses.
public enum Modality: String, Equatable, Sendable, Codable, CaseIterable {
    /// The cue's lights only.
    case light
    /// The cue's sound only.
    case sound
    /// Lights and sound together, aligned to the same onset.
    case both
    /// Light or sound, chosen per trial by the seeded plan (50/50).
    case random
}

/// One cue of a drill: what the athlete sees or hears, and what they must do.
public struct Cue: Equatable, Sendable, Codable {
    /// The cue's name in the profile (e.g. `red`, `left`, `go`).
    public var name: String
    /// Station lights switched on together at onset.
    public var lights: [String]
    /// Station sound played at onset.
    public var sound: String?
    /// Light, sound, both, or a seeded choice per trial.
    public var modality: Modality
    /// The switch each side must press (`side name → switch`). Empty for a no-go cue.
    public var expected: [String: String]
    /// A distractor: the correct response is to withhold.
    public var isNoGo: Bool
    /// Relative frequency among the block's cues of the same kind (go or no-go).
    public var weight: Int
    /// `expect: all`: every lit pad is a target (the switch of each light's name), hit in any order.
    public var expectsAllLit: Bool
    /// The colour each light shows (`light: {pad1: green, pad3: red}`); a light not named shows its own colour.
    public var lightColors: [String: String]

    public init(
        name: String, lights: [String], sound: String?, modality: Modality,
        expected: [String: String], isNoGo: Bool, weight: Int = 1, expectsAllLit: Bool = false,
        lightColors: [String: String] = [:]
    ) {
        self.name = name
        self.lights = lights
        self.sound = sound
        self.modality = modality
        self.expected = expected
        self.isNoGo = isNoGo
        self.weight = weight
        self.expectsAllLit = expectsAllLit
        self.lightColors = lightColors
    }

    /// Lit pads that are not targets: with several lights, each light that is not the
    /// target names a distractor pad (a switch of the same name) the athlete must leave alone.
    public var distractorPads: [String] {
        guard lights.count > 1, !expectsAllLit, !isNoGo else { return [] }
        let targets = Set(expected.values)
        return lights.filter { !targets.contains($0) }
    }
}
