import DrillCore
import DrillStats
import DrillStore

/// The sessions list and one session's page with every trial.
enum SessionPages {
    static func index(_ sessions: [SessionListing], station: String) -> String {
        let rows = sessions.map { session -> [String] in
            let who = session.sides.map { side in
                "<a href=\"/athletes/\(escapeURLComponent(side.athlete))\">\(escapeHTML(side.athlete))</a>"
            }.joined(separator: " vs ")
            let medians = session.sides.map { WebFormat.milliseconds($0.medianMilliseconds) }.joined(separator: " / ")
            return [
                "<a href=\"/sessions/\(session.id)\">#\(session.id)</a>", WebFormat.dateTime(milliseconds: session.startedAtMilliseconds),
                "<a href=\"/leaderboard/\(escapeURLComponent(session.profile))\">\(escapeHTML(session.profile))</a> v\(session.profileVersion)",
                who, "<span class=\"status \(session.status)\">\(session.status)</span>", session.plannedTrials > 0 ? "\(session.trials)/\(session.plannedTrials)" : "\(session.trials)", medians,
                session.flaggedTrials > 0 ? "\(session.flaggedTrials)" : "",
            ]
        }
        let body = sessions.isEmpty
            ? "<p class=\"empty\">No sessions stored yet.</p>"
            : htmlTable(["session", "started", "drill", "athletes", "status", "trials", "median (ms)", "flagged"], rows, id: "sessions", numericColumns: [5, 6, 7])
        let downloads = sessions.isEmpty ? "" : """

            <p class="downloads">For a spreadsheet: <a href="/api/export?summary=1&amp;format=csv">one row per session (CSV, ms)</a> · \
            <a href="/api/export?format=csv">every trial (CSV)</a></p>
            """
        return HTMLPage.render(title: "Sessions", section: .sessions, station: station, body: "<h1>Sessions</h1>\n" + body + downloads)
    }

    static func session(_ view: SessionView, station: String) -> String {
        let stored = view.session
        let result = stored.result
        let sideOrder = result.athletes.keys.sorted()
        var body = "<h1>Session \(stored.id) <small>\(escapeHTML(result.profileTitle)) · \(escapeHTML(result.profileName)) v\(result.profileVersion)</small></h1>\n"
        var facts = [
            WebFormat.dateTime(milliseconds: stored.startedAtMilliseconds), "station \(escapeHTML(result.station))", "seed \(result.seed)",
            "<span class=\"status \(stored.status.rawValue)\">\(stored.status.rawValue)</span>",
        ]
        if let reason = stored.endReason, stored.status != .complete { facts.append(escapeHTML(reason)) }
        if let partner = result.partner { facts.append("partner \(escapeHTML(partner))") }
        body += "<p class=\"lead\">\(facts.joined(separator: " · "))</p>\n"
        body += scoreLine(view.summary, athletes: result.athletes)
        body += statistics(view.summary, athletes: result.athletes)
        if let pace = view.summary.partner {
            body += """
                <section class="partner"><h2>Partner</h2>
                <p>\(escapeHTML(pace.sentence(partnerName: result.partner)))</p>
                <p class="note">The partner's move is each cue. The interval is from one cue to the next, the wait from the moment a trial \
                began to the partner's move. A partner whose timing is very even can be anticipated, a very uneven one makes sessions hard \
                to compare: CV (the spread as a share of the mean) shows which.</p></section>

                """
        }
        let showTotals = sideOrder.count == 1 && result.trials.contains { $0.sides.contains { $0.totalTimeNanoseconds != nil } }
        body += "<h2>Trials</h2>\n"
        var headers = ["#", "block", "set", "kind", "cue", "foreperiod (ms)"]
        for side in sideOrder {
            let name = result.athletes[side] ?? side
            headers += sideOrder.count > 1 ? ["\(name): outcome", "\(name): RT (ms)"] : ["outcome", "RT (ms)"]
        }
        if showTotals { headers.append("total (ms)") }
        let headToHead = sideOrder.count > 1
        if headToHead { headers.append("winner") }
        headers += ["lateness (µs)", "flags"]
        let rows = result.trials.map { trial -> [String] in
            var cells = [
                "\(trial.planned.index + 1)", escapeHTML(trial.planned.blockName), "\(trial.planned.set)", trial.planned.kind.rawValue,
                escapeHTML(trial.planned.cueName ?? "–"), "\(trial.planned.foreperiodMilliseconds)",
            ]
            for side in sideOrder {
                let outcome = trial.sides.first { $0.side == side }
                cells.append(outcome.map { "<span class=\"outcome \($0.outcome.rawValue)\">\(escapeHTML($0.outcome.label))</span>" } ?? "")
                cells.append(outcome.flatMap { result in
                    result.outcome == .falseStart ? nil : result.reactionTimeNanoseconds.map { WebFormat.milliseconds(Double($0) / 1e6) }
                } ?? "")
            }
            if showTotals {
                cells.append(trial.sides.first?.totalTimeNanoseconds.map { WebFormat.milliseconds(Double($0) / 1e6) } ?? "")
            }
            if headToHead {
                let winners = trial.winners.map { escapeHTML(result.athletes[$0] ?? $0) }
                cells.append(winners.isEmpty ? "–" : winners.count == 1 ? winners[0] : "tie: " + winners.joined(separator: ", "))
            }
            cells.append(trial.timing.schedulerLatenessNanoseconds.map { String(format: "%.1f", Double($0) / 1e3) } ?? "")
            cells.append(escapeHTML(trial.timing.flags.map(\.rawValue).joined(separator: ", ")))
            return cells
        }
        let extra = (headToHead ? 1 : 0) + (showTotals ? 1 : 0)
        let numeric = Set([0, 2, 5] + sideOrder.indices.map { 7 + 2 * $0 } + (showTotals ? [8] : []) + [6 + 2 * sideOrder.count + extra])
        body += htmlTable(headers, rows, id: "trials", numericColumns: numeric)
        body += "\n<p><a href=\"/api/sessions/\(stored.id)/trials.csv\">Download the trials (CSV)</a> · <a href=\"/api/sessions/\(stored.id)\">JSON</a></p>"
        return HTMLPage.render(title: "Session \(stored.id)", section: .sessions, station: station, body: body)
    }

    /// The drill's score, large, for each side (head-to-head: with the wins), and what it means.
    private static func scoreLine(_ summary: SessionSummary, athletes: [String: String]) -> String {
        guard !summary.sides.isEmpty else { return "" }
        let parts = summary.sides.map { side in
            let name = escapeHTML(athletes[side.side] ?? side.side)
            let value = side.score.map(summary.score.format) ?? "–"
            let wins = summary.score != .wins && side.wins != nil ? " · \(side.wins!) wins" : ""
            return "<span class=\"score\"><span class=\"label\">\(name)</span> <strong>\(escapeHTML(value))</strong>\(wins)</span>"
        }
        return """
            <section class="scores"><h2>Score: \(escapeHTML(summary.score.title))</h2>
            <p class="score-values">\(parts.joined(separator: " "))</p>
            <p class="note">\(escapeHTML(summary.score.explanation))</p></section>

            """
    }

    /// One column of figures per side.
    private static func statistics(_ summary: SessionSummary, athletes: [String: String]) -> String {
        guard !summary.sides.isEmpty else { return "" }
        var lines: [(String, (SessionStatistics) -> String)] = [
            ("valid trials", { "\($0.validCount)/\($0.trials)" }),
            ("median RT (ms)", { WebFormat.milliseconds($0.medianMilliseconds) }),
            ("mean RT (ms)", { WebFormat.milliseconds($0.meanMilliseconds) }),
            ("SD (ms)", { WebFormat.milliseconds($0.standardDeviationMilliseconds) }),
            ("IQR (ms)", { WebFormat.milliseconds($0.interquartileRangeMilliseconds) }),
            ("speed, mean 1/RT (1/s)", { WebFormat.speed($0.meanSpeed) }),
            ("fastest 10 % (ms)", { WebFormat.milliseconds($0.fastest10PercentMilliseconds) }),
            ("slowest 10 % (ms)", { WebFormat.milliseconds($0.slowest10PercentMilliseconds) }),
            ("lapses", { "\($0.lapses) (≥ \(WebFormat.milliseconds($0.lapseThresholdMilliseconds)) ms)" }),
            ("anticipations", { "\($0.anticipations)" }),
            ("false starts", { "\($0.falseStarts)" }),
            ("misses", { "\($0.misses)" }),
            ("errors", { "\($0.errors)" }),
            ("accuracy", { WebFormat.percent($0.accuracy) }),
            ("d′", { $0.dPrime.map { String(format: "%.2f", $0.value) } ?? "–" }),
            ("time on task (ms/min)", { WebFormat.signed($0.timeOnTaskSlopeMillisecondsPerMinute) }),
        ]
        if summary.sides.contains(where: { $0.medianMovementMilliseconds != nil }) {
            lines.insert(("median movement (ms)", { WebFormat.milliseconds($0.medianMovementMilliseconds) }), at: 2)
        }
        if summary.sides.contains(where: { $0.medianTotalMilliseconds != nil }) {
            lines.insert(("median total time (ms)", { WebFormat.milliseconds($0.medianTotalMilliseconds) }), at: 2)
            lines.insert(("best total time (ms)", { WebFormat.milliseconds($0.bestTotalMilliseconds) }), at: 3)
        }
        let headers = [""] + summary.sides.map { athletes[$0.side] ?? $0.side }
        let rows = lines.map { name, value in [escapeHTML(name)] + summary.sides.map { value($0) } }
        let terms: [Glossary.Term] = [.interquartileRange, .speed, .lapses]
            + (summary.sides.contains { $0.dPrime != nil } ? [.dPrime] : []) + [.timeOnTask]
        return htmlTable(headers, rows, id: "statistics", numericColumns: Set(1...summary.sides.count)) + Glossary.html(terms)
    }
}
