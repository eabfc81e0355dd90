/// A problem in a profile or station file that the user can fix: what was
/// wrong, where (file, line, column, field) and what to do about it.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user named it (or a label such as `<built-in sim>`).
    public var file: String
    /// 1-based line, when the problem has a place in the file.
    public var line: Int?
    /// 1-based column, when the problem has a place in the file.
    public var column: Int?
    /// The dotted path of the field, e.g. `blocks[1].foreperiod.max`.
    public var field: String
    /// What is wrong.
    public var problem: String
    /// What to do about it.
    public var fix: String?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, field: String,
        problem: String, fix: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    /// `file:line:column: field: problem (fix)`, the shape compilers use, so
    /// editors can jump to the place.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        var text = "\(place): error: "
        if !field.isEmpty { text += "\(field): " }
        text += problem
        if let fix { text += "\n  fix: \(fix)" }
        return text
    }
}
