import DrillCore
import DrillStats
import DrillTesting
import Foundation
import Testing
@testable import DrillStore

@Suite("Session summaries for spreadsheets (export --summary)")
struct SummaryExportTests {
    func storeWithSessions() throws -> Store {
        let store = try Store(path: temporaryDatabase())
        try store.addAthlete(Athlete(name: "Ana, \"the Rocket\"", team: "U17"))
        try store.addAthlete(Athlete(name: "Ben", team: "Seniors"))
        let (h2h, duel) = try simulatedSession("head-to-head", seed: 2, athletes: ["left": "Ana, \"the Rocket\"", "right": "Ben"])
        try DrillStoreTests.store(store, h2h, duel)
        var (partnerDrill, partnered) = try simulatedSession("partner-mirror", seed: 6, athletes: ["athlete": "Ben"], startedAt: "2026-11-04T08:00:00.000Z")
        partnered.partner = "Sam"
        try DrillStoreTests.store(store, partnerDrill, partnered)
        return store
    }

    @Test("one CSV row per session per athlete, in milliseconds, with the drill's score; names with commas quoted")
    func csvRows() throws {
        let store = try storeWithSessions()
        let (bytes, rows) = try store.exportSummary(SessionFilter(), format: .csv)
        let records = try CSV.parse(bytes, file: "summary.csv").map(\.fields)
        #expect(rows == 3 && records.count == 4)
        #expect(records[0] == SummaryColumns.names)
        let column = { (name: String) in records[0].firstIndex(of: name)! }
        #expect(records[1][column("athlete")] == "Ana, \"the Rocket\"" && records[1][column("team")] == "U17")
        #expect(records[1][column("score_name")] == "wins" && records[1][column("score_unit")] == "wins")
        let partnerRow = records[3]
        #expect(partnerRow[column("drill")] == "partner-mirror" && partnerRow[column("partner")] == "Sam")
        #expect(!partnerRow[column("partner_interval")].isEmpty && !partnerRow[column("partner_interval_cv")].isEmpty)
        // The figures are the session's statistics, in ms with one decimal.
        let stored = try store.session(id: Int64(partnerRow[column("session")])!)
        let statistics = SessionSummary(session: stored.result).sides[0]
        #expect(partnerRow[column("median_rt")] == String(format: "%.1f", statistics.medianMilliseconds!))
        #expect(partnerRow[column("score")] == String(format: "%.1f", statistics.score!))
        #expect(records.dropFirst().allSatisfy { $0.count == SummaryColumns.names.count })
    }

    @Test("the JSON form holds the same rows, numbers as numbers, empty cells as null")
    func jsonRows() throws {
        let store = try storeWithSessions()
        let (bytes, _) = try store.exportSummary(SessionFilter(athlete: "Ben", profile: "partner-mirror"), format: .json)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(root["format"] as? String == "snapcue-sessions")
        let rows = try #require(root["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["median_rt"] is Double && rows[0]["trials"] is Int)
        #expect(rows[0]["wins"] is NSNull && rows[0]["partner"] as? String == "Sam")
        #expect(Set(rows[0].keys) == Set(SummaryColumns.names))
    }
}

@Suite("The export columns' reference")
struct ExportReferenceTests {
    /// A markdown table of `columns` (name, description), as docs/results.md has it.
    static func table(_ columns: [(String, String)]) -> String {
        (["| column | description |", "|---|---|"] + columns.map { "| `\($0.0)` | \($0.1) |" }).joined(separator: "\n")
    }

    @Test("docs/results.md lists every export column and every summary column, in order, with the code's descriptions")
    func documentedColumns() throws {
        let document = try String(contentsOfFile: packageRoot + "/docs/results.md", encoding: .utf8)
        let trials = Self.table(ExportColumns.all.map { ($0.name, $0.description) })
        let summary = Self.table(SummaryColumns.all.map { ($0.name, $0.description) })
        #expect(document.contains(trials), "docs/results.md, 'Export columns', should read:\n\(trials)")
        #expect(document.contains(summary), "docs/results.md, 'Session summaries', should read:\n\(summary)")
    }
}
