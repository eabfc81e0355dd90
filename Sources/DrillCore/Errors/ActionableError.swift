/// A plain `UserError`: what went wrong, what to do, whose problem it is.
public struct ActionableError: UserError, Equatable, Sendable {
    public var headline: String
    public var fix: String?
    public var webFix: String?
    public var kind: UserErrorKind

    /// - Parameters:
    ///   - fix: what to do, in the CLI's words.
    ///   - webFix: what to do on a web page, when `fix` names a command-line flag.
    public init(_ headline: String, fix: String? = nil, webFix: String? = nil, kind: UserErrorKind = .invalidInput) {
        self.headline = headline
        self.fix = fix
        self.webFix = webFix ?? fix
        self.kind = kind
    }

    public var description: String { "error: \(headline)" + (fix.map { "\n  fix: \($0)" } ?? "") }
}
