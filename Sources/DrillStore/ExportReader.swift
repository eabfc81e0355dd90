import DrillCore
import Foundation

/// Reads `snapcue export` files (CSV or JSON, told apart by their first
/// character) back into sessions, with errors that name the file, line and column.
public enum ExportReader {
    /// One row: its line (CSV) or row number (JSON), and its non-empty cells by column.
    struct Cells: TrialCells {
        let line: Int
        let values: [String: String]
        let file: String

        func text(_ column: String) -> String? { values[column] }

        func required(_ column: String) throws -> String {
            guard let value = values[column] else {
                throw StoreError("\(file):\(line): column \(column) is empty", fix: "every row needs \(column); re-export the file with 'snapcue export'")
            }
            return value
        }

        func integer(_ column: String) throws -> Int64? {
            guard let text = values[column] else { return nil }
            guard let value = Int64(text) else {
                throw StoreError("\(file):\(line): column \(column): '\(text)' is not a whole number", fix: "nanosecond and count columns hold integers")
            }
            return value
        }

        func requiredInteger(_ column: String) throws -> Int64 {
            guard let value = try integer(column) else { _ = try required(column); return 0 }
            return value
        }

        func integer(_ column: TrialRow.Column) throws -> Int64? { try integer(column.exportName) }

        func text(_ column: TrialRow.Column) throws -> String? { text(column.exportName) }

        func failure(_ column: TrialRow.Column, _ message: String) -> StoreError {
            StoreError("\(file):\(line): column \(column.exportName): \(message)", fix: "re-export the file with 'snapcue export'")
        }
    }

    /// The sessions in an export file's bytes.
    public static func sessions(from bytes: [UInt8], file: String) throws -> [SessionImport] {
        let first = bytes.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
        let rows = first == 0x7B ? try jsonRows(bytes, file: file) : try csvRows(bytes, file: file)
        var order: [String] = []
        var groups: [String: [Cells]] = [:]
        for row in rows {
            let uuid = try row.required("session_uuid")
            if groups[uuid] == nil { order.append(uuid) }
            groups[uuid, default: []].append(row)
        }
        return try order.map { try session(groups[$0]!) }
    }

    static func csvRows(_ bytes: [UInt8], file: String) throws -> [Cells] {
        let records = try CSV.parse(bytes, file: file)
        guard let header = records.first?.fields else { return [] }
        let missing = Set(["session_uuid", TrialRow.trialIndex.exportName, TrialRow.side.exportName, TrialRow.outcome.exportName]).subtracting(header)
        guard missing.isEmpty else {
            throw StoreError("\(file):1: not a Snapcue trials export (no \(missing.sorted().joined(separator: ", ")) column)", fix: "import files written by 'snapcue export'")
        }
        return try records.dropFirst().map { record in
            guard record.fields.count == header.count else {
                throw StoreError("\(file):\(record.line): \(record.fields.count) fields, the header has \(header.count)", fix: "the file is damaged or was edited; re-export it")
            }
            var values: [String: String] = [:]
            for (name, value) in zip(header, record.fields) where !value.isEmpty { values[name] = value }
            return Cells(line: record.line, values: values, file: file)
        }
    }

    static func jsonRows(_ bytes: [UInt8], file: String) throws -> [Cells] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw StoreError("\(file): not valid JSON (\(error.localizedDescription))", fix: "import files written by 'snapcue export --format json'")
        }
        guard let root = object as? [String: Any], root["format"] as? String == "snapcue-trials", let rows = root["rows"] as? [[String: Any]] else {
            throw StoreError("\(file): not a Snapcue trials export (no \"format\": \"snapcue-trials\" with \"rows\")", fix: "import files written by 'snapcue export --format json'")
        }
        if let version = root["version"] as? Int, version > 1 {
            throw StoreError("\(file): export format version \(version) is newer than this Snapcue reads (1)", fix: "upgrade Snapcue to import it")
        }
        return rows.enumerated().map { index, row in
            var values: [String: String] = [:]
            for (key, value) in row {
                switch value {
                case let text as String where !text.isEmpty: values[key] = text
                case let number as NSNumber: values[key] = number.stringValue
                default: break
                }
            }
            return Cells(line: index + 1, values: values, file: file + " row")
        }
    }

    static func session(_ rows: [Cells]) throws -> SessionImport {
        let head = rows[0]
        guard let started = WallClock.milliseconds(iso: try head.required("session_started_at")) else {
            throw StoreError("\(head.file):\(head.line): column session_started_at: not an ISO 8601 time")
        }
        guard let seed = UInt64(try head.required("seed")) else { throw StoreError("\(head.file):\(head.line): column seed: not a seed") }
        var athletes: [String: String] = [:], teams: [String: String] = [:], uuids: [String: String] = [:]
        var byTrial: [Int64: [Cells]] = [:]
        var trialOrder: [Int64] = []
        for row in rows {
            let side = try row.required(TrialRow.side.exportName)
            athletes[side] = try row.required("athlete")
            if let team = row.text("team") { teams[side] = team }
            if let uuid = row.text("athlete_uuid") { uuids[side] = uuid }
            let index = try row.requiredInteger(TrialRow.trialIndex.exportName)
            if byTrial[index] == nil { trialOrder.append(index) }
            byTrial[index, default: []].append(row)
        }
        let trials = try trialOrder.sorted().map { try trial(byTrial[$0]!) }
        let complete = try head.required("session_status") == SessionStatus.complete.rawValue
        let result = SessionResult(
            profileName: try head.required("profile"), profileVersion: Int(try head.requiredInteger("profile_version")),
            profileTitle: try head.text("profile_title") ?? head.required("profile"), seed: seed, station: try head.required("station"),
            athletes: athletes, startedAt: WallClock.iso(milliseconds: started),
            end: DrillEnd(complete: complete, reason: head.text("session_end_reason")),
            plannedTrials: Int(try head.requiredInteger("planned_trials")), trials: trials,
            lapseThresholdNanoseconds: try head.requiredInteger("lapse_threshold_ns"),
            score: DrillScore.stored(head.text("profile_score")), partner: head.text("partner"))
        return SessionImport(
            uuid: try head.required("session_uuid"), status: complete ? .complete : .aborted,
            endReason: head.text("session_end_reason"), startedAtMilliseconds: started,
            endedAtMilliseconds: head.text("session_ended_at").flatMap(WallClock.milliseconds(iso:)),
            seedChosen: try head.integer("seed_chosen") == 1,
            profile: ProfileIdentity(
                name: result.profileName, version: result.profileVersion, title: result.profileTitle,
                contentHash: try head.required("profile_hash")),
            stationKind: head.text("station_kind").flatMap(StationKind.init(rawValue:)) ?? .sim, teams: teams, athleteUUIDs: uuids, result: result)
    }

    static func trial(_ rows: [Cells]) throws -> TrialRecord {
        try TrialRow.record(rows[0], sides: rows.map(TrialRow.sideResult))
    }
}
