import DrillCore

/// A finished (or aborted) session brought in from elsewhere: an export file,
/// another station, or generated data.
public struct SessionImport: Sendable {
    public var uuid: String
    /// `complete` or `aborted` (a `running` session from elsewhere is stored as aborted).
    public var status: SessionStatus
    public var endReason: String?
    public var startedAtMilliseconds: Int64
    public var endedAtMilliseconds: Int64?
    public var seedChosen: Bool
    public var profile: ProfileIdentity
    public var stationKind: StationKind
    /// `side → team` of athletes to create if they are new.
    public var teams: [String: String]
    /// `side → uuid` of athletes to create if they are new.
    public var athleteUUIDs: [String: String]
    /// Every trial; `result.athletes` names each side's athlete.
    public var result: SessionResult

    public init(
        uuid: String, status: SessionStatus, endReason: String?, startedAtMilliseconds: Int64, endedAtMilliseconds: Int64?,
        seedChosen: Bool, profile: ProfileIdentity, stationKind: StationKind, teams: [String: String],
        athleteUUIDs: [String: String], result: SessionResult
    ) {
        self.uuid = uuid
        self.status = status
        self.endReason = endReason
        self.startedAtMilliseconds = startedAtMilliseconds
        self.endedAtMilliseconds = endedAtMilliseconds
        self.seedChosen = seedChosen
        self.profile = profile
        self.stationKind = stationKind
        self.teams = teams
        self.athleteUUIDs = athleteUUIDs
        self.result = result
    }
}

/// What an import did.
public struct ImportReport: Equatable, Sendable, Codable {
    /// Sessions added.
    public var added: Int
    /// Sessions already in the store (same uuid), left as they were.
    public var skipped: Int
    /// Trials added.
    public var trials: Int
    /// Athletes created because they were new here.
    public var newAthletes: [String]
    /// Sessions stored here only in part (a drill whose database failed mid-drill), replaced by
    /// the whole session from the file (a rescue database); counted in `added` too.
    public var completed: Int = 0
}
