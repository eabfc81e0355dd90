extension ConfigError: UserError {
    /// The located problem, `FILE:LINE:COL: error: FIELD: PROBLEM`, without the fix.
    public var headline: String { description.components(separatedBy: "\n  fix: ")[0] }
    public var kind: UserErrorKind { line == nil && self.problem == "no such file" ? .notFound : .invalidDocument }
}

extension PlanError: UserError {
    public var headline: String { description }
    public var fix: String? { nil }
    public var kind: UserErrorKind { .invalidDocument }
}

extension SoundError: UserError {
    public var headline: String { "sound '\(sound)': \(issue)" }
    public var kind: UserErrorKind { .invalidDocument }
}

extension StationFault: UserError {
    public var headline: String { message }
    public var fix: String? { nil }
    public var kind: UserErrorKind { .unavailable }
}
