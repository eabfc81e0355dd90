import DrillStats
import DrillStore

/// The athletes index and one athlete's progress page.
enum AthletePages {
    static func index(_ athletes: [AthleteOverview], team: String?, station: String) -> String {
        let rows = athletes.map { overview in
            [
                "<a href=\"/athletes/\(escapeURLComponent(overview.athlete.name))\">\(escapeHTML(overview.athlete.name))</a>",
                escapeHTML(overview.athlete.team ?? ""), overview.athlete.birthYear.map(String.init) ?? "",
                overview.athlete.handedness?.rawValue ?? "", "\(overview.completeSessions)",
                overview.lastSessionAtMilliseconds.map(WebFormat.dateTime(milliseconds:)) ?? "–",
            ]
        }
        let body = athletes.isEmpty
            ? "<p class=\"empty\">No athletes\(team.map { " in team \(escapeHTML($0))" } ?? "") yet.</p>"
            : htmlTable(["athlete", "team", "born", "hand", "sessions", "last session"], rows, id: "athletes", numericColumns: [4])
        return HTMLPage.render(title: "Athletes", section: .athletes, station: station, body: "<h1>Athletes\(team.map { " · \(escapeHTML($0))" } ?? "")</h1>\n" + body)
    }

    static func athlete(_ view: AthleteView, distributions: [String: [DistributionChartSVG.Column]], station: String) -> String {
        let athlete = view.athlete
        var details: [String] = []
        if let team = athlete.team { details.append("team \(escapeHTML(team))") }
        if let year = athlete.birthYear { details.append("born \(year)") }
        if let hand = athlete.handedness { details.append("\(hand.rawValue)-handed") }
        var body = "<h1>\(escapeHTML(athlete.name))</h1>\n"
        if !details.isEmpty { body += "<p class=\"lead\">\(details.joined(separator: " · "))</p>\n" }
        if view.drills.isEmpty { body += "<p class=\"empty\">No complete sessions yet.</p>\n" }
        for drill in view.drills {
            let key = "\(drill.profile) v\(drill.profileVersion)"
            body += "<section class=\"drill\" data-profile=\"\(escapeHTML(drill.profile))\">\n"
            body += "<h2>\(escapeHTML(drill.title)) <small>\(escapeHTML(drill.profile)) v\(drill.profileVersion) · \(drill.progress.entries.count) session(s)</small></h2>\n"
            body += figures(drill.progress, minValid: view.minValid)
            if drill.progress.minimalDetectableChangeMilliseconds != nil { body += Glossary.html([.minimalDetectableChange]) }
            body += "<h3>Median RT per session (ms)</h3>\n"
            body += TrendChartSVG.render(drill.progress, title: "\(athlete.name): median RT per session in \(key)")
            body += "\n<h3>Reaction times within each session (ms)</h3>\n"
            body += DistributionChartSVG.render(distributions[key] ?? [], title: "\(athlete.name): reaction times per session in \(key)")
            body += "\n<h3>Sessions</h3>\n" + sessionsTable(drill.progress) + Glossary.html([.speed])
            body += "</section>\n"
        }
        body += "<p><a href=\"/api/athletes/\(escapeURLComponent(athlete.name))\">JSON</a> · <a href=\"/api/export?athlete=\(escapeURLComponent(athlete.name))\">all trials (CSV)</a></p>"
        return HTMLPage.render(title: athlete.name, section: .athletes, station: station, body: body)
    }

    /// Personal best, trend, MDC and the latest change, in words.
    private static func figures(_ progress: AthleteProgress, minValid: Int) -> String {
        var items: [String] = []
        if let best = progress.personalBest {
            items.append("<div><dt>Personal best</dt><dd class=\"pb\">\(WebFormat.milliseconds(best.medianMilliseconds)) ms</dd><dd><a href=\"/sessions/\(best.session)\">session \(best.session)</a>, \(WebFormat.date(milliseconds: best.startedAtMilliseconds))</dd></div>")
        }
        if let trend = progress.trend {
            let interval = trend.fit.intervalIsValid
                ? "95 % CI \(WebFormat.signed(trend.fit.lowerSlope)) to \(WebFormat.signed(trend.fit.upperSlope)) · " : ""
            items.append("<div><dt>Trend</dt><dd class=\"trend\">\(WebFormat.signed(trend.fit.slope)) ms/\(trend.unit.rawValue)</dd><dd>\(interval)\(trend.direction.rawValue) · \(trend.sessions) sessions</dd></div>")
        } else {
            items.append("<div><dt>Trend</dt><dd>–</dd><dd>needs two sessions with ≥ \(minValid) valid trials</dd></div>")
        }
        if let mdc = progress.minimalDetectableChangeMilliseconds {
            let latest = progress.latestChangeMilliseconds.map { change in
                "latest change \(WebFormat.signed(change)) ms: " + (progress.isReal(change: change) == true ? "larger than the noise" : "within the noise")
            } ?? ""
            items.append("<div><dt>Smallest real change (MDC95)</dt><dd>\(WebFormat.milliseconds(mdc)) ms</dd><dd>\(latest)</dd></div>")
        }
        if progress.familiarisationExcluded {
            items.append("<div><dt>Familiarisation</dt><dd>first sessions left out of the trend</dd></div>")
        }
        return "<dl class=\"figures\">\(items.joined())</dl>\n"
    }

    private static func sessionsTable(_ progress: AthleteProgress) -> String {
        let rows = progress.entries.reversed().map { entry -> [String] in
            var notes: [String] = []
            if entry.familiarisation { notes.append("familiarisation") }
            if !entry.counted { notes.append("too few valid trials") }
            if entry.point == progress.personalBest { notes.append("personal best") }
            return [
                "<a href=\"/sessions/\(entry.point.session)\">#\(entry.point.session)</a>", WebFormat.dateTime(milliseconds: entry.point.startedAtMilliseconds),
                "\(entry.point.validCount)", WebFormat.milliseconds(entry.point.medianMilliseconds), WebFormat.speed(entry.point.meanSpeed),
                WebFormat.percent(entry.point.accuracy), notes.joined(separator: ", "),
            ]
        }
        return htmlTable(["session", "date", "valid", "median (ms)", "speed (1/s)", "accuracy", ""], rows, numericColumns: [2, 3, 4, 5])
    }
}
