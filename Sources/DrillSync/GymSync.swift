import DrillCore
import DrillStore
import Foundation
import PostgresNIO

/// What one sync did.
public struct SyncReport: Equatable, Sendable, Codable {
    /// Sessions sent (new, grown or newly ended).
    public var sessionsPushed = 0
    /// Trials sent.
    public var trialsPushed = 0
    /// Local athletes now matching the gym's record (uuid or details adopted), or new from other stations.
    public var athletesMerged = 0
    /// Athletes this station told the gym about for the first time.
    public var athletesAdded = 0

    public init() {}
}

/// Pushes this station's sessions and athletes to the gym database and pulls
/// the gym's athletes back.
///
/// - **Idempotent**: everything is keyed by the stations' stable uuids and
///   written with `ON CONFLICT`, so a repeated sync changes nothing and an
///   interrupted one is finished by the next. Each session goes in one
///   transaction; the station records what the gym holds only after it commits.
/// - **Athletes** are one person per name across the gym (case and outer
///   spaces ignored). The merge rule, the same on every station: the first
///   record to reach the gym is the gym's (its uuid and spelling); a detail
///   (team, birth year, hand) empty on one side is filled from the other; a
///   detail set on both keeps the gym's value at the gym and the station's
///   value at the station. Stations adopt the gym's uuid, so later sessions
///   join up.
public struct GymSync: Sendable {
    let store: Store
    let gym: GymDatabase
    /// This station's name in the gym database.
    let station: String

    public init(store: Store, gym: GymDatabase, station: String) {
        self.store = store
        self.gym = gym
        self.station = station
    }

    /// One full sync: athletes both ways, then every session the gym lacks.
    /// `progress` hears each pushed session (for a progress line).
    public func run(progress: (PendingPush) -> Void = { _ in }) async throws -> SyncReport {
        var report = SyncReport()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await gym.run("""
            INSERT INTO station (name, last_sync_ms) VALUES (\(station), \(now))
            ON CONFLICT (name) DO UPDATE SET last_sync_ms = EXCLUDED.last_sync_ms
            """)
        try await syncAthletes(&report)
        let target = gym.address.description
        for pending in try store.pendingPushes(target: target) {
            let pushed = try await push(pending)
            try store.markPushed(target: target, sessionID: pending.sessionID, trials: pushed.trials, status: pushed.status)
            report.sessionsPushed += 1
            report.trialsPushed += pushed.trials - pending.pushedTrials
            progress(pending)
        }
        return report
    }

    // MARK: Athletes

    private func syncAthletes(_ report: inout SyncReport) async throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for local in try store.athletes() {
            let key = Self.nameKey(local.name)
            // First come, first kept: a concurrent insert of the same name by another station is absorbed here.
            let inserted = try await gym.run("""
                INSERT INTO athlete (uuid, name, name_key, team, birth_year, handedness, first_station, created_at_ms)
                VALUES (\(local.uuid), \(local.name), \(key), \(local.team), \(local.birthYear), \(local.handedness?.rawValue), \(station), \(now))
                ON CONFLICT DO NOTHING RETURNING uuid
                """)
            var wasInserted = false
            for try await _ in inserted { wasInserted = true }
            if wasInserted {
                report.athletesAdded += 1
                continue
            }
            // Fill the gym's empty details from this station.
            try await gym.run("""
                UPDATE athlete SET team = COALESCE(team, \(local.team)), birth_year = COALESCE(birth_year, \(local.birthYear)),
                    handedness = COALESCE(handedness, \(local.handedness?.rawValue))
                WHERE name_key = \(key)
                """)
        }
        // Pull every gym athlete: adopt uuids and fill local details; add athletes of other stations.
        let rows = try await gym.run("SELECT uuid, name, team, birth_year, handedness FROM athlete ORDER BY created_at_ms, uuid")
        var gymAthletes: [Athlete] = []
        for try await (uuid, name, team, birthYear, handedness) in rows.decode((String, String, String?, Int?, String?).self) {
            gymAthletes.append(Athlete(uuid: uuid, name: name, team: team, birthYear: birthYear, handedness: handedness.flatMap(Handedness.init(rawValue:))))
        }
        for athlete in gymAthletes where try store.adoptGymAthlete(athlete) {
            report.athletesMerged += 1
        }
    }

    /// One person per name: lowercased, outer spaces trimmed, inner runs of spaces as one.
    public static func nameKey(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
