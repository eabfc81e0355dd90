import DrillStore
import DrillStats
import Foundation
import Hummingbird

/// Reads a request's query parameters, refusing bad values with a 400 that
/// names the parameter and what it takes.
struct QueryReader {
    let parameters: Hummingbird.Parameters

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    /// A non-empty text value.
    func text(_ name: String) -> String? {
        guard let value = parameters.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = text(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw WebError(.badRequest, "\(name)=\(text) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func seed(_ name: String) throws -> UInt64? {
        guard let text = text(name) else { return nil }
        guard let value = UInt64(text) else { throw WebError(.badRequest, "\(name)=\(text) is not a seed (a whole number ≥ 0)") }
        return value
    }

    func flag(_ name: String) -> Bool {
        guard let text = text(name) else { return false }
        return ["1", "true", "yes", "on"].contains(text.lowercased())
    }

    /// The leaderboard metric asked for; `fallback` when the query names none.
    func metric(_ name: String = "metric", fallback: LeaderboardMetric = .median) throws -> LeaderboardMetric {
        guard let text = text(name) else { return fallback }
        guard let metric = LeaderboardMetric(rawValue: text) else {
            throw WebError(.badRequest, "metric=\(text) is not a leaderboard metric", fix: "use one of: \(LeaderboardMetric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return metric
    }

    /// A date as Unix ms: `2026-11-01` (station's local midnight), an ISO 8601 time, or `14d`/`6w` back from now.
    func date(_ name: String, now: Date = Date()) throws -> Int64? {
        guard let text = text(name) else { return nil }
        if let milliseconds = WallClock.milliseconds(userDate: text, now: now) { return milliseconds }
        throw WebError(.badRequest, "\(name)=\(text) is not a date", fix: "use 2026-11-01, an ISO 8601 time, or a span back from now such as 14d or 6w")
    }
}

extension BasicRequestContext {
    /// The path parameter `name`, percent-decoded (`/athletes/Ana%20Lima` → `Ana Lima`).
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
