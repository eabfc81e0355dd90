import DrillCore
import GRDB

/// The station database's side of `TrialRow`: the inserts and a row reader.
extension TrialRow {
    /// `INSERT INTO trial (session_id, …)` with one placeholder per column.
    static let insertTrialSQL = insertSQL("trial", keys: ["session_id"], trialColumns)
    /// `INSERT INTO trial_result (session_id, trial_index, …)` with one placeholder per column.
    static let insertResultSQL = insertSQL("trial_result", keys: ["session_id", "trial_index"], resultColumns)

    private static func insertSQL(_ table: String, keys: [String], _ columns: [Column]) -> String {
        let names = keys + columns.map(\.name)
        return "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
    }

    /// Inserts `trial` and its per-side results into session `sessionID`.
    static func insert(_ db: Database, sessionID: Int64, _ trial: TrialRecord) throws {
        try db.cachedStatement(sql: insertTrialSQL)
            .execute(arguments: StatementArguments([sessionID.databaseValue] + trialValues(trial).map(\.databaseValue)))
        for side in trial.sides {
            try db.cachedStatement(sql: insertResultSQL).execute(
                arguments: StatementArguments(
                    [sessionID.databaseValue, trial.planned.index.databaseValue] + resultValues(trial, side).map(\.databaseValue)))
        }
    }
}

extension TrialRow {
    /// The columns a trial's completion can change: the edges and flags of its inter-trial pause.
    static let completionColumns = [flags, edges]

    /// Rewrites the completion columns of a stored trial.
    static func updateCompletion(_ db: Database, sessionID: Int64, _ trial: TrialRecord) throws {
        let assignments = completionColumns.map { "\($0.name) = ?" }.joined(separator: ", ")
        try db.cachedStatement(sql: "UPDATE trial SET \(assignments) WHERE session_id = ? AND \(trialIndex.name) = ?").execute(
            arguments: StatementArguments(
                completionColumns.map { $0.value(trial, nil).databaseValue } + [sessionID.databaseValue, trial.planned.index.databaseValue]))
    }
}

extension ExportValue {
    /// The cell as SQLite holds it.
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let text): text.databaseValue
        case .integer(let number): number.databaseValue
        }
    }
}

/// A `trial` or `trial_result` row of the station database.
struct DatabaseTrialCells: TrialCells {
    let row: Row

    func integer(_ column: TrialRow.Column) throws -> Int64? {
        switch row[column.name] as DatabaseValue {
        case let value where value.isNull: return nil
        case let value: guard let number = Int64.fromDatabaseValue(value) else { throw failure(column, "is not a whole number") }; return number
        }
    }

    func text(_ column: TrialRow.Column) throws -> String? {
        let value = row[column.name] as DatabaseValue
        if value.isNull { return nil }
        guard let text = String.fromDatabaseValue(value) else { throw failure(column, "is not text") }
        return text
    }

    func failure(_ column: TrialRow.Column, _ message: String) -> StoreError {
        StoreError("the database's \(column.table == .trial ? "trial" : "trial_result") column \(column.name) \(message)", fix: "the file is damaged; restore it from a backup or an export")
    }
}
