import GRDB

/// Why the store cannot be used, phrased for the person at the station.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    /// What went wrong.
    public var message: String
    /// What to do about it.
    public var fix: String?

    public init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    public var description: String { message + (fix.map { "\n  fix: \($0)" } ?? "") }
}
