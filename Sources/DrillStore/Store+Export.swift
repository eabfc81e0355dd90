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
            // Session headers in export order; each session's rows come from one prepared statement.
            let sessions = try Row.fetchCursor(
                db,
                sql: Self.sessionSelect + "\n" + """
                    WHERE (?1 IS NULL OR s.id IN (SELECT session_id FROM session_athlete WHERE athlete_id = ?1))
                      AND (?2 IS NULL OR p.name = ?2)
                      AND (?3 IS NULL OR s.started_at_ms >= ?3) AND (?4 IS NULL OR s.started_at_ms < ?4)
                      AND (?5 IS NULL OR s.id = ?5)
                    ORDER BY s.started_at_ms, s.id
                    """,
                arguments: [athleteID, filter.profile, filter.since, filter.until, filter.session])
            var out: [UInt8] = []
            out.reserveCapacity(1 << 21)
            var encoder = ExportEncoder(format: format)
            encoder.appendHeader(to: &out)
            let statement = try db.makeStatement(sql: ExportColumns.rowQuery)
            var rows = 0
            while let header = try sessions.next() {
                let session = try Self.storedSession(header, athletes: [:], teams: [:], trials: [])
                let sessionPart = encoder.sessionPart(ExportColumns.sessionValues(session))
                let cursor = try Row.fetchCursor(statement, arguments: [session.id])
                while try cursor.next() != nil {
                    encoder.appendRow(sessionPart: sessionPart, from: statement.sqliteStatement, to: &out)
                    rows += 1
                    if out.count >= 1 << 20 {
                        try write(out)
                        out.removeAll(keepingCapacity: true)
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
    static func appendString(_ text: String, to out: inout [UInt8]) { appendString(bytes: text.utf8, to: &out) }

    /// Appends the UTF-8 `bytes` as a JSON string.
    static func appendString<Bytes: Collection<UInt8>>(bytes: Bytes, to out: inout [UInt8]) {
        out.append(0x22)
        // Most cells need no escape: copied whole.
        guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
            out.append(contentsOf: bytes)
            out.append(0x22)
            return
        }
        for byte in bytes {
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
