import DrillCore

/// What a trainer asks for when starting a drill from the web.
public struct DrillRequest: Equatable, Sendable, Codable {
    /// The profile's name (as listed by `GET /api/profiles`).
    public var profile: String
    /// One athlete per side; empty for a guest.
    public var athletes: [String]
    /// The plan seed; random if nil.
    public var seed: UInt64?
    /// Register a new name even if it looks like a typo of an existing athlete.
    public var addAthlete: Bool?
    /// Partner drills: the partner's name (recorded with the session, not scored).
    public var partner: String?

    public init(profile: String, athletes: [String], seed: UInt64? = nil, addAthlete: Bool? = nil, partner: String? = nil) {
        self.profile = profile
        self.athletes = athletes
        self.seed = seed
        self.addAthlete = addAthlete
        self.partner = partner
    }
}

/// Runs drills on this station for the web app: the same runner, real-time
/// thread and session store as `snapcue run`. The web app knows no devices;
/// the command that serves it supplies the launcher.
public protocol DrillLauncher: Sendable {
    /// Checks the request (profile runnable here, athletes known or new) and
    /// starts the drill, publishing its picture to `board`. Returns the
    /// starting picture's drill. Throws a `WebError` (409) when a drill is
    /// already running, and the usual errors for bad input; no cue is shown
    /// unless everything is in order.
    func start(_ request: DrillRequest, profilePath: String, board: LiveBoard) throws -> LiveState.Drill

    /// Asks the running drill to stop (it ends cleanly, its trials kept).
    /// Returns false when no drill is running.
    func stop() -> Bool
}

extension LiveState.Drill {
    /// The live picture's description of a drill about to run.
    public init(profile: Profile, station: Station, seed: UInt64, athletes: [String: String], plannedTrials: Int, sessionID: Int64?) {
        var colors: [String: String] = [:]
        for light in station.lights { colors[light.name] = light.color }
        self.init(
            profile: profile.name, profileVersion: profile.version, title: profile.title, station: station.name, seed: seed,
            athletes: profile.sides.map { LiveState.SideAthlete(side: $0, athlete: athletes[$0] ?? $0) }, sessionID: sessionID,
            plannedTrials: plannedTrials, lightColors: colors)
        score = profile.score
        lapseThresholdMilliseconds = Double(profile.lapseThreshold.nanoseconds) / 1e6
        setLengths = profile.blocks.map(\.length)
        partnerPads = profile.partner?.pads ?? []
    }
}
