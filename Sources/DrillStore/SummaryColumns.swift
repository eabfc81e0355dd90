import DrillCore
import DrillStats
import Foundation

/// The columns of `snapcue export --summary`: one row per session per athlete, times in
/// milliseconds, the drill's score first, for a spreadsheet. The table in docs/results.md
/// ("Session summaries") lists the same names and descriptions.
public enum SummaryColumns {
    /// One athlete's part of one session, with its figures.
    public struct Row: Sendable {
        public var session: StoredSession
        public var side: String
        public var statistics: SessionStatistics
        /// The session's partner pace (partner drills).
        public var partner: PartnerPace?
    }

    /// A cell: text, a whole number, or a decimal shown with `places` decimals.
    public enum Cell: Equatable, Sendable {
        case text(String?)
        case integer(Int?)
        case decimal(Double?, places: Int)
    }

    public struct Column: Sendable {
        public let name: String
        public let description: String
        public let value: @Sendable (Row) -> Cell
    }

    private static func text(_ name: String, _ description: String, _ value: @escaping @Sendable (Row) -> String?) -> Column {
        Column(name: name, description: description) { .text(value($0)) }
    }

    private static func integer(_ name: String, _ description: String, _ value: @escaping @Sendable (Row) -> Int?) -> Column {
        Column(name: name, description: description) { .integer(value($0)) }
    }

    private static func milliseconds(_ name: String, _ description: String, _ value: @escaping @Sendable (SessionStatistics) -> Double?) -> Column {
        Column(name: name, description: description + ", ms") { .decimal(value($0.statistics), places: 1) }
    }

    /// Every column, in order.
    public static let all: [Column] = [
        integer("session", "the session's number on this station") { Int($0.session.id) },
        text("session_uuid", "stable id of the session") { $0.session.uuid },
        text("date", "wall-clock start, local time (YYYY-MM-DD HH:MM)") { WallClock.localTime(milliseconds: $0.session.startedAtMilliseconds) },
        text("athlete", "athlete name") { $0.session.result.athletes[$0.side] },
        text("team", "athlete's team") { $0.session.teams[$0.side] },
        text("side", "athlete's side (athlete, or left/right in head-to-head)") { $0.side },
        text("drill", "profile name") { $0.session.result.profileName },
        integer("drill_version", "profile version") { $0.session.result.profileVersion },
        text("drill_title", "profile title") { $0.session.result.profileTitle },
        text("status", "complete or aborted") { $0.session.status == .complete ? "complete" : "aborted" },
        text("score_name", "what the score is (median_rt, hits, time_to_hits:N, best_sum:N, accuracy, wins, total_time, best_each_way)") {
            $0.session.result.score.storedName
        },
        Column(name: "score", description: "the drill's score, in score_unit") { row in
            .decimal(row.statistics.score, places: row.session.result.score.unit == "ms" || row.session.result.score.unit == "%" ? 1 : 0)
        },
        text("score_unit", "ms, hits, % or wins") { $0.session.result.score.unit },
        integer("trials", "trials this athlete took part in") { $0.statistics.trials },
        integer("valid", "hits with a valid reaction time") { $0.statistics.validCount },
        milliseconds("median_rt", "median reaction time of the hits (gate runs: the decision time)") { $0.medianMilliseconds },
        milliseconds("mean_rt", "mean reaction time") { $0.meanMilliseconds },
        milliseconds("sd_rt", "standard deviation of the reaction times") { $0.standardDeviationMilliseconds },
        milliseconds("iqr_rt", "interquartile range of the reaction times") { $0.interquartileRangeMilliseconds },
        Column(name: "speed", description: "mean 1/RT, responses per second") { .decimal($0.statistics.meanSpeed, places: 3) },
        milliseconds("fastest_rt", "fastest hit") { $0.fastestMilliseconds },
        milliseconds("slowest_rt", "slowest hit") { $0.slowestMilliseconds },
        milliseconds("median_movement", "median movement time (home release; gate runs: decision gate to finish)") { $0.medianMovementMilliseconds },
        milliseconds("median_total", "gate runs: median total time, start gate to finish") { $0.medianTotalMilliseconds },
        milliseconds("best_total", "gate runs: fastest total time") { $0.bestTotalMilliseconds },
        integer("lapses", "lapses (hits at or above the lapse threshold, and slow misses)") { $0.statistics.lapses },
        integer("anticipations", "responses sooner than the anticipation threshold") { $0.statistics.anticipations },
        integer("false_starts", "responses before the cue") { $0.statistics.falseStarts },
        integer("misses", "no response in time") { $0.statistics.misses },
        integer("errors", "wrong targets, distractor presses and no-go commissions") { $0.statistics.errors },
        Column(name: "accuracy", description: "correct over judged trials, %") { .decimal($0.statistics.accuracy.map { $0 * 100 }, places: 1) },
        Column(name: "d_prime", description: "go/no-go sensitivity d′") { .decimal($0.statistics.dPrime?.value, places: 2) },
        integer("wins", "head-to-head trials won") { $0.statistics.wins },
        text("partner", "partner drills: the partner's name") { $0.session.result.partner },
        Column(name: "partner_interval", description: "partner drills: mean time between the partner's cues, ms") { .decimal($0.partner?.meanIntervalMilliseconds, places: 1) },
        Column(name: "partner_interval_cv", description: "partner drills: CV of that interval, %") {
            .decimal($0.partner?.intervalCoefficientOfVariation.map { $0 * 100 }, places: 1)
        },
    ]

    /// Column names in order.
    public static var names: [String] { all.map(\.name) }

    /// The rows of `session`: one per side, in side order.
    public static func rows(of session: StoredSession) -> [Row] {
        let summary = SessionSummary(session: session.result)
        return summary.sides.map { Row(session: session, side: $0.side, statistics: $0, partner: summary.partner) }
    }

    /// `rows` as CSV (a header row, then one line per row) or JSON
    /// (`{"format": "snapcue-sessions", "version": 1, "rows": [{column: value, …}, …]}`).
    public static func encode(_ rows: [Row], format: ExportFormat) -> [UInt8] {
        var out: [UInt8] = []
        switch format {
        case .csv:
            out.append(contentsOf: names.map { csvField($0) }.joined(separator: ",").utf8)
            out.append(0x0A)
            for row in rows {
                out.append(contentsOf: all.map { column in cellText(column.value(row)).map(csvField) ?? "" }.joined(separator: ",").utf8)
                out.append(0x0A)
            }
        case .json:
            out.append(contentsOf: #"{"format":"snapcue-sessions","version":1,"rows":["#.utf8)
            for (index, row) in rows.enumerated() {
                out.append(contentsOf: (index == 0 ? "\n{" : ",\n{").utf8)
                for (number, column) in all.enumerated() {
                    if number > 0 { out.append(0x2C) }
                    JSONText.appendString(column.name, to: &out)
                    out.append(0x3A)
                    let cell = column.value(row)
                    switch cell {
                    case .text(let text?): JSONText.appendString(text, to: &out)
                    default: out.append(contentsOf: (cellText(cell) ?? "null").utf8)
                    }
                }
                out.append(0x7D)
            }
            out.append(contentsOf: "\n]}\n".utf8)
        }
        return out
    }

    /// A cell as it is written: numbers with their decimals (a point, whatever the locale); nil when empty.
    static func cellText(_ cell: Cell) -> String? {
        switch cell {
        case .text(let text): text
        case .integer(let number): number.map(String.init)
        case .decimal(let value, let places): value.flatMap { $0.isFinite ? String(format: "%.\(places)f", $0) : nil }
        }
    }

    private static func csvField(_ text: String) -> String {
        var bytes: [UInt8] = []
        CSV.append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Store {
    /// One summary row per session per athlete for the sessions matching `filter` (whole
    /// sessions, oldest first), encoded as `format`. Returns the bytes and the number of rows.
    public func exportSummary(_ filter: SessionFilter, format: ExportFormat) throws -> (bytes: [UInt8], rows: Int) {
        let listings = try sessions(filter).sorted { ($0.startedAtMilliseconds, $0.id) < ($1.startedAtMilliseconds, $1.id) }
        let rows = try listings.flatMap { SummaryColumns.rows(of: try session(id: $0.id)) }
        return (SummaryColumns.encode(rows, format: format), rows.count)
    }
}
