/// Writes export rows as CSV or JSON bytes, straight into a byte buffer (no
/// intermediate strings for numbers). A row is written in two parts: the
/// per-session cells, encoded once per session by `sessionPart`, and the
/// row's own cells.
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

    /// The encoded per-session cells (columns 0..<values.count), each followed by a separator.
    func sessionPart(_ values: [ExportValue]) -> [UInt8] {
        var part: [UInt8] = []
        appendCells(values, from: 0, to: &part)
        part.append(0x2C)
        return part
    }

    /// Appends one row: the session's encoded part, then the row's own cells.
    mutating func appendRow(sessionPart: [UInt8], rowValues: [ExportValue], to out: inout [UInt8]) {
        if format == .json { out.append(contentsOf: rows == 0 ? "\n{".utf8 : ",\n{".utf8) }
        out.append(contentsOf: sessionPart)
        appendCells(rowValues, from: ExportColumns.perSessionCount, to: &out)
        out.append(format == .json ? 0x7D : 0x0A)
        rows += 1
    }

    /// The end of the document.
    func appendFooter(to out: inout [UInt8]) {
        if format == .json { out.append(contentsOf: "\n]}\n".utf8) }
    }

    private func appendCells(_ values: [ExportValue], from firstColumn: Int, to out: inout [UInt8]) {
        for (offset, value) in values.enumerated() {
            if offset > 0 { out.append(0x2C) }
            switch format {
            case .csv:
                switch value {
                case .text(let text): if let text { CSV.append(text, to: &out) }
                case .integer(let number): if let number { Self.appendDecimal(number, to: &out) }
                }
            case .json:
                out.append(contentsOf: keys[firstColumn + offset])
                switch value {
                case .text(let text): if let text { JSONText.appendString(text, to: &out) } else { out.append(contentsOf: "null".utf8) }
                case .integer(let number): if let number { Self.appendDecimal(number, to: &out) } else { out.append(contentsOf: "null".utf8) }
                }
            }
        }
    }

    /// Appends `number` in decimal ASCII.
    static func appendDecimal(_ number: Int64, to out: inout [UInt8]) {
        if number < 0 { out.append(0x2D) }
        // As UInt64, so Int64.min is fine; the largest power of ten ≤ it (at most 10^19, which fits).
        var magnitude = number.magnitude
        var divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: magnitude / divisor) + 0x30)
            magnitude %= divisor
            divisor /= 10
        }
    }
}
