import Foundation

/// Which hand an athlete favours.
public enum Handedness: String, CaseIterable, Equatable, Sendable, Codable {
    case left, right, ambidextrous
}

/// A person whose sessions are stored.
public struct Athlete: Equatable, Sendable, Codable {
    /// Stable across stations (for sync).
    public var uuid: String
    /// Unique in the store, compared without case.
    public var name: String
    public var team: String?
    public var birthYear: Int?
    public var handedness: Handedness?

    public init(uuid: String = UUID().uuidString.lowercased(), name: String, team: String? = nil, birthYear: Int? = nil, handedness: Handedness? = nil) {
        self.uuid = uuid
        self.name = name
        self.team = team
        self.birthYear = birthYear
        self.handedness = handedness
    }
}
