import Foundation
import DrillCore

/// The compact text forms of a trial's lists, as stored and exported.
///
/// - lists (lights, flags, winners): names joined by `,`;
/// - edges: `+switch@t_ns` (press) or `-switch@t_ns` (release), with
///   `/read_ns` appended when the read time is known, joined by `;`.
///   Names are percent-escaped where they contain `%`, `,`, `;`, `@` or `/`.
public enum TrialCodec {
    public static func list(_ names: [String]) -> String { names.map(escape).joined(separator: ",") }

    public static func list(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { unescape(String($0)) }
    }

    public static func edges(_ edges: [SwitchEdge]) -> String {
        edges.map { edge in
            (edge.kind == .press ? "+" : "-") + escape(edge.switchName) + "@\(edge.timestamp.nanoseconds)"
                + (edge.readAt.map { "/\($0.nanoseconds)" } ?? "")
        }.joined(separator: ";")
    }

    /// Parses `edges(_:)`'s form; throws on anything else.
    public static func edges(_ text: String) throws -> [SwitchEdge] {
        guard !text.isEmpty else { return [] }
        return try text.split(separator: ";").map { item in
            guard let sign = item.first, sign == "+" || sign == "-", let at = item.lastIndex(of: "@") else {
                throw StoreError("edge '\(item)' is not +switch@t_ns or -switch@t_ns")
            }
            let name = unescape(String(item[item.index(after: item.startIndex)..<at]))
            let times = item[item.index(after: at)...].split(separator: "/")
            guard let timestamp = times.first.flatMap({ Int64($0) }), times.count <= 2 else {
                throw StoreError("edge '\(item)' has no valid nanosecond time")
            }
            let readAt = times.count == 2 ? Int64(times[1]).map(MonotonicInstant.init(nanoseconds:)) : nil
            return SwitchEdge(switchName: name, kind: sign == "+" ? .press : .release,
                              timestamp: MonotonicInstant(nanoseconds: timestamp), readAt: readAt)
        }
    }

    /// Light colours: `light=colour`, joined by `,`, in light-name order (empty when the cue named none).
    public static func colors(_ colors: [String: String]) -> String {
        colors.sorted { $0.key < $1.key }.map { escape($0.key) + "=" + escape($0.value) }.joined(separator: ",")
    }

    /// Parses `colors(_:)`'s form; throws on anything else.
    public static func colors(_ text: String) throws -> [String: String] {
        guard !text.isEmpty else { return [:] }
        var colors: [String: String] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw StoreError("light colour '\(item)' is not light=colour") }
            colors[unescape(String(parts[0]))] = unescape(String(parts[1]))
        }
        return colors
    }

    /// `expect: all` splits: `pad@rt_ns` in the order hit, joined by `;`.
    public static func splits(_ splits: [PadSplit]) -> String {
        splits.map { escape($0.pad) + "@\($0.reactionTimeNanoseconds)" }.joined(separator: ";")
    }

    /// Parses `splits(_:)`'s form; throws on anything else.
    public static func splits(_ text: String) throws -> [PadSplit] {
        guard !text.isEmpty else { return [] }
        return try text.split(separator: ";").map { item in
            guard let at = item.lastIndex(of: "@"), let time = Int64(item[item.index(after: at)...]), at > item.startIndex else {
                throw StoreError("split '\(item)' is not pad@rt_ns")
            }
            return PadSplit(pad: unescape(String(item[..<at])), reactionTimeNanoseconds: time)
        }
    }

    private static let reserved: [(Character, String)] = [("%", "%25"), (",", "%2C"), (";", "%3B"), ("@", "%40"), ("/", "%2F")]

    static func escape(_ name: String) -> String {
        guard name.contains(where: { c in reserved.contains { $0.0 == c } }) else { return name }
        var out = ""
        for character in name {
            if let code = reserved.first(where: { $0.0 == character })?.1 { out += code } else { out.append(character) }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var out = text
        for (character, code) in reserved.reversed() { out = out.replacingOccurrences(of: code, with: String(character)) }
        return out
    }
}
