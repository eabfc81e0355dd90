import DrillCore
import DrillStation
import DrillStore
import DrillTesting
import Foundation
import Testing

/// A fresh folder for one test's databases.
func scratchFolder() -> String {
    let folder = NSTemporaryDirectory() + "snapcue-station-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// A one-pad drill of `trials` trials.
func onePadDrill(trials: Int, intertrial: String = "1s") -> String {
    """
    name: pad-\(trials)
    version: 1
    cues:
      go: {light: pad, expect: pad}
    defaults: {timeout: 1s, intertrial: \(intertrial)}
    blocks:
      - {name: work, trials: \(trials), foreperiod: {distribution: uniform, min: 500ms, max: 1500ms}}
    """
}

/// Another program (python3's sqlite3) holding a database's write lock until released.
final class LockHolder {
    private let process = Process()
    private let input = Pipe()

    init(_ path: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN EXCLUSIVE')
            print('locked', flush=True)
            sys.stdin.read()
            c.execute('ROLLBACK')
            """, path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.contains("locked") else { throw StoreError("python3 could not lock \(path)") }
    }

    func release() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

@Suite("A drill on a station, in-process")
struct DrillStationTests {
    @Test("a whole drill stores every trial, each before the display sees it decided")
    func wholeDrillIsStored() throws {
        let store = try Store(path: scratchFolder() + "/results.db")
        var storedWhenShown: [Int] = []
        let run = try WholeDrill.run(profilePath: packageRoot + "/Profiles/choice-4.yaml", seed: 3, athletes: ["Ana"], store: store) { action in
            if case .trialDecided(let trial) = action {
                storedWhenShown.append((try? store.sessions().first?.trials) ?? 0)
                #expect(storedWhenShown.last == trial.planned.index + 1)
            }
        }
        #expect(run.session.end == .complete)
        let stored = try store.session(id: try #require(run.sessionID))
        #expect(stored.status == .complete)
        #expect(stored.result.trials == run.session.trials)
        #expect(storedWhenShown.count == run.session.trials.count)
    }

    @Test("a database that fails mid-drill: the trials go to a rescue database, which imports back whole")
    func rescueDatabase() throws {
        let folder = scratchFolder()
        let path = folder + "/results.db"
        let store = try Store(path: path, busyTimeout: 0.05)
        // Another program takes the write lock after the third trial and holds it to the end.
        var blocker: LockHolder?
        let profile = try WholeDrill.profileFile(onePadDrill(trials: 8))
        let run = try WholeDrill.run(profilePath: profile, seed: 5, athletes: ["Rui"], store: store, rescueFolder: folder) { action in
            if case .trialDecided(let trial) = action, trial.planned.index == 2, blocker == nil {
                blocker = try? LockHolder(path)
            }
        }
        try #require(blocker != nil)
        blocker?.release()
        #expect(run.warnings.contains { $0.contains("keeping this session in a rescue database") }, "\(run.warnings)")
        let note = try #require(run.notes.first { $0.contains("snapcue import") })
        let rescuePath = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("snapcue-rescue-") })
        #expect(note.contains(rescuePath))
        // The main database kept the first trials; the rescue holds the whole session.
        let rescue = try Store(path: folder + "/" + rescuePath)
        let rescued = try rescue.session(id: 1)
        #expect(rescued.result.trials == run.session.trials && rescued.status == .complete)
        let report = try store.importSessions(try rescue.allSessionsForImport())
        _ = report
        let merged = try store.sessions()
        #expect(merged.contains { $0.uuid == rescued.uuid && $0.trials == run.session.trials.count && $0.status == .complete })
    }

    @Test("a stop on a simulated clock ends the drill at once, as stopped, keeping only the trials shown")
    func stopOnSimulatedClock() throws {
        let store = try Store(path: scratchFolder() + "/results.db")
        let stop = StopSignal()
        var shown = 0
        let profile = try WholeDrill.profileFile(onePadDrill(trials: 5000, intertrial: "200ms"))
        let run = try WholeDrill.run(profilePath: profile, seed: 2, athletes: ["Ida"], store: store, stop: stop) { action in
            if case .trialDecided = action {
                shown += 1
                if shown == 10 { stop.request() }
            }
        }
        #expect(run.session.end == .stopped)
        let stored = try store.session(id: try #require(run.sessionID))
        #expect(stored.status == .aborted && stored.endReason == DrillEnd.stoppedReason)
        #expect(stored.result.trials.count == shown && shown == 10)
    }

    @Test("a typo of a known athlete is refused before any cue, with a web fix that names no flag")
    func typoOfKnownAthlete() throws {
        let store = try Store(path: scratchFolder() + "/results.db")
        try store.addAthlete(Athlete(name: "Ana"))
        let setup = try DrillSetup.load(profilePath: packageRoot + "/Profiles/quick-start.yaml", station: "sim", seed: 1, athleteNames: ["Anna"])
        #expect {
            try SessionKeeper(store: store, setup: setup, seedChosen: true, addNewAthletes: false)
        } throws: { error in
            guard let error = error as? any UserError else { return false }
            return error.kind == .conflict && error.fix?.contains("--add-athlete") == true && error.webFix?.contains("--") == false
        }
        #expect(try store.sessions().isEmpty)
    }

    @Test("the same athlete on both sides of a head-to-head drill is refused before any cue")
    func sameAthleteTwice() throws {
        #expect {
            try DrillSetup.load(profilePath: packageRoot + "/Profiles/head-to-head.yaml", station: "sim", seed: 1, athleteNames: ["Kim", "kim "])
        } throws: { error in
            (error as? any UserError)?.headline.contains("named on both sides") == true
        }
    }

    @Test("athlete names with control characters, NUL or 5 000 characters are refused with what to do")
    func hostileNames() throws {
        for name in ["Kim\u{1B}[2J", "Ki\u{0}m", String(repeating: "k", count: 5000), "Kim\u{202E}nap"] {
            #expect {
                try DrillSetup.load(profilePath: packageRoot + "/Profiles/quick-start.yaml", station: "sim", seed: 1, athleteNames: [name])
            } throws: { error in
                guard let error = error as? any UserError else { return false }
                return error.kind == .invalidInput && error.fix != nil
            }
        }
        let store = try Store(path: scratchFolder() + "/results.db")
        #expect(throws: StoreError.self) { try store.addAthlete(Athlete(name: "Ana\u{7}")) }
        #expect(throws: StoreError.self) { try store.addAthlete(Athlete(name: "Ana", team: "U17\u{1B}")) }
    }
}
