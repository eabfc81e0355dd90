import DrillCore

extension GPIOError: UserError {
    public var headline: String { "\(operation): \(message)" }
    public var kind: UserErrorKind { .unavailable }
}

extension ALSAError: UserError {
    public var headline: String { description.components(separatedBy: "\n  fix: ")[0] }
    public var fix: String? {
        let parts = description.components(separatedBy: "\n  fix: ")
        return parts.count > 1 ? parts[1] : nil
    }
    public var kind: UserErrorKind { .unavailable }
}
