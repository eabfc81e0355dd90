import DrillCore
import DrillTesting
@testable import DrillStore
import Foundation
import GRDB
import Testing

@Suite("One trial row")
struct TrialRowTests {
    @Test("the station database's trial tables hold exactly the row's columns (and their keys)")
    func stationSchemaMatchesTheRow() throws {
        let path = temporaryDatabase()
        _ = try Store(path: path)
        let queue = try DatabaseQueue(path: path)
        let (trial, result) = try queue.read { db in
            (try db.columns(in: "trial").map(\.name), try db.columns(in: "trial_result").map(\.name))
        }
        #expect(Set(trial) == Set(["session_id"] + TrialRow.trialColumns.map(\.name)))
        #expect(Set(result) == Set(["session_id", "trial_index"] + TrialRow.resultColumns.map(\.name)))
    }

    @Test("the gym schema's trial tables hold the same columns as the station's")
    func gymSchemaMatchesTheRow() throws {
        // The gym's frozen migration, read as text: every column of its trial tables.
        let gym = try String(contentsOfFile: packageRoot + "/Sources/DrillSync/GymSchema.swift", encoding: .utf8)
        func columns(of table: String) -> Set<String> {
            guard let start = gym.range(of: "CREATE TABLE \(table) (") else { return [] }
            let body = gym[start.upperBound...].prefix { $0 != ";" }
            let created = Set(body.split(separator: "\n").compactMap { line -> String? in
                let word = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
                return word.isEmpty || ["PRIMARY", "FOREIGN", ")"].contains(word) ? nil : word
            })
            // Later versions add columns: ALTER TABLE <table> ADD COLUMN <name> …
            let added = gym.split(separator: "\n").compactMap { line -> String? in
                let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ").map(String.init)
                guard words.count > 5, words[0] == "ALTER", words[2] == table, words[3] == "ADD", words[4] == "COLUMN" else { return nil }
                return words[5]
            }
            return created.union(added)
        }
        #expect(columns(of: "trial") == Set(["session_uuid"] + TrialRow.trialColumns.map(\.name)))
        #expect(columns(of: "trial_result") == Set(["session_uuid", "trial_index"] + TrialRow.resultColumns.map(\.name)))
    }

    @Test("export → import → export is byte-identical, CSV and JSON", arguments: ExportFormat.allCases)
    func exportImportExportIsByteIdentical(format: ExportFormat) throws {
        let source = try Store(path: temporaryDatabase())
        try source.addAthlete(Athlete(name: "Ana, \"the Rocket\"", team: "U17"))
        try source.addAthlete(Athlete(name: "Ben", team: "Seniors"))
        let (h2h, duel) = try simulatedSession("head-to-head", seed: 2, athletes: ["left": "Ana, \"the Rocket\"", "right": "Ben"])
        try DrillStoreTests.store(source, h2h, duel)
        let (gonogo, session) = try simulatedSession("go-nogo", seed: 4, athletes: ["athlete": "Ben"], startedAt: "2026-11-03T08:00:00.250Z")
        try DrillStoreTests.store(source, gonogo, session, seedChosen: true)
        // Cues from people: the trigger, the partner's switch and name, a gate run's total time.
        var (partnerDrill, partnered) = try simulatedSession("partner-mirror", seed: 6, athletes: ["athlete": "Ben"], startedAt: "2026-11-04T08:00:00.000Z")
        partnered.partner = "Sam, the partner"
        try DrillStoreTests.store(source, partnerDrill, partnered)
        let (gateRun, runs) = try simulatedSession("reactive-y", seed: 7, athletes: ["athlete": "Ben"], startedAt: "2026-11-05T08:00:00.000Z")
        try DrillStoreTests.store(source, gateRun, runs)
        #expect(partnered.trials.contains { $0.partnerSwitch != nil } && runs.trials.contains { $0.sides[0].totalTimeNanoseconds != nil })
        var first: [UInt8] = []
        _ = try source.export(SessionFilter(), format: format) { first += $0 }
        let copy = try Store(path: temporaryDatabase())
        _ = try copy.importSessions(try ExportReader.sessions(from: first, file: "trials"))
        var second: [UInt8] = []
        _ = try copy.export(SessionFilter(), format: format) { second += $0 }
        #expect(first.count > 1000)
        #expect(first == second)
        let imported = try copy.sessions(SessionFilter()).map { try copy.session(id: $0.id) }
        #expect(imported.contains { $0.result.partner == "Sam, the partner" && $0.result.trials == partnered.trials })
        #expect(imported.contains { $0.result.trials == runs.trials })
    }

    @Test("SHA-256 gives the NIST known answers")
    func sha256KnownAnswers() {
        // FIPS 180-2 / NIST CSRC examples: "abc", the empty string, the two-block message, a million 'a's.
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // 55 and 56 bytes: the padding boundary, where one block becomes two.
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }
}
