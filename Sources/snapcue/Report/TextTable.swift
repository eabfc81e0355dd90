/// A plain-text table: a header row, then rows; text columns left-aligned,
/// numeric-looking columns right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    /// Adds a row; control characters in a cell (a name stored before names were checked)
    /// are shown as `?`, so no cell can move the cursor or clear the terminal.
    mutating func add(_ row: [String]) {
        rows.append(row.map { cell in
            String(String.UnicodeScalarView(cell.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
        })
    }

    /// The table in as many parts as it takes for no line to pass `width` columns, one
    /// under another; each part starts with the first `keyColumns` columns (a session's
    /// number), so a row can be followed from part to part.
    func render(fitting width: Int, keyColumns: Int = 1, indent: String = "  ") -> String {
        let widths = columnWidths
        func lineWidth(_ columns: [Int]) -> Int { indent.count + columns.map { widths[$0] }.reduce(0, +) + 2 * (columns.count - 1) }
        var parts: [[Int]] = []
        var part = Array(0..<min(keyColumns, header.count))
        for column in part.count..<header.count {
            if part.count > keyColumns, lineWidth(part + [column]) > width {
                parts.append(part)
                part = Array(0..<keyColumns)
            }
            part.append(column)
        }
        parts.append(part)
        return parts.map { columns in
            var table = TextTable(columns.map { header[$0] })
            table.rows = rows.map { row in columns.map { row.indices.contains($0) ? row[$0] : "" } }
            return table.render(indent: indent)
        }.joined(separator: "\n\n")
    }

    private var columnWidths: [Int] {
        header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
    }

    func render(indent: String = "  ") -> String {
        let widths = columnWidths
        let numeric = header.indices.map { column in
            !rows.isEmpty && rows.allSatisfy { row in
                guard row.indices.contains(column), let first = row[column].first else { return true }
                return first.isNumber || first == "–" || first == "+" || first == "-" || first == "#"
            }
        }
        func line(_ cells: [String]) -> String {
            indent + cells.indices.map { column in
                let cell = cells[column], gap = String(repeating: " ", count: widths[column] - cell.count)
                return numeric[column] ? gap + cell : cell + gap
            }.joined(separator: "  ")
        }
        return ([line(header), indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .map { $0.replacingTrailingSpaces() }.joined(separator: "\n")
    }
}

private extension String {
    func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
