import GRDB
import GRDBSQLite

/// Writes export rows as CSV or JSON bytes, straight into a byte buffer: the
/// per-session cells are encoded once per session (`sessionPart`), the stored
/// cells are copied from SQLite's column values without making strings.
struct ExportEncoder {
    let format: ExportFormat
    /// `"name":` for each column, for JSON.
    private let keys: [[UInt8]]
    private var rows = 0

    init(format: ExportFormat) {
        self.format = format
        keys = ExportColumns.names.map { name in
            var key: [UInt8] = []
            JSONText.appendString(name, to: &key)
            key.append(0x3A)
            return key
        }
    }

    /// The CSV header row, or the opening of the JSON document.
    func appendHeader(to out: inout [UInt8]) {
        switch format {
        case .csv:
            for (index, name) in ExportColumns.names.enumerated() {
                if index > 0 { out.append(0x2C) }
                CSV.append(name, to: &out)
            }
            out.append(0x0A)
        case .json:
            out.append(contentsOf: #"{"format":"snapcue-trials","version":1,"rows":["#.utf8)
        }
    }

    /// The encoded per-session cells, followed by a separator.
    func sessionPart(_ values: [ExportValue]) -> [UInt8] {
        var part: [UInt8] = []
        for (column, value) in values.enumerated() {
            if column > 0 { part.append(0x2C) }
            if format == .json { part.append(contentsOf: keys[column]) }
            switch value {
            case .text(let text?):
                if format == .csv { CSV.append(text, to: &part) } else { JSONText.appendString(text, to: &part) }
            case .integer(let number?): Self.appendDecimal(number, to: &part)
            case .text(nil), .integer(nil): if format == .json { part.append(contentsOf: "null".utf8) }
            }
        }
        part.append(0x2C)
        return part
    }

    /// Appends one row: the session's encoded part, then the stored cells of the
    /// statement's current row (`ExportColumns.rowQuery`).
    mutating func appendRow(sessionPart: [UInt8], from statement: SQLiteStatement, to out: inout [UInt8]) {
        if format == .json { out.append(contentsOf: rows == 0 ? "\n{".utf8 : ",\n{".utf8) }
        out.append(contentsOf: sessionPart)
        let first = ExportColumns.perSessionCount
        for index in 0..<Int32(keys.count - first) {
            if index > 0 { out.append(0x2C) }
            if format == .json { out.append(contentsOf: keys[first + Int(index)]) }
            switch sqlite3_column_type(statement, index) {
            case SQLITE_INTEGER:
                Self.appendDecimal(sqlite3_column_int64(statement, index), to: &out)
            case SQLITE_NULL:
                if format == .json { out.append(contentsOf: "null".utf8) }
            default:
                // Text (the store keeps no blobs or reals in these columns): its UTF-8 bytes, escaped.
                let bytes = UnsafeBufferPointer(
                    start: sqlite3_column_text(statement, index), count: Int(sqlite3_column_bytes(statement, index)))
                if format == .csv { CSV.append(bytes: bytes, to: &out) } else { JSONText.appendString(bytes: bytes, to: &out) }
            }
        }
        out.append(format == .json ? 0x7D : 0x0A)
        rows += 1
    }

    /// The end of the document.
    func appendFooter(to out: inout [UInt8]) {
        if format == .json { out.append(contentsOf: "\n]}\n".utf8) }
    }

    /// Appends `number` in decimal ASCII.
    static func appendDecimal(_ number: Int64, to out: inout [UInt8]) {
        if number < 0 { out.append(0x2D) }
        // As UInt64, so Int64.min is fine; digits fill a 24-byte scratch from its end (a constant
        // divisor, which the compiler turns into a multiplication).
        var magnitude = number.magnitude
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[start...]))
        }
    }
}
