import ArgumentParser
import DrillCore
import DrillStore
import Foundation

/// `--db`: which results database to use.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "Results database (SQLite).",
            discussion: "Default: $SNAPCUE_DB, else $XDG_DATA_HOME/snapcue/snapcue.db, else ~/.local/share/snapcue/snapcue.db."))
    var database: String?

    /// The database's path.
    func path() throws -> String { try StoreLocation.resolve(explicit: database) }

    /// Opens the store; reports refuse to create an empty one.
    func open(create: Bool = false) throws -> Store {
        try Store(path: try path(), create: create)
    }
}

/// Which sessions a report covers: `--athlete`, `--profile`, `--since`, `--until`.
struct SessionFilterOptions: ParsableArguments {
    @Option(help: "Only sessions of this athlete.")
    var athlete: String?
    @Option(help: "Only sessions of this profile (by name).")
    var profile: String?
    @Option(help: "Only sessions since this date (2026-11-01, an ISO time, or 14d / 6w back).")
    var since: DateArgument?
    @Option(help: "Only sessions before this date.")
    var until: DateArgument?

    /// The store's filter for these options.
    func filter(limit: Int? = nil) -> SessionFilter {
        SessionFilter(athlete: athlete, profile: profile, since: since?.milliseconds, until: until?.milliseconds, limit: limit)
    }
}

/// Options of reports that can print JSON.
struct ReportOptions: ParsableArguments {
    @Flag(help: "Print the report as JSON on standard output.")
    var json = false
}

/// Prints `value` as pretty JSON with snake_case keys.
func printJSON(_ value: some Encodable) throws {
    print(try SnapcueJSON.prettyText(value))
}

/// A date given on the command line: `2026-11-01` (local midnight), an ISO 8601
/// time, or a span back from now (`14d`, `6w`).
struct DateArgument: ExpressibleByArgument {
    /// Unix milliseconds.
    let milliseconds: Int64

    init?(argument: String) {
        guard let value = WallClock.milliseconds(userDate: argument) else { return nil }
        milliseconds = value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
