import Foundation
import Yams

/// A node of a parsed YAML (or JSON) document that remembers where it came
/// from, so every conversion can fail with a `ConfigError` naming the file,
/// line, column and field.
public struct ConfigNode {
    let node: Node
    /// The dotted path of this node from the document root.
    public let path: String
    /// The file the document came from.
    public let file: String

    init(node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// Parses `text` (YAML 1.1, or JSON, which Yams reads as YAML) into its root node.
    public static func parse(_ text: String, file: String) throws -> ConfigNode {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw ConfigError(
                    file: file, line: 1, column: 1, field: "",
                    problem: "the file is empty", fix: "write the document; see Profiles/ for examples")
            }
            try DocumentBudget(file: file).check(root)
            return ConfigNode(node: root, path: "", file: file)
        } catch let error as YamlError {
            throw ConfigError(yamlError: error, file: file)
        }
    }

    /// The node at a dotted `path` such as `cues.go.light` (a list's items are `[1]`, `[2]`…),
    /// or nil when the document has none there.
    public func descendant(at path: String) -> ConfigNode? {
        var current: Node = node
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                name = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            if !name.isEmpty {
                guard case .mapping(let mapping) = current,
                      let value = mapping.first(where: { $0.key.string == String(name) })?.value else { return nil }
                current = value
            }
            if let index {
                guard case .sequence(let sequence) = current, (1...sequence.count).contains(index) else { return nil }
                current = sequence[index - 1]
            }
        }
        return ConfigNode(node: current, path: path, file: file)
    }

    /// An error located at this node.
    public func error(_ problem: String, fix: String? = nil) -> ConfigError {
        ConfigError(
            file: file, line: node.mark?.line, column: node.mark?.column, field: path,
            problem: problem, fix: fix)
    }

    var kindName: String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping (key: value pairs)"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// This node as a mapping whose keys must all be in `allowed`.
    public func mapping(allowed: [String]) throws -> ConfigMapping {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), found \(kindName)")
        }
        var entries: [(key: String, keyNode: Node, value: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigNode(node: keyNode, path: path, file: file).error("keys must be plain names")
            }
            let key = keyScalar.string
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(key) else {
                let keyAt = ConfigNode(node: keyNode, path: childPath, file: file)
                var fix = "allowed keys here: \(allowed.joined(separator: ", "))"
                if let suggestion = closestMatch(to: key, in: allowed) {
                    fix = "did you mean '\(suggestion)'? " + fix
                }
                throw keyAt.error("unknown key '\(key)'", fix: fix)
            }
            entries.append((key, keyNode, ConfigNode(node: valueNode, path: childPath, file: file)))
        }
        return ConfigMapping(owner: self, entries: entries)
    }

    /// This node as a mapping with free-form keys (names chosen by the user).
    public func namedEntries() throws -> [(name: String, value: ConfigNode)] {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping of names to definitions, found \(kindName)")
        }
        return try mapping.map { keyNode, valueNode in
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigNode(node: keyNode, path: path, file: file).error("names must be plain text")
            }
            let name = keyScalar.string
            try ConfigNode(node: keyNode, path: "\(path).\(name)", file: file).checkName(name)
            return (name, ConfigNode(node: valueNode, path: "\(path).\(name)", file: file))
        }
    }

    /// This node as a list; a single scalar is accepted as a one-element list
    /// when `allowSingle` is set.
    public func list(allowSingle: Bool = false) throws -> [ConfigNode] {
        switch node {
        case .sequence(let sequence):
            return sequence.enumerated().map { index, child in
                ConfigNode(node: child, path: "\(path)[\(index + 1)]", file: file)
            }
        case .scalar where allowSingle:
            return [self]
        default:
            throw error("expected a list, found \(kindName)", fix: "write it as [a, b] or as lines starting with '- '")
        }
    }

    /// This node's text; it must be a scalar.
    public func scalarText() throws -> String {
        guard case .scalar(let scalar) = node else {
            throw error("expected a single value, found \(kindName)")
        }
        return scalar.string
    }

    /// A non-empty string.
    public func string() throws -> String {
        let text = try scalarText()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error("must not be empty")
        }
        return text
    }

    /// A name: letters, digits, `-` and `_`, starting with a letter or digit.
    public func name() throws -> String {
        let text = try string()
        try checkName(text)
        return text
    }

    func checkName(_ text: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        guard !text.isEmpty, text.count <= 40,
            text.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }),
            text.first != "-", text.first != "_"
        else {
            throw error(
                "'\(text)' is not a valid name",
                fix: "use up to 40 ASCII letters, digits, '-' and '_', starting with a letter or digit")
        }
    }

    /// An integer within `range`.
    public func int(in range: ClosedRange<Int>) throws -> Int {
        let text = try scalarText()
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw error("'\(text)' is not a whole number", fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        guard range.contains(value) else {
            throw error("\(value) is out of range", fix: "use a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A number within `range`.
    public func double(in range: ClosedRange<Double>, what: String = "a number") throws -> Double {
        let text = try scalarText()
        guard let value = Double(text), value.isFinite else {
            throw error("'\(text)' is not \(what)", fix: "write \(what) from \(range.lowerBound) to \(range.upperBound)")
        }
        guard range.contains(value) else {
            throw error("\(text) is out of range", fix: "use \(what) from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A probability in [0, 1], or strictly below 1 when `allowOne` is false.
    public func probability(allowOne: Bool = true) throws -> Double {
        let value = try double(in: 0...1, what: "a probability")
        if !allowOne && value == 1 {
            throw error("a probability of 1 leaves no other trials", fix: "use a value below 1")
        }
        return value
    }

    /// `true`/`false` (also `yes`/`no`, `on`/`off`).
    public func bool() throws -> Bool {
        let text = try scalarText().lowercased()
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("'\(text)' is not true or false", fix: "write true or false")
        }
    }

    /// One of `choices`.
    public func choice(_ choices: [String]) throws -> String {
        let text = try scalarText()
        guard choices.contains(text) else {
            var fix = "use one of: \(choices.joined(separator: ", "))"
            if let suggestion = closestMatch(to: text, in: choices) { fix = "did you mean '\(suggestion)'? " + fix }
            throw error("'\(text)' is not allowed here", fix: fix)
        }
        return text
    }

    /// A duration with a unit (`250ms`, `1.5s`, `3min`, `500us`), within `range`.
    public func duration(in range: ClosedRange<Duration>) throws -> Duration {
        let text = try scalarText()
        guard let value = DurationText.parse(text) else {
            throw error(
                "'\(text)' is not a duration",
                fix: "write a number with a unit: us, ms, s or min (e.g. 250ms, 1.5s, 3min)")
        }
        guard range.contains(value) else {
            if value <= .zero {
                throw error("a duration must be greater than zero, found \(text)", fix: "use at least \(range.lowerBound.compactDescription)")
            }
            throw error(
                "\(text) is out of range",
                fix: "use a duration from \(range.lowerBound.compactDescription) to \(range.upperBound.compactDescription)")
        }
        return value
    }
}

/// The entries of a mapping node, looked up by key.
public struct ConfigMapping {
    let owner: ConfigNode
    let entries: [(key: String, keyNode: Node, value: ConfigNode)]

    /// The value under `key`, if present.
    public func optional(_ key: String) -> ConfigNode? {
        entries.first { $0.key == key }?.value
    }

    /// The value under `key`, or an error at the mapping saying it is missing.
    public func required(_ key: String, fix: String? = nil) throws -> ConfigNode {
        guard let value = optional(key) else {
            throw owner.error("missing required key '\(key)'", fix: fix ?? "add '\(key):'")
        }
        return value
    }

    /// Whether `key` is present.
    public func has(_ key: String) -> Bool { optional(key) != nil }

    /// The node of the mapping itself (for errors about the whole).
    public var node: ConfigNode { owner }
}

extension ConfigError {
    init(yamlError: YamlError, file: String) {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            self.init(
                file: file, line: mark.line, column: mark.column, field: "",
                problem: "not valid YAML: \(problem)",
                fix: "check indentation (spaces, not tabs) and quoting near this place")
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.init(
                file: file, line: context.mark.line, column: context.mark.column, field: "",
                problem: "duplicate key(s): \(duplicates.joined(separator: ", "))",
                fix: "each key may appear once per mapping")
        case .reader(let problem, let offset, let value, let yaml):
            let (line, column) = offset.map { Self.place(ofCharacter: $0, in: yaml) } ?? (1, 1)
            let character = value > 0 && value < 0x110000 ? String(format: " (U+%04X)", value) : ""
            self.init(
                file: file, line: line, column: column, field: "",
                problem: "not valid YAML: \(problem)\(character)",
                fix: "remove the control character, or write it as an escape inside a double-quoted string")
        default:
            self.init(file: file, line: 1, column: 1, field: "", problem: "cannot read the document: \(yamlError)")
        }
    }
}

extension ConfigError {
    /// The 1-based line and column of the `offset`-th character of `text`.
    static func place(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// The allowed word closest to `word` by edit distance, when close enough to
/// be a likely typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, word.count / 3) else { return nil }
    return best.0
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
