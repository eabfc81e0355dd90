/// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled.
enum CSV {
    /// Appends `field` to `out`, quoted if needed.
    static func append(_ field: String, to out: inout [UInt8]) { append(bytes: field.utf8, to: &out) }

    /// Appends the UTF-8 `bytes` of a field to `out`, quoted if needed.
    static func append<Bytes: Collection<UInt8>>(bytes: Bytes, to out: inout [UInt8]) {
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(0x22)
        for byte in bytes {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    /// Parses CSV text into records of fields, with the 1-based line each record starts on.
    /// Throws on an unterminated quote.
    static func parse(_ bytes: [UInt8], file: String) throws -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0, line = 1, recordLine = 1
        var inQuotes = false, atFieldStart = true, sawAny = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            atFieldStart = true
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == 0x22 {
                    if index < bytes.count && bytes[index] == 0x22 { field.append(0x22); index += 1 } else { inQuotes = false }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case 0x22 where atFieldStart: inQuotes = true; atFieldStart = false; sawAny = true
            case 0x2C: endField(); sawAny = true
            case 0x0D: continue
            case 0x0A:
                if sawAny || !field.isEmpty { endField(); records.append((recordLine, fields)) }
                fields = []
                line += 1
                recordLine = line
                sawAny = false
            default: field.append(byte); atFieldStart = false; sawAny = true
            }
        }
        if inQuotes { throw StoreError("\(file):\(recordLine): a quoted field is never closed", fix: "check the file is a complete Snapcue CSV export") }
        if sawAny || !field.isEmpty { endField(); records.append((recordLine, fields)) }
        return records
    }
}
