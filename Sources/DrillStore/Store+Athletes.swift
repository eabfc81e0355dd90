import Foundation
import GRDB

extension Store {
    /// Adds an athlete; refuses a name already taken (in any case) or out-of-range details.
    @discardableResult
    public func addAthlete(_ athlete: Athlete) throws -> Athlete {
        let name = try AthleteName.validated(athlete.name)
        let team = try athlete.team.map { try AthleteName.validated($0, what: "team") }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        if let birthYear = athlete.birthYear, !(1900...year).contains(birthYear) {
            throw StoreError("birth year \(birthYear) is not between 1900 and \(year)", fix: "give a four-digit year, e.g. --birth-year 2008", kind: .invalidInput)
        }
        return try write { db in
            if let existing = try Self.fetchAthlete(db, name: name) {
                throw StoreError("an athlete named '\(existing.name)' already exists", fix: "choose another name, or use 'snapcue athletes list' to see who is there", kind: .conflict)
            }
            var stored = athlete
            stored.name = name
            stored.team = team
            try Self.insert(db, stored)
            return stored
        }
    }

    /// Every athlete (of `team`, if given), by name.
    public func athletes(team: String? = nil) throws -> [Athlete] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM athlete WHERE (?1 IS NULL OR team = ?1 COLLATE NOCASE) ORDER BY name COLLATE NOCASE",
                arguments: [team])
            return rows.map(Self.athlete)
        }
    }

    /// The athlete called `name` (any case), or a clear error naming near misses.
    public func athlete(named name: String) throws -> Athlete {
        try read { db in
            if let athlete = try Self.fetchAthlete(db, name: name) { return athlete }
            let names = try String.fetchAll(db, sql: "SELECT name FROM athlete ORDER BY name")
            throw Self.unknownAthlete(name, among: names)
        }
    }

    /// Names close to `name` (a typo away), for "did you mean".
    public func similarAthleteNames(to name: String) throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM athlete") }.filter { Self.isNearMiss($0, name) }.sorted()
    }

    static func unknownAthlete(_ name: String, among names: [String]) -> StoreError {
        let near = names.filter { isNearMiss($0, name) }
        let hint = near.isEmpty ? "" : " (did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?)"
        return StoreError("no athlete named '\(name)'\(hint)", fix: "see 'snapcue athletes list', or add one with 'snapcue athletes add \"\(name)\"'", kind: .notFound)
    }

    static func fetchAthlete(_ db: Database, name: String) throws -> Athlete? {
        try Row.fetchOne(db, sql: "SELECT * FROM athlete WHERE name = ? COLLATE NOCASE", arguments: [name]).map(athlete)
    }

    static func athleteID(_ db: Database, name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM athlete WHERE name = ? COLLATE NOCASE", arguments: [name])
    }

    static func insert(_ db: Database, _ athlete: Athlete) throws {
        try db.execute(
            sql: "INSERT INTO athlete (uuid, name, team, birth_year, handedness, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [athlete.uuid, athlete.name, athlete.team, athlete.birthYear, athlete.handedness?.rawValue, Clock.nowMilliseconds])
    }

    static func athlete(_ row: Row) -> Athlete {
        Athlete(uuid: row["uuid"], name: row["name"], team: row["team"], birthYear: row["birth_year"],
                handedness: (row["handedness"] as String?).flatMap(Handedness.init(rawValue:)))
    }

    /// Whether `a` is one small typo from `b` (case ignored; not equal).
    static func isNearMiss(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        guard x != y, abs(x.count - y.count) <= 2 else { return false }
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count] <= (min(x.count, y.count) > 5 ? 2 : 1)
    }
}

/// Wall-clock time for records (sessions and athletes), in Unix milliseconds.
enum Clock {
    static var nowMilliseconds: Int64 { WallClock.nowMilliseconds }
}
