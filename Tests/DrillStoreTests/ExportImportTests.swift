import DrillCore
import DrillStore
import Foundation
import Testing

@Suite("Export and import")
struct ExportImportTests {
    /// A store with a head-to-head session, a go/no-go session and an aborted one.
    func populated() throws -> Store {
        let store = try Store(path: temporaryDatabase())
        try store.addAthlete(Athlete(name: "Ana, \"the Rocket\"", team: "U17"))
        try store.addAthlete(Athlete(name: "Ben", team: "Seniors"))
        let (h2h, duel) = try simulatedSession("head-to-head", seed: 2, athletes: ["left": "Ana, \"the Rocket\"", "right": "Ben"])
        try DrillStoreTests.store(store, h2h, duel)
        let (gonogo, session) = try simulatedSession("go-nogo", seed: 4, athletes: ["athlete": "Ben"], startedAt: "2026-11-03T08:00:00.250Z")
        try DrillStoreTests.store(store, gonogo, session, seedChosen: true)
        var aborted = try simulatedSession("quick-start", seed: 6, athletes: ["athlete": "Ana, \"the Rocket\""], startedAt: "2026-11-04T08:00:00Z")
        aborted.session.trials = Array(aborted.session.trials.prefix(3))
        aborted.session.end = .stopped
        try DrillStoreTests.store(store, aborted.profile, aborted.session)
        return store
    }

    func exported(_ store: Store, _ format: ExportFormat, _ filter: SessionFilter = SessionFilter()) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try store.export(filter, format: format) { bytes += $0 }
        return bytes
    }

    @Test("CSV and JSON exports import into an empty store as the same sessions, athletes and teams", arguments: ExportFormat.allCases)
    func roundTrip(format: ExportFormat) throws {
        let source = try populated()
        let bytes = try exported(source, format)
        let target = try Store(path: temporaryDatabase())
        let report = try target.importSessions(try ExportReader.sessions(from: bytes, file: "trials.\(format.rawValue)"))
        #expect(report.added == 3 && report.skipped == 0)
        #expect(Set(report.newAthletes) == ["Ana, \"the Rocket\"", "Ben"])
        for (original, copy) in zip(try source.sessions().reversed(), try target.sessions().reversed()) {
            let a = try source.session(id: original.id), b = try target.session(id: copy.id)
            #expect(a.result == b.result)
            #expect(a.uuid == b.uuid && a.status == b.status && a.endReason == b.endReason && a.seedChosen == b.seedChosen)
            #expect(a.profileHash == b.profileHash && a.teams == b.teams)
            #expect(original.sides == copy.sides)
        }
        #expect(try target.athlete(named: "Ben").uuid == (try source.athlete(named: "Ben").uuid))
    }

    @Test("importing the same file twice adds nothing the second time")
    func idempotent() throws {
        let bytes = try exported(try populated(), .csv)
        let target = try Store(path: temporaryDatabase())
        _ = try target.importSessions(try ExportReader.sessions(from: bytes, file: "t.csv"))
        let again = try target.importSessions(try ExportReader.sessions(from: bytes, file: "t.csv"))
        #expect(again.added == 0 && again.skipped == 3 && again.trials == 0)
        #expect(try target.sessions().count == 3)
    }

    @Test("the CSV has one row per trial per side, a documented header, and quotes names with commas")
    func csvShape() throws {
        let store = try populated()
        let text = String(decoding: try exported(store, .csv), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == Substring(ExportColumns.names.joined(separator: ",")))
        let trials = try store.sessions().map { try store.session(id: $0.id).result.trials.reduce(0) { $0 + $1.sides.count } }.reduce(0, +)
        #expect(lines.count == 1 + trials)
        #expect(text.contains("\"Ana, \"\"the Rocket\"\"\""))
    }

    @Test("--athlete exports that athlete's whole sessions; --since leaves out older ones")
    func filters() throws {
        let store = try populated()
        let benOnly = try ExportReader.sessions(from: try exported(store, .json, SessionFilter(athlete: "ben")), file: "b.json")
        #expect(benOnly.count == 2)  // the duel (both sides) and the go/no-go session
        #expect(benOnly.contains { $0.result.athletes.count == 2 })
        let recent = try ExportReader.sessions(from: try exported(store, .csv, SessionFilter(since: WallClock.milliseconds(iso: "2026-11-03T00:00:00Z"))), file: "r.csv")
        #expect(recent.map(\.result.profileName) == ["go-nogo", "quick-start"])
    }

    @Test("a damaged file names the line and column of the bad cell")
    func damagedFile() throws {
        let bytes = try exported(try populated(), .csv)
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let column = try #require(ExportColumns.names.firstIndex(of: "decided_at_ns"))
        let target = try #require(lines.indices.first { $0 > 0 && !lines[$0].contains("\"") && !lines[$0].isEmpty })
        var fields = lines[target].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[column] = "soon"
        lines[target] = fields.joined(separator: ",")
        #expect {
            _ = try ExportReader.sessions(from: Array(lines.joined(separator: "\n").utf8), file: "bad.csv")
        } throws: { error in "\(error)".contains("bad.csv:\(target + 1): column decided_at_ns: 'soon' is not a whole number") }
        #expect { _ = try ExportReader.sessions(from: Array("name,team\nA,B\n".utf8), file: "x.csv") } throws: { error in
            "\(error)".contains("not a Snapcue trials export")
        }
    }

    @Test("edges with odd switch names survive the text form")
    func edgeCodec() throws {
        let edges = [
            SwitchEdge(switchName: "pad;1@a/b%c", kind: .press, timestamp: MonotonicInstant(nanoseconds: 12), readAt: MonotonicInstant(nanoseconds: 15)),
            SwitchEdge(switchName: "home", kind: .release, timestamp: MonotonicInstant(nanoseconds: -4)),
        ]
        #expect(try TrialCodec.edges(TrialCodec.edges(edges)) == edges)
        #expect(throws: StoreError.self) { try TrialCodec.edges("pad@12") }
    }
}
