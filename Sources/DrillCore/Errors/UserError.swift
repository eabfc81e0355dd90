/// Whose problem an error is. It picks the CLI's exit code and the web's HTTP
/// status, so both say the same thing about the same failure.
public enum UserErrorKind: Sendable, Equatable {
    /// A value the user gave is wrong (a name, a number, an option). HTTP 400.
    case invalidInput
    /// A profile or station document is wrong (with its file, line and column). HTTP 422.
    case invalidDocument
    /// No such athlete, profile, session or file. HTTP 404.
    case notFound
    /// It clashes with what is there (a name taken, a drill already running). HTTP 409.
    case conflict
    /// A device or database cannot be used now (busy, missing, damaged, locked). HTTP 503.
    case unavailable

    /// The CLI's exit code: 2 for every error a user can act on before a drill runs.
    public var exitCode: Int32 { 2 }

    /// The HTTP status code of the web app's answer.
    public var httpStatus: Int {
        switch self {
        case .invalidInput: 400
        case .invalidDocument: 422
        case .notFound: 404
        case .conflict: 409
        case .unavailable: 503
        }
    }
}

/// An error a person can act on: what went wrong and where (`headline`), what to
/// do (`fix`), and whose problem it is (`kind`). The CLI prints `description`
/// and exits with `kind.exitCode`; the web app answers `kind.httpStatus` with
/// `headline` and `webFix`.
public protocol UserError: Error, CustomStringConvertible {
    /// What went wrong, with where (a file and line, a device, a database).
    var headline: String { get }
    /// What to do about it, in the CLI's words.
    var fix: String? { get }
    /// What to do about it on a web page: never a command-line flag. Defaults to `fix`.
    var webFix: String? { get }
    /// Whose problem it is.
    var kind: UserErrorKind { get }
}

extension UserError {
    public var webFix: String? { fix }

    /// The error as the CLI prints it: `error: PROBLEM` and the fix on its own line,
    /// unless the type words its own (a located `FILE:LINE:COL: error:`).
    public var terminalText: String {
        let text = description
        return text.hasPrefix("error: ") || text.contains(": error: ") ? text : "error: " + text
    }
}
