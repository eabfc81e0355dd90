import DrillCore
import DrillStats
import DrillStore

/// The leaderboards index and one drill's leaderboard.
enum LeaderboardPages {
    static func index(_ drills: [DrillOverview], station: String) -> String {
        let rows = drills.map { drill in
            [
                "<a href=\"/leaderboard/\(escapeURLComponent(drill.profile))\">\(escapeHTML(drill.title))</a>",
                escapeHTML(drill.profile), "v\(drill.latestVersion)", "\(drill.completeSessions)", "\(drill.athletes)",
                drill.lastSessionAtMilliseconds.map(WebFormat.dateTime(milliseconds:)) ?? "–",
            ]
        }
        let body = drills.isEmpty
            ? "<p class=\"empty\">No drills stored yet. Run one (<code>snapcue run</code>, or from the <a href=\"/trainer\">trainer page</a>) and its leaderboard appears here.</p>"
            : htmlTable(["drill", "profile", "version", "sessions", "athletes", "last session"], rows, id: "drills", numericColumns: [3, 4])
        return HTMLPage.render(title: "Leaderboards", section: .leaderboards, station: station, body: "<h1>Leaderboards</h1>\n" + body)
    }

    /// A leaderboard value as the pages show it (HTML-escaped).
    static func value(_ value: Double, metric: LeaderboardMetric, score: DrillScore) -> String {
        switch metric {
        case .median: WebFormat.milliseconds(value)
        case .speed: WebFormat.speed(value)
        case .accuracy: WebFormat.percent(value)
        case .score: escapeHTML(score.format(value))
        }
    }

    static func board(_ view: LeaderboardView, station: String) -> String {
        let metricName = [
            "median": "median RT (ms)", "speed": "speed (1/s)", "accuracy": "accuracy",
            "score": "score: \(view.score.title)",
        ]
        let rows = view.leaderboard.rows.map { row -> [String] in
            let value = Self.value(row.value, metric: view.metric, score: view.score)
            return [
                "\(row.rank)", "<a href=\"/athletes/\(escapeURLComponent(row.athlete))\">\(escapeHTML(row.athlete))</a>",
                escapeHTML(row.team ?? ""), "<span class=\"metric\">\(value)</span>", "\(row.best.validCount)",
                "<a href=\"/sessions/\(row.best.session)\">#\(row.best.session)</a>", WebFormat.date(milliseconds: row.best.startedAtMilliseconds),
                "\(row.countingSessions)", escapeHTML(row.tieBrokenBy ?? ""),
            ]
        }
        let teamOptions = (["<option value=\"\">all teams</option>"] + view.teams.map { team in
            "<option\(team.lowercased() == view.team?.lowercased() ? " selected" : "")>\(escapeHTML(team))</option>"
        }).joined()
        let metricOptions = LeaderboardMetric.allCases.map { metric in
            "<option value=\"\(metric.rawValue)\"\(metric == view.metric ? " selected" : "")>\(metricName[metric.rawValue] ?? metric.rawValue)</option>"
        }.joined()
        let versionOptions = view.versions.map { version in
            "<option value=\"\(version)\"\(version == view.version ? " selected" : "")>v\(version)</option>"
        }.joined()
        let form = """
            <form class="filters" method="get">
            <label>Team <select name="team">\(teamOptions)</select></label>
            <label>Rank by <select name="metric">\(metricOptions)</select></label>
            <label>Version <select name="version">\(versionOptions)</select></label>
            <label>Min. valid trials <input type="number" name="min_valid" min="1" value="\(view.minValid)"></label>
            <button type="submit">Show</button>
            </form>
            """
        let title = view.title ?? view.profile
        let table = rows.isEmpty
            ? "<p class=\"empty\">No session qualifies yet (complete, with at least \(view.minValid) valid trials\(view.team.map { " in team \(escapeHTML($0))" } ?? "")).</p>"
            : htmlTable(
                ["rank", "athlete", "team", metricName[view.metric.rawValue] ?? view.metric.rawValue, "valid", "session", "date", "sessions", "tie broken by"],
                rows, id: "leaderboard", numericColumns: [0, 3, 4, 7])
        let body = """
            <h1>\(escapeHTML(title)) <small>\(escapeHTML(view.profile)) v\(view.version)</small></h1>
            \(form)
            \(table)
            \(view.metric == .score ? "<p class=\"note\">Score: \(escapeHTML(view.score.explanation))</p>" : "")\
            \(view.metric == .speed ? Glossary.html([.speed]) : "")
            <p class="note">Each athlete's best complete session counts. Equal values are separated by: more valid trials; \
            for accuracy, the lower median; the earlier session; the name.</p>
            <p><a href="/api/leaderboard/\(escapeURLComponent(view.profile))?metric=\(view.metric.rawValue)&amp;version=\(view.version)&amp;min_valid=\(view.minValid)\(view.team.map { "&amp;team=\(escapeURLComponent($0))" } ?? "")">JSON</a></p>
            """
        return HTMLPage.render(title: "\(title) leaderboard", section: .leaderboards, station: station, body: body)
    }
}
