import Foundation

/// The rules of an athlete's (or a team's) name: what a terminal, a web page
/// and a spreadsheet can all show safely.
public enum AthleteName {
    /// The longest name accepted, in characters.
    public static let maximumLength = 80

    /// `text` trimmed, or an error saying what is wrong with it. `what` is "athlete name" or "team".
    public static func validated(_ text: String, what: String = "athlete name") throws -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw StoreError("an \(what) must not be empty", fix: "give a name, e.g. \"Maya Lind\"", kind: .invalidInput)
        }
        if let bad = name.unicodeScalars.first(where: isForbidden) {
            throw StoreError(
                "the \(what) \(visible(name)) holds a control character (U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(4)))",
                fix: "type the name again without pasting; names are plain text", kind: .invalidInput)
        }
        guard name.count <= maximumLength else {
            throw StoreError(
                "the \(what) is \(name.count) characters long; the limit is \(maximumLength)",
                fix: "use a shorter name (a nickname, or first name and initial)", kind: .invalidInput)
        }
        return name
    }

    /// Control characters (NUL, ESC, newlines, DEL, C1), line and paragraph separators, and
    /// direction overrides, which can rewrite a terminal or reorder a page's text.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    /// The name with its control characters written as escapes, for an error message.
    static func visible(_ name: String) -> String {
        "'" + name.unicodeScalars.map { isForbidden($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined().prefix(60) + "'"
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
