import Yams

/// Bounds the work a profile or station document may cost once aliases are
/// expanded, so a few hundred bytes of nested aliases (a "billion laughs"
/// document) are refused in microseconds instead of stalling whoever parses it.
///
/// Yams shares an anchored node between its aliases, so composing is cheap;
/// what costs is every later walk over the expanded tree. The budget walks it
/// once, stopping at the first value past the limit, and names that place.
struct DocumentBudget {
    /// The most values (scalars, lists, mappings) a document may expand to: the
    /// largest shipped profile has a few hundred.
    static let maximumValues = 20_000
    /// The deepest nesting allowed (libyaml stops at 1 000 on its own).
    static let maximumDepth = 64

    let file: String

    func check(_ root: Node) throws {
        var remaining = Self.maximumValues
        try visit(root, depth: 1, remaining: &remaining)
    }

    private func visit(_ node: Node, depth: Int, remaining: inout Int) throws {
        remaining -= 1
        if remaining < 0 {
            throw refusal(node, "the document expands to more than \(Self.maximumValues) values (aliases of aliases?)",
                          fix: "write the values out, or use fewer nested aliases (*name)")
        }
        if depth > Self.maximumDepth {
            throw refusal(node, "values are nested more than \(Self.maximumDepth) levels deep", fix: "flatten the document")
        }
        switch node {
        case .scalar, .alias:
            return
        case .sequence(let sequence):
            for child in sequence { try visit(child, depth: depth + 1, remaining: &remaining) }
        case .mapping(let mapping):
            for (key, value) in mapping {
                try visit(key, depth: depth + 1, remaining: &remaining)
                try visit(value, depth: depth + 1, remaining: &remaining)
            }
        }
    }

    private func refusal(_ node: Node, _ problem: String, fix: String) -> ConfigError {
        ConfigError(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, field: "", problem: problem, fix: fix)
    }
}
