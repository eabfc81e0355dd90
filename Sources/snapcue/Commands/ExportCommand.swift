import ArgumentParser
import DrillStore
import Foundation

extension ExportFormat: ExpressibleByArgument {}

/// `snapcue export`: every trial as CSV or JSON, one row per trial per side; with
/// `--summary`, one row per session per athlete in milliseconds.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export trials as CSV or JSON (one row per trial per side; columns in docs/results.md).",
        discussion: """
            Whole sessions are exported (both sides of a head-to-head), so 'snapcue import' can bring them back.
            --summary writes one row per session per athlete instead: the drill's score and the statistics, in ms, for a spreadsheet.
            """)

    @Option(help: "csv or json.")
    var format: ExportFormat = .csv
    @Flag(help: "One row per session per athlete (score, median, accuracy… in ms) instead of one row per trial.")
    var summary = false
    @OptionGroup var filter: SessionFilterOptions
    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (rows, handle) = try reportingErrors {
            let database = try store.open()
            var handle = FileHandle.standardOutput
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil),
                      let file = FileHandle(forWritingAtPath: output) else {
                    throw CLIError("cannot write \(output)", fix: "check the folder exists and is writable")
                }
                handle = file
            }
            if summary {
                let (bytes, rows) = try database.exportSummary(filter.filter(), format: format)
                handle.write(Data(bytes))
                return (rows, handle)
            }
            return (try database.export(
                filter.filter(),
                format: format) { handle.write(Data($0)) }, handle)
        }
        if let output {
            try handle.close()
            Terminal.writeError("\(rows) rows written to \(output)")
        }
    }
}

/// `snapcue import`: sessions from an export file or another station's database.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import sessions from 'snapcue export' files (CSV or JSON) or another Snapcue database.",
        discussion: """
            Sessions already here (same session uuid) are skipped, so importing twice is harmless.
            Athletes new here are created with their team. Each file is imported whole or not at all.
            """)

    @Argument(help: "Export files (.csv, .json) or Snapcue databases (.db).")
    var files: [String]
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        var reports: [String: ImportReport] = [:]
        try reportingErrors {
            let database = try store.open(create: true)
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIError("cannot read \(file)", fix: "check the path")
                }
                let bytes = [UInt8](data)
                let sessions: [SessionImport]
                if bytes.starts(with: Array("SQLite format 3\u{0}".utf8)) {
                    guard (file as NSString).standardizingPath != (database.path as NSString).standardizingPath else {
                        throw CLIError("\(file) is the database being imported into", fix: "pass another station's database, or another --db")
                    }
                    sessions = try Store(path: file, create: false).allSessionsForImport()
                } else {
                    sessions = try ExportReader.sessions(from: bytes, file: file)
                }
                reports[file] = try database.importSessions(sessions)
            }
        }
        if report.json { return try printJSON(reports) }
        for file in files {
            let r = reports[file]!
            print("\(file): \(r.added) session(s) added (\(r.trials) trials\(r.completed > 0 ? ", \(r.completed) of them completing a session stored in part" : "")), \(r.skipped) already here"
                + (r.newAthletes.isEmpty ? "" : "; new athletes: \(r.newAthletes.joined(separator: ", "))"))
        }
    }
}
