/// The live view of the running drill, made to be read across a gym on a TV:
/// the cue as big coloured blocks, the last reaction time in huge digits,
/// progress, and each athlete's running median. It updates from
/// `/api/live/events` (server-sent events) and works without any asset from
/// outside the station.
enum LivePage {
    static func render(_ state: LiveState, station: String) -> String {
        HTMLPage.render(title: "Live", section: .live, station: station, body: section(state), scripts: ["/assets/live.js"], bodyClass: "tv")
    }

    /// The live picture and its first state, for `/live` and the TV's `/tv`.
    static func section(_ state: LiveState) -> String {
        """
            <section id="live" class="live" data-status="\(state.status.rawValue)" aria-live="polite">
            <div class="live-head"><h1 id="live-title">\(escapeHTML(state.drill?.title ?? "No drill running"))</h1>
            <p id="live-who" class="who">\(escapeHTML(state.drill?.athletes.map(\.athlete).joined(separator: " vs ") ?? ""))</p></div>
            <div id="live-cue" class="cue-area" data-phase="\(state.phase.rawValue)"><span class="phase-text">\(phaseText(state))</span></div>
            <div class="live-numbers">
            <div><span class="label">last</span><span id="live-last" class="big">\(lastText(state))</span><span id="live-last-outcome" class="outcome-text">\(escapeHTML(state.last?.label ?? ""))</span></div>
            <div><span class="label">trial</span><span id="live-progress" class="big">\(state.drill.map { $0.plannedTrials > 0 ? "\(state.completedTrials)/\($0.plannedTrials)" : "\(state.completedTrials)" } ?? "–")</span><span id="live-set-counter" class="outcome-text">\(escapeHTML(state.setCounter ?? ""))</span></div>
            </div>
            <div class="progress"><div id="live-bar" style="width:\(progressPercent(state))%"></div></div>
            <table id="live-sides" class="live-sides"><tbody></tbody></table>
            <ol id="live-recent" class="recent"></ol>
            <p id="live-connection" class="connection">connecting…</p>
            </section>
            <script id="live-initial" type="application/json">\(initialJSON(state))</script>
            """
    }

    private static func phaseText(_ state: LiveState) -> String {
        switch state.phase {
        case .ready: state.status == .idle ? "waiting for a drill" : "get ready"
        case .foreperiod: "wait…"
        case .cue: "GO"
        case .responding: "…"
        case .waitingForHome: "hold the home pad"
        case .waitingForStart: "run through the start gate"
        case .waitingForPartner: "watch your partner"
        case .rest: "rest"
        case .done: escapeHTML(state.end == "complete" ? "done" : "stopped: \(state.end ?? "")")
        }
    }

    private static func lastText(_ state: LiveState) -> String {
        guard let last = state.last else { return "–" }
        return last.reactionTimeMilliseconds.map { String(format: "%.0f", $0) } ?? "–"
    }

    private static func progressPercent(_ state: LiveState) -> Int {
        guard let planned = state.drill?.plannedTrials, planned > 0 else { return 0 }
        return min(100, state.completedTrials * 100 / planned)
    }

    /// The first picture, so the page is right before the event stream connects.
    private static func initialJSON(_ state: LiveState) -> String {
        (try? JSONResponse.embeddable(state)) ?? "{}"
    }
}
