import DrillCore
import DrillStats

/// The gym TV's kiosk page (`/tv`): no navigation, sized for 1080p and 4K.
/// While a drill runs it is the live picture; between drills it rotates the
/// leaderboards of the last week in large type (`/assets/tv.js` switches).
enum TVPage {
    /// One drill's leaderboard of the last week, its top rows.
    struct Board {
        var title: String
        var profile: String
        var version: Int
        var metric: LeaderboardMetric
        var score: DrillScore
        var rows: [Leaderboard.Row]
    }

    /// How many athletes each board shows (it must fit a TV without scrolling).
    static let rowsPerBoard = 8

    static func render(_ state: LiveState, boards: [Board], station: String) -> String {
        let idle = state.status != .running
        let boardsHTML: String = boards.enumerated().map { index, board -> String in
            let rows: String = board.rows.prefix(rowsPerBoard).map { row -> String in
                "<tr><td class=\"num\">\(row.rank)</td><td>\(escapeHTML(row.athlete))</td><td class=\"team\">\(escapeHTML(row.team ?? ""))</td>"
                    + "<td class=\"num metric\">\(value(row.value, of: board))</td></tr>"
            }.joined(separator: "\n")
            let measure = switch board.metric {
            case .score: board.score.title
            case .median: DrillScore.medianReactionTime.title
            case .speed: "speed (responses per second)"
            case .accuracy: DrillScore.accuracy.title
            }
            return """
                <div class="tv-board"\(index == 0 ? "" : " hidden") data-board="\(index)">
                <h2>\(escapeHTML(board.title)) <small>\(escapeHTML(measure)) · last 7 days</small></h2>
                <table><tbody>
                \(rows)
                </tbody></table>
                </div>
                """
        }.joined(separator: "\n")
        let empty: String = "<p class=\"tv-empty\">No drills in the last week yet. The leaderboards appear here between drills.</p>"
        let body = """
            <section id="tv-idle" class="tv-idle"\(idle ? "" : " hidden") aria-label="Leaderboards of the last week">
            <p class="tv-station">\(escapeHTML(station)) · no drill running</p>
            \(boards.isEmpty ? empty : boardsHTML)
            </section>
            <div id="tv-live"\(idle ? " hidden" : "")>
            \(LivePage.section(state))
            </div>
            """
        return HTMLPage.render(
            title: "TV", section: nil, station: station, body: body, scripts: ["/assets/live.js", "/assets/tv.js"],
            bodyClass: "tv kiosk", navigation: false)
    }

    /// A value in large type: whole milliseconds with their unit (`397 ms`), a score as its drill says.
    private static func value(_ value: Double, of board: Board) -> String {
        board.metric == .median ? DrillScore.medianReactionTime.format(value) : LeaderboardPages.value(value, metric: board.metric, score: board.score)
    }
}
