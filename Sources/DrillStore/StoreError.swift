import GRDB

/// Why the store cannot be used, phrased for the person at the station.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    /// Whose problem it is: lets a web request answer 404, 400 or 409 rather than 500.
    public enum Kind: String, Equatable, Sendable {
        /// The database itself: missing, damaged, locked, newer, unwritable.
        case database
        /// No such athlete, profile, version or session.
        case notFound
        /// A value out of range or missing (a name, a birth year).
        case invalidInput
        /// It would clash with what is stored (a name already taken).
        case conflict
    }

    /// What went wrong.
    public var message: String
    /// What to do about it.
    public var fix: String?
    /// Whose problem it is (`kind`, from `UserError`, is the same in the shared words).
    public var category: Kind

    public init(_ message: String, fix: String? = nil, kind: Kind = .database) {
        self.message = message
        self.fix = fix
        category = kind
    }

    public var description: String { message + (fix.map { "\n  fix: \($0)" } ?? "") }
}
