import DrillCore
import GRDB

/// The file formats of `snapcue export` and `snapcue import`.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// RFC 4180 CSV with a header row.
    case csv
    /// `{"format": "snapcue-trials", "version": 1, "rows": [{column: value, …}, …]}`.
    case json
}

extension Store {
    /// Writes every trial of the sessions matching `filter` (whole sessions,
    /// every side, oldest first), one row per trial per side, handing the
    /// bytes to `write` in chunks of about 1 MB. Returns the number of rows.
    @discardableResult
    public func export(_ filter: SessionFilter, format: ExportFormat, write: ([UInt8]) throws -> Void) throws -> Int {
        try read { db in
            let athleteID = try filter.athlete.map { name in
                guard let id = try Self.athleteID(db, name: name) else {
                    throw Self.unknownAthlete(name, among: try String.fetchAll(db, sql: "SELECT name FROM athlete"))
                }
                return id
            }
            if let profile = filter.profile { try Self.requireProfile(db, profile) }
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT s.id FROM session s JOIN profile p ON p.id = s.profile_id
                    WHERE (?1 IS NULL OR s.id IN (SELECT session_id FROM session_athlete WHERE athlete_id = ?1))
                      AND (?2 IS NULL OR p.name = ?2)
                      AND (?3 IS NULL OR s.started_at_ms >= ?3) AND (?4 IS NULL OR s.started_at_ms < ?4)
                      AND (?5 IS NULL OR s.id = ?5)
                    ORDER BY s.started_at_ms, s.id
                    """,
                arguments: [athleteID, filter.profile, filter.since, filter.until, filter.session])
            let uuids = Dictionary(
                try Row.fetchAll(db, sql: "SELECT name, uuid FROM athlete").map { ($0["name"] as String, $0["uuid"] as String) },
                uniquingKeysWith: { first, _ in first })
            var out: [UInt8] = []
            out.reserveCapacity(1 << 21)
            var encoder = ExportEncoder(format: format)
            encoder.appendHeader(to: &out)
            var rows = 0
            for id in ids {
                guard let session = try Self.loadSession(db, id: id) else { continue }
                var sessionPart: [UInt8]?
                for trial in session.result.trials {
                    for result in trial.sides {
                        let athlete = session.result.athletes[result.side]
                        let source = ExportColumns.Source(session: session, trial: trial, result: result, athleteUUID: athlete.flatMap { uuids[$0] })
                        if sessionPart == nil { sessionPart = encoder.sessionPart(ExportColumns.sessionValues(source)) }
                        encoder.appendRow(sessionPart: sessionPart!, rowValues: ExportColumns.rowValues(source), to: &out)
                        rows += 1
                        if out.count >= 1 << 20 {
                            try write(out)
                            out.removeAll(keepingCapacity: true)
                        }
                    }
                }
            }
            encoder.appendFooter(to: &out)
            try write(out)
            return rows
        }
    }
}

/// Minimal JSON string writing (the export writes JSON by hand, for speed).
enum JSONText {
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
