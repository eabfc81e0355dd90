import Foundation
import Testing

/// A fresh database path for one test.
func freshDatabase() -> String {
    let folder = NSTemporaryDirectory() + "snapcue-cli-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder + "/results.db"
}

/// Parses a command's JSON output.
func json(_ result: CommandResult) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(result.output.utf8))
}

@Suite("Stored results from the command line", .serialized)
struct StoreCLITests {
    @Test("athletes add and list; a second athlete of the same name (any case) is refused with exit 2")
    func athletes() throws {
        let db = freshDatabase()
        #expect(try snapcue("athletes", "add", "Maya Lind", "--team", "U17", "--birth-year", "2009", "--hand", "left", "--db", db).status == 0)
        let duplicate = try snapcue("athletes", "add", "maya lind", "--db", db)
        #expect(duplicate.status == 2 && duplicate.errorOutput.contains("already exists"))
        let list = try json(try snapcue("athletes", "list", "--json", "--db", db)) as? [[String: Any]]
        #expect(list?.first?["team"] as? String == "U17" && list?.first?["handedness"] as? String == "left")
    }

    @Test("drills are stored; sessions, stats, trend and leaderboard read them, also as JSON")
    func reports() throws {
        let db = freshDatabase()
        for (athlete, seed) in [("Ana", "1"), ("Ben", "2"), ("Ana", "3")] {
            let run = try snapcue("run", "Profiles/choice-4.yaml", "--virtual-athlete", "--fast", "--seed", seed, "--athlete", athlete, "--db", db)
            #expect(run.status == 0, "\(run.errorOutput)")
            #expect(run.errorOutput.contains("saved as session"))
        }
        let sessions = try json(try snapcue("sessions", "list", "--json", "--db", db)) as? [[String: Any]]
        #expect(sessions?.count == 3)
        let show = try snapcue("sessions", "show", "1", "--db", db)
        #expect(show.status == 0 && show.output.contains("Summary: Four-pad choice reaction") && show.output.contains("trial"))
        let stats = try json(try snapcue("stats", "--athlete", "ana", "--json", "--db", db)) as? [String: Any]
        let drills = stats?["drills"] as? [[String: Any]]
        #expect(stats?["athlete"] as? String == "Ana" && (drills?.first?["sessions"] as? [Any])?.count == 2)
        let trend = try snapcue("trend", "--athlete", "Ana", "--db", db)
        #expect(trend.status == 0 && trend.output.contains("Theil–Sen trend"))
        let board = try json(try snapcue("leaderboard", "--profile", "choice-4", "--min-valid", "5", "--json", "--db", db)) as? [String: Any]
        let rows = (board?["leaderboard"] as? [String: Any])?["rows"] as? [[String: Any]]
        #expect(Set(rows?.compactMap { $0["athlete"] as? String } ?? []) == ["Ana", "Ben"])
        #expect(rows?.map { $0["rank"] as? Int } == [1, 2])
    }

    @Test("unknown athlete, profile, team or session: a clear error and exit 2")
    func unknowns() throws {
        let db = freshDatabase()
        _ = try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--seed", "1", "--athlete", "Jonas", "--db", db)
        let athlete = try snapcue("stats", "--athlete", "Jonah", "--db", db)
        #expect(athlete.status == 2 && athlete.errorOutput.contains("did you mean 'Jonas'"))
        let profile = try snapcue("leaderboard", "--profile", "quick-stat", "--db", db)
        #expect(profile.status == 2 && profile.errorOutput.contains("did you mean 'quick-start'"))
        let team = try snapcue("leaderboard", "--profile", "quick-start", "--team", "Nope", "--db", db)
        #expect(team.status == 2 && team.errorOutput.contains("no athletes in team"))
        let session = try snapcue("sessions", "show", "99", "--db", db)
        #expect(session.status == 2 && session.errorOutput.contains("no session 99"))
        let typo = try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--athlete", "Jonass", "--db", db)
        #expect(typo.status == 2 && typo.errorOutput.contains("did you mean 'Jonas'") && typo.errorOutput.contains("--add-athlete"))
        let missing = try snapcue("sessions", "list", "--db", freshDatabase())
        #expect(missing.status == 0 && missing.output.contains("No sessions"))
    }

    @Test("a corrupt or newer-schema database is refused with exit 2 and what to do")
    func badDatabases() throws {
        let corrupt = freshDatabase()
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: corrupt))
        let result = try snapcue("sessions", "list", "--db", corrupt)
        #expect(result.status == 2 && result.errorOutput.contains("damaged") && result.errorOutput.contains("fix:"))
        let drill = try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--db", corrupt)
        #expect(drill.status == 2 && !drill.output.contains("trial 1/"))  // refused before any cue
    }

    @Test("export to CSV, import into another database: the same sessions; importing again adds none")
    func exportImport() throws {
        let db = freshDatabase(), copy = freshDatabase()
        for seed in ["4", "5"] {
            _ = try snapcue("run", "Profiles/go-nogo.yaml", "--virtual-athlete", "--fast", "--seed", seed, "--athlete", "Cleo", "--db", db)
        }
        let file = NSTemporaryDirectory() + "snapcue-export-\(UUID().uuidString).csv"
        let export = try snapcue("export", "--format", "csv", "--output", file, "--db", db)
        #expect(export.status == 0 && export.errorOutput.contains("rows written"))
        let first = try snapcue("import", file, "--db", copy)
        #expect(first.status == 0 && first.output.contains("2 session(s) added") && first.output.contains("new athletes: Cleo"))
        let again = try snapcue("import", file, "--db", copy)
        #expect(again.output.contains("0 session(s) added") && again.output.contains("2 already here"))
        let original = try snapcue("export", "--format", "json", "--db", db).output
        let copied = try snapcue("export", "--format", "json", "--db", copy).output
        #expect(original == copied)
        let merged = try snapcue("import", db, "--db", freshDatabase())  // another station's database, directly
        #expect(merged.status == 0 && merged.output.contains("2 session(s) added"))
    }

    @Test("export --summary: one row per session in ms with the drill's score, for a spreadsheet")
    func exportSummary() throws {
        let db = freshDatabase()
        for seed in ["4", "5"] {
            _ = try snapcue("run", "Profiles/go-nogo.yaml", "--virtual-athlete", "--fast", "--seed", seed, "--athlete", "Cleo", "--db", db)
        }
        let result = try snapcue("export", "--summary", "--db", db)
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("session,session_uuid,date,athlete,team,side,drill,drill_version,drill_title,status,score_name,score,score_unit,"))
        #expect(lines[1].contains(",Cleo,") && lines[1].contains(",go-nogo,") && lines[1].contains(",median_rt,"))
    }

    @Test("stats fits 100 columns: a wide table comes in parts, each led by the session's number; headings name the drill's title")
    func statsFitsAHundredColumns() throws {
        let db = freshDatabase()
        for (profile, seed) in [("reactive-y", "1"), ("reactive-y", "2"), ("go-nogo", "3")] {
            let run = try snapcue("run", "Profiles/\(profile).yaml", "--virtual-athlete", "--fast", "--seed", seed, "--athlete", "Dee", "--db", db)
            #expect(run.status == 0, "\(run.errorOutput)")
        }
        let stats = try snapcue("stats", "--athlete", "Dee", "--db", db)
        #expect(stats.status == 0, "\(stats.errorOutput)")
        let lines = stats.output.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 100, "\(line.count) columns: \(line)") }
        #expect(stats.output.contains("Dee · Reactive Y agility (reactive-y v"))
        // Every column is still there: the gate runs' totals, the scores and the errors' table.
        for header in ["score", "median", "move", "total", "fast 10%", "lapses", "accuracy", "d′", "ToT ms/min"] {
            #expect(lines.contains { $0.contains(header) }, "no column \(header)")
        }
        let headerRows = lines.filter { $0.hasPrefix("    #") || $0.hasPrefix("  #") }
        #expect(headerRows.count >= 4, "the two drills' tables, each in two parts or more:\n\(stats.output)")
    }

    @Test("the end of a stored drill compares it with the athlete's last session, personal best and MDC")
    func endSummaryComparesWithHistory() throws {
        let db = freshDatabase()
        var outputs: [String] = []
        for seed in ["11", "12", "13", "14"] {
            let run = try snapcue("run", "Profiles/quick-start.yaml", "--virtual-athlete", "--fast", "--seed", seed, "--athlete", "Eli", "--db", db)
            #expect(run.status == 0, "\(run.errorOutput)")
            outputs.append(run.output)
        }
        #expect(outputs[0].contains("Eli against their history of this drill:"))
        #expect(outputs[0].contains("the first counted session, the next one is compared with it"))
        #expect(outputs[1].contains("than last session (") || outputs[1].contains("the same as last session"))
        #expect(outputs[1].contains("the day-to-day noise (MDC) is known from the third counted session on"))
        #expect(outputs[1].contains("a new personal best") || outputs[1].contains("personal best ") )
        #expect(outputs[3].contains("the day-to-day noise (MDC "), "\(outputs[3])")
        // The figures are the ones stats reports.
        let stats = try snapcue("stats", "--athlete", "Eli", "--db", db, "--json")
        let drills = try #require((try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any])?["drills"] as? [[String: Any]])
        let progress = try #require(drills.first?["progress"] as? [String: Any])
        let mdc = try #require(progress["minimal_detectable_change_milliseconds"] as? Double)
        #expect(outputs[3].contains(String(format: "(MDC %.1f ms)", mdc)), "\(outputs[3])")
    }

    @Test("a drill with its own score ends with the score against the last session's and the best before")
    func endSummaryComparesTheScore() throws {
        let db = freshDatabase()
        var outputs: [String] = []
        for seed in ["21", "22", "23"] {
            let run = try snapcue("run", "Profiles/batak-30.yaml", "--virtual-athlete", "--fast", "--seed", seed, "--athlete", "Fay", "--db", db)
            #expect(run.status == 0, "\(run.errorOutput)")
            outputs.append(run.output)
        }
        #expect(!outputs[0].contains("  score (hits)"))
        for output in outputs.dropFirst() {
            let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("  score (hits) ") }, "\(output)")
            #expect(line.contains("than last session (") || line.contains("the same as last session"), "\(line)")
            #expect(line.contains("a new best") || line.contains("best before "), "\(line)")
        }
    }

    @Test("kill -9 mid-drill loses no completed trial, and the session shows as aborted")
    func crashSafety() throws {
        let db = freshDatabase()
        let drill = try snapcueProcess(["run", "Profiles/quick-start.yaml", "--virtual-athlete", "--seed", "8", "--athlete", "Dana", "--db", db])
        var stored = 0
        let deadline = Date().addingTimeInterval(60)
        while stored < 3 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.3)
            let list = try? json(try snapcue("sessions", "list", "--json", "--db", db)) as? [[String: Any]]
            stored = list?.first?["trials"] as? Int ?? 0
        }
        kill(drill.processIdentifier, SIGKILL)
        drill.waitUntilExit()
        #expect(drill.terminationReason == .uncaughtSignal)
        let show = try json(try snapcue("sessions", "show", "1", "--json", "--db", db)) as? [String: Any]
        let session = show?["session"] as? [String: Any]
        let trials = (session?["result"] as? [String: Any])?["trials"] as? [Any]
        #expect(session?["status"] as? String == "aborted")
        #expect((session?["end_reason"] as? String)?.contains("interrupted") == true)
        #expect((trials?.count ?? 0) >= 3)
    }
}
