import Foundation
import Testing

/// Debian's headless Chromium, if installed (`make test` installs it and sets
/// SNAPCUE_REQUIRE_BROWSER=1, so CI never skips these tests).
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
let browserRequired = ProcessInfo.processInfo.environment["SNAPCUE_REQUIRE_BROWSER"] == "1"

/// Where the screenshots go (kept after the run, for people and CI artifacts).
let screenshotFolder = packageRoot + "/.build/browser-screenshots"

/// Runs headless Chromium on `url`: the DOM after its scripts ran, and a screenshot if asked.
func browse(_ url: String, screenshot: String? = nil, width: Int = 1280, height: Int = 1200) throws -> String {
    guard let chromium else { throw CLIFailure("Chromium is not installed: apt-get install chromium (make test does)") }
    var arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
        // --timeout, not --virtual-time-budget: the live view keeps an event stream open, and virtual
        // time would wait for it forever.
        "--timeout=3000", "--window-size=\(width),\(height)",
    ]
    if let screenshot {
        try FileManager.default.createDirectory(atPath: screenshotFolder, withIntermediateDirectories: true)
        arguments.append("--screenshot=\(screenshotFolder)/\(screenshot)")
    } else {
        arguments.append("--dump-dom")
    }
    // The DOM goes to a file, not a pipe: Chromium's helper processes inherit the pipe and can hold it open.
    let dump = NSTemporaryDirectory() + "snapcue-dom-\(UUID().uuidString).html"
    _ = FileManager.default.createFile(atPath: dump, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: dump) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = arguments + [url]
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: dump))
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
        process.terminate()
        throw CLIFailure("chromium did not finish within 60 s on \(url)")
    }
    guard process.terminationStatus == 0 else { throw CLIFailure("chromium exited \(process.terminationStatus) on \(url)") }
    return try String(contentsOfFile: dump, encoding: .utf8)
}

/// The text of every `<td>` in the table with `id`, row by row.
func tableRows(_ html: String, id: String) -> [[String]] {
    guard let start = html.range(of: "<table id=\"\(id)\""), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return [] }
    let table = html[start.upperBound..<end.lowerBound]
    return table.components(separatedBy: "<tr>").dropFirst(2).map { row in
        row.components(separatedBy: "<td").dropFirst().map { cell in
            let inner = cell.drop { $0 != ">" }.dropFirst()
            let text = inner.components(separatedBy: "</td>").first ?? ""
            return text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression).trimmingCharacters(in: .whitespaces)
        }
    }
}

/// Runs one of Tests/browser/'s WebDriver scripts; returns its JSON lines (one per page or step).
/// A script that fails is a test failure naming what it printed.
func runBrowserScript(_ name: String, _ arguments: [String]) throws -> [[String: Any]] {
    try FileManager.default.createDirectory(atPath: screenshotFolder, withIntermediateDirectories: true)
    let output = Pipe()
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    script.arguments = [packageRoot + "/Tests/browser/\(name)"] + arguments
    script.standardOutput = output
    try script.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    #expect(script.terminationStatus == 0, "\(name) failed (chromium-driver and python3-selenium are installed by make test): \(text)")
    return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
}

/// The steps a flow script reported, by name.
func stepsByName(_ lines: [[String: Any]]) -> [String: [String: Any]] {
    Dictionary(lines.compactMap { line in (line["step"] as? String).map { ($0, line) } }, uniquingKeysWith: { $1 })
}

@Suite("The web app in a real browser (headless Chromium)", .serialized, .enabled(if: chromium != nil || browserRequired))
struct BrowserTests {
    /// A server over a database with Ana (4 sessions) and Ben (2) in choice-4.
    static func server() throws -> RunningServer {
        let database = freshDatabase()
        for (athlete, seeds) in [("Ana", [1, 2, 3, 4]), ("Ben", [5, 6])] {
            for seed in seeds {
                let run = try snapcue(["run", "Profiles/choice-4.yaml", "--virtual-athlete", "--fast", "--athlete", athlete, "--seed", "\(seed)", "--db", database])
                #expect(run.status == 0, "\(run.errorOutput)")
            }
        }
        return try RunningServer(["--db", database])
    }

    @Test("the leaderboard renders its table with the API's ranking and numbers; a screenshot is saved")
    func leaderboard() throws {
        let server = try Self.server()
        defer { _ = server.stop() }
        let api = try server.json("/api/leaderboard/choice-4?min_valid=5")
        let expected = try #require((api["leaderboard"] as? [String: Any])?["rows"] as? [[String: Any]])
        let dom = try browse(server.baseURL + "/leaderboard/choice-4?min_valid=5")
        let rows = tableRows(dom, id: "leaderboard")
        #expect(rows.count == expected.count && rows.count == 2)
        for (row, want) in zip(rows, expected) {
            #expect(row[1] == want["athlete"] as? String)
            #expect(row[3] == String(format: "%.1f", want["value"] as? Double ?? -1))
            #expect(row[4] == "\((want["best"] as? [String: Any])?["valid_count"] as? Int ?? -1)")
        }
        _ = try browse(server.baseURL + "/leaderboard/choice-4?min_valid=5", screenshot: "leaderboard.png", height: 700)
        let size = (try FileManager.default.attributesOfItem(atPath: screenshotFolder + "/leaderboard.png")[.size] as? Int) ?? 0
        #expect(size > 10_000)
    }

    @Test("an athlete page heads each drill with its title and renders the trend chart (a point per session, the personal best marked, a legend) and the sessions table")
    func athlete() throws {
        let server = try Self.server()
        defer { _ = server.stop() }
        let api = try server.json("/api/athletes/Ana?min_valid=5")
        let progress = try #require(((api["drills"] as? [[String: Any]])?.first)?["progress"] as? [String: Any])
        let best = try #require((progress["personal_best"] as? [String: Any])?["median_milliseconds"] as? Double)
        let dom = try browse(server.baseURL + "/athletes/Ana?min_valid=5")
        #expect(dom.contains("<svg class=\"chart trend\""))
        #expect(dom.components(separatedBy: " r=\"5\" data-session=\"").count - 1 == 4)
        #expect(dom.contains("session-point best"))
        #expect(dom.contains("<h2>Four-pad choice reaction <small>choice-4 v"))
        #expect(dom.contains("<ul class=\"legend\">") && dom.contains("personal best</li>") && dom.contains("one hit</li>"))
        #expect(dom.contains("<dt>Speed (1/s)</dt>"))
        #expect(dom.contains("data-median=\"\(String(format: "%.1f", best))\""))
        #expect(dom.contains("<svg class=\"chart distribution\""))
        #expect(dom.contains(String(format: "%.1f ms", best)))
        _ = try browse(server.baseURL + "/athletes/Ana?min_valid=5", screenshot: "athlete.png", height: 1700)
        #expect(FileManager.default.fileExists(atPath: screenshotFolder + "/athlete.png"))
    }

    @Test("the live view's script connects to the event stream and draws the last drill's picture, whatever the athlete's name")
    func live() throws {
        let server = try RunningServer(["--db", freshDatabase(), "--profiles", try shortDrillFolder()])
        defer { _ = server.stop() }
        let started = try server.request("POST", "/api/drills", body: #"{"profile": "short", "athletes": ["Lia <!--<script>"], "seed": 9}"#, token: server.token)
        #expect(started.status == 202)
        var waited = 0
        while try server.json("/api/live")["status"] as? String != "finished" && waited < 100 {
            Thread.sleep(forTimeInterval: 0.2)
            waited += 1
        }
        // The DOM is dumped when the page has loaded; the event stream opens just after, so a
        // few loads may be needed to catch the script's "live" (it proves the stream connected).
        var dom = ""
        for _ in 0..<8 {
            dom = try browse(server.baseURL + "/live")
            if dom.contains("class=\"connection\">live<") { break }
        }
        #expect(dom.contains("id=\"live-connection\" class=\"connection\">live<"))
        // A name like '<!--<script>' once swallowed the page's script; now it is text, and the script runs.
        #expect(dom.contains(">Short drill<") && dom.contains(">Lia &lt;!--&lt;script&gt;<"))
        #expect(dom.contains("id=\"live-progress\" class=\"big\">4/4<"))
        #expect(dom.components(separatedBy: "<li class=\"outcome").count - 1 == 4)
        _ = try browse(server.baseURL + "/live", screenshot: "live.png", height: 900)
    }

    /// The widths the pages must read at: a phone, a laptop and a gym TV.
    static let widths = [("phone", 390, 844), ("laptop", 1280, 800), ("tv", 1920, 1080)]

    @Test("a scored drill's session page and leaderboard lead with the score at phone, laptop and TV widths")
    func scoredPages() throws {
        let database = freshDatabase()
        for (athlete, seed) in [("Ana", 1), ("Ben", 2)] {
            let run = try snapcue(["run", "Profiles/batak-30.yaml", "--virtual-athlete", "--fast", "--athlete", athlete, "--seed", "\(seed)", "--db", database])
            #expect(run.status == 0, "\(run.errorOutput)")
        }
        let server = try RunningServer(["--db", database])
        defer { _ = server.stop() }
        let api = try server.json("/api/leaderboard/batak-30")
        let rows = try #require((api["leaderboard"] as? [String: Any])?["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        let best = Int(try #require(rows.first?["value"] as? Double))
        for (name, width, height) in Self.widths {
            let board = try browse(server.baseURL + "/leaderboard/batak-30", screenshot: nil, width: width, height: height)
            let shown = tableRows(board, id: "leaderboard")
            #expect(shown.count == 2 && shown.first?[3] == "\(best) hits", "\(name): \(shown)")
            let session = try browse(server.baseURL + "/sessions/\(rows.first?["best"].flatMap { ($0 as? [String: Any])?["session"] as? String } ?? "1")", width: width, height: height)
            #expect(session.contains("Score: hits") && session.contains("<strong>\(best) hits</strong>"), "\(name)")
            _ = try browse(server.baseURL + "/leaderboard/batak-30", screenshot: "leaderboard-batak-\(name).png", width: width, height: height)
        }
    }

    @Test("every page reads on a 390 px phone without scrolling sideways (a wide table scrolls in its own box), and at laptop and TV sizes; charts keep readable, unoverlapped labels and a legend")
    func pagesFitEveryScreen() throws {
        let database = freshDatabase()
        let runs: [[String]] = [
            ["Profiles/choice-4.yaml", "--athlete", "Ana", "--seed", "1"], ["Profiles/choice-4.yaml", "--athlete", "Ana", "--seed", "2"],
            ["Profiles/head-to-head.yaml", "--athlete", "Ana", "--athlete", "Ben", "--seed", "3"],
            ["Profiles/partner-mirror.yaml", "--athlete", "Ben", "--partner", "Sam", "--seed", "4"],
            ["Profiles/reactive-y.yaml", "--athlete", "Cleo", "--seed", "5"],
        ]
        for arguments in runs {
            let run = try snapcue(["run"] + arguments + ["--virtual-athlete", "--fast", "--db", database])
            #expect(run.status == 0, "\(run.errorOutput)")
        }
        let server = try RunningServer(["--db", database])
        defer { _ = server.stop() }
        let pages = ["/", "/leaderboard/choice-4", "/leaderboard/reactive-y", "/athletes", "/athletes/Ana", "/sessions"]
            + (1...runs.count).map { "/sessions/\($0)" } + ["/trainer", "/live"]
        let measured = try runBrowserScript("layout_check.py", [server.baseURL, screenshotFolder] + pages)
        #expect(measured.count == pages.count * Self.widths.count)
        for page in measured {
            let place = "\(page["page"] ?? "?") at \(page["size"] ?? "?")"
            let scrollWidth = page["scrollWidth"] as? Int ?? .max, clientWidth = page["clientWidth"] as? Int ?? 0
            #expect(scrollWidth <= clientWidth, "\(place): the page scrolls sideways (\(scrollWidth) > \(clientWidth) px): \(page["sticking"] ?? "")")
            #expect((page["sticking"] as? [String])?.isEmpty == true, "\(place): \(page["sticking"] ?? "")")
            guard let charts = page["charts"] as? Int, charts > 0 else { continue }
            // About 10 px type or more: a label's box is some 1.2 times its type size.
            let smallest = (page["smallestChartLabel"] as? NSNumber)?.doubleValue ?? 0
            #expect(smallest >= 12, "\(place): a chart label is drawn \(smallest) px tall")
            #expect(page["chartLabelOverlaps"] as? Int == 0, "\(place): chart labels overlap")
            #expect(page["chartsWithoutLegend"] as? Int == 0, "\(place): a chart has no legend")
        }
        let chartPages = measured.filter { ($0["charts"] as? Int ?? 0) > 0 }
        #expect(chartPages.count == Self.widths.count, "the athlete page's charts are measured at every size")
    }

    @Test("from a 390 px phone a trainer starts a drill (the message beside Start), the TV shows it with no navigation, Stop asks first, then the TV rotates the week's leaderboards")
    func phoneStartsTheTVShows() throws {
        let database = freshDatabase()
        for seed in ["1", "2"] {
            let run = try snapcue(["run", "Profiles/choice-4.yaml", "--virtual-athlete", "--fast", "--athlete", "Ana", "--seed", seed, "--db", database])
            #expect(run.status == 0, "\(run.errorOutput)")
        }
        let server = try RunningServer(["--db", database])
        defer { _ = server.stop() }
        let steps = stepsByName(try runBrowserScript("trainer_flow.py", [server.baseURL, server.token, screenshotFolder]))
        let start = try #require(steps["start"])
        #expect((start["message"] as? String)?.hasPrefix("Started Kim on Four-pad choice reaction.") == true, "\(start)")
        #expect((start["link"] as? String)?.hasSuffix("/live") == true && start["beside_button"] as? Bool == true, "\(start)")
        #expect(start["second_athlete_hidden_for_one_side"] as? Bool == true && start["second_athlete_shown_for_head_to_head"] as? Bool == true)
        #expect(start["page_scrolls_sideways"] as? Bool == false)
        let running = try #require(steps["tv-running"])
        #expect(running["navigation"] as? Bool == false && running["live_shown"] as? Bool == true && running["boards_shown"] as? Bool == false, "\(running)")
        #expect(running["title"] as? String == "Four-pad choice reaction" && running["fits"] as? Bool == true, "\(running)")
        let stop = try #require(steps["stop"])
        #expect((stop["question"] as? String)?.contains("trials done so far are kept") == true)
        #expect(stop["running_after_dismiss"] as? String == "running", "dismissing the question must not stop the drill: \(stop)")
        #expect((stop["message"] as? String)?.hasPrefix("Stopping") == true, "\(stop)")
        let idle = try #require(steps["tv-idle"])
        #expect(idle["boards_shown"] as? Bool == true && idle["live_shown"] as? Bool == false, "\(idle)")
        #expect((idle["board"] as? String)?.hasPrefix("Four-pad choice reaction") == true, "\(idle)")
        #expect((idle["heading_px"] as? Double ?? 0) >= 60 && (idle["row_px"] as? Double ?? 0) >= 40, "large type across the gym: \(idle)")
        #expect(idle["fits"] as? Bool == true, "\(idle)")
    }

    @Test("a coach builds, saves and runs a new drill from a 390 px phone: a located error as typed, a plan preview, an edited drill saved as its next version, a partner drill")
    func coachBuildsADrill() throws {
        let folder = NSTemporaryDirectory() + "snapcue-builder-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: packageRoot + "/Profiles", toPath: folder)
        let server = try RunningServer(["--db", freshDatabase(), "--profiles", folder])
        defer { _ = server.stop() }
        let steps = stepsByName(try runBrowserScript("builder_flow.py", [server.baseURL, server.token, screenshotFolder]))
        let check = try #require(steps["check"])
        let located = check["located_error"] as? String ?? ""
        #expect(located.hasPrefix("kim-drill.yaml:") && located.contains("padX") && located.contains("Fix:"), "\(check)")
        #expect((check["plan_items"] as? Int ?? 0) >= 12 && check["yaml_has_name"] as? Bool == true && check["page_scrolls_sideways"] as? Bool == false, "\(check)")
        #expect((steps["save-new"]?["message"] as? String)?.hasPrefix("Saved kim-drill v1") == true, "\(steps["save-new"] ?? [:])")
        let partner = try #require(steps["partner"])
        let partnerYAML = partner["yaml"] as? String ?? ""
        #expect(partnerYAML.contains("partner:") && partnerYAML.contains("map: {partner-left: right, partner-right: left}")
            && partnerYAML.contains("feints: [partner-feint]") && !partnerYAML.contains("foreperiod"), "\(partner)")
        #expect((partner["check"] as? String)?.hasPrefix("Ready") == true && partner["planned_fields_hidden"] as? Bool == true, "\(partner)")
        #expect((partner["message"] as? String)?.hasPrefix("Saved mirror-kim v1") == true, "\(partner)")
        let edit = try #require(steps["save-edit"])
        #expect((edit["note"] as? String)?.contains("makes it v2") == true, "\(edit)")
        #expect((edit["message"] as? String)?.hasPrefix("Saved choice-4 v2") == true && (edit["message"] as? String)?.contains("choice-4-v1.yaml.bak") == true, "\(edit)")
        let saved = try String(contentsOfFile: folder + "/choice-4.yaml", encoding: .utf8)
        #expect(saved.contains("\nversion: 2\n") && saved.contains("title: \"Four-pad choice, coach's cut\""), "\(saved)")
        #expect((steps["run"]?["message"] as? String)?.hasPrefix("Started Kim on Kim's drill.") == true, "\(steps["run"] ?? [:])")
    }

    @Test("the live view draws a rapid-fire colour drill: each side's running score, the count without a planned total")
    func liveScoredColourDrill() throws {
        let folder = NSTemporaryDirectory() + "snapcue-colours-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
            name: colours
            version: 1
            title: Colour rapid-fire
            score: hits
            cues:
              green: {light: {pad1: green}, expect: pad1}
              pick:  {light: {pad2: green, pad3: red}, expect: pad2}
            defaults: {timeout: 1s, rapid_fire: {gap: 100ms}}
            blocks:
              - duration: 3s
            """.write(toFile: folder + "/colours.yaml", atomically: true, encoding: .utf8)
        let server = try RunningServer(["--db", freshDatabase(), "--profiles", folder])
        defer { _ = server.stop() }
        let started = try server.request("POST", "/api/drills", body: #"{"profile": "colours", "athletes": ["Kim"], "seed": 4}"#, token: server.token)
        #expect(started.status == 202)
        var waited = 0
        while try server.json("/api/live")["status"] as? String != "finished" && waited < 100 {
            Thread.sleep(forTimeInterval: 0.2)
            waited += 1
        }
        let live = try server.json("/api/live")
        let side = try #require((live["sides"] as? [[String: Any]])?.first)
        let score = try #require(side["score"] as? String)
        #expect(score.hasSuffix("hits"))
        let completed = try #require(live["completed_trials"] as? Int)
        for (name, width, height) in Self.widths {
            var dom = ""
            for _ in 0..<8 {
                dom = try browse(server.baseURL + "/live", width: width, height: height)
                if dom.contains("class=\"connection\">live<") { break }
            }
            #expect(dom.contains("score \(score)") && dom.contains("· time up"), "\(name)")
            #expect(dom.contains("id=\"live-progress\" class=\"big\">\(completed)<"), "\(name)")
            _ = try browse(server.baseURL + "/live", screenshot: "live-colours-\(name).png", width: width, height: height)
        }
    }
}
