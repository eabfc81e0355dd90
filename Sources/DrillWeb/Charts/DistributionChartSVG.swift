import DrillStats

/// The spread of reaction times within each of an athlete's recent sessions:
/// every hit as a dot, a box from the 25th to the 75th percentile with the
/// median marked, whiskers from the 10th to the 90th percentile.
enum DistributionChartSVG {
    /// One session's valid reaction times.
    struct Column {
        var session: Int64
        var startedAtMilliseconds: Int64
        var reactionTimesMilliseconds: [Double]
    }

    static let width = 720.0
    static let height = 300.0
    private static let left = 56.0, right = 16.0, top = 16.0, bottom = 40.0

    static func render(_ columns: [Column], title: String) -> String {
        let shown = columns.filter { !$0.reactionTimesMilliseconds.isEmpty }
        guard !shown.isEmpty else { return "<p class=\"empty\">No hits to show yet.</p>" }
        // Columns share the plot's width, up to 80 units each (12 sessions fill it).
        let columnWidth = min(80, (width - left - right) / Double(shown.count))
        let all = shown.flatMap(\.reactionTimesMilliseconds)
        let yScale = ChartScale(covering: all, range: top...(height - bottom), inverted: true)
        var svg = """
            <svg class="chart distribution" viewBox="0 0 \(svgNumber(width)) \(svgNumber(height))" role="img" \
            aria-label="\(escapeHTML(title))" data-sessions="\(shown.count)" xmlns="http://www.w3.org/2000/svg">
            <title>\(escapeHTML(title))</title>

            """
        for tick in yScale.ticks() {
            let y = svgNumber(yScale(tick))
            svg += "<line class=\"grid\" x1=\"\(svgNumber(left))\" x2=\"\(svgNumber(width - right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            svg += "<text class=\"tick\" x=\"\(svgNumber(left - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(svgNumber(tick))</text>\n"
        }
        svg += "<text class=\"axis-label\" x=\"14\" y=\"\(svgNumber((top + height - bottom) / 2))\" transform=\"rotate(-90 14 \(svgNumber((top + height - bottom) / 2)))\" text-anchor=\"middle\">RT (ms)</text>\n"
        for (index, column) in shown.enumerated() {
            let centre = left + columnWidth * (Double(index) + 0.5)
            let times = column.reactionTimesMilliseconds
            let q = { (p: Double) in Descriptive.quantile(times, p)! }
            let (p10, p25, p50, p75, p90) = (q(0.10), q(0.25), q(0.50), q(0.75), q(0.90))
            let half = columnWidth * 0.3
            svg += "<g class=\"session-box\" data-session=\"\(column.session)\" data-median=\"\(WebFormat.milliseconds(p50))\" data-n=\"\(times.count)\">"
            svg += "<title>session \(column.session): \(times.count) hits, median \(WebFormat.milliseconds(p50)) ms, middle half \(WebFormat.milliseconds(p25))–\(WebFormat.milliseconds(p75)) ms</title>"
            svg += "<line class=\"whisker\" x1=\"\(svgNumber(centre))\" x2=\"\(svgNumber(centre))\" y1=\"\(svgNumber(yScale(p90)))\" y2=\"\(svgNumber(yScale(p10)))\"/>"
            svg += "<rect class=\"box\" x=\"\(svgNumber(centre - half))\" width=\"\(svgNumber(2 * half))\" y=\"\(svgNumber(yScale(p75)))\" height=\"\(svgNumber(max(1, yScale(p25) - yScale(p75))))\"/>"
            svg += "<line class=\"median\" x1=\"\(svgNumber(centre - half))\" x2=\"\(svgNumber(centre + half))\" y1=\"\(svgNumber(yScale(p50)))\" y2=\"\(svgNumber(yScale(p50)))\"/>"
            for (dot, time) in times.enumerated() {
                // A fixed spread (golden-ratio offsets), so the picture is the same on every load.
                let jitter = (Double(dot) * 0.618_034).truncatingRemainder(dividingBy: 1) - 0.5
                svg += "<circle class=\"rt\" cx=\"\(svgNumber(centre + jitter * columnWidth * 0.5))\" cy=\"\(svgNumber(yScale(time)))\" r=\"2\"/>"
            }
            svg += "</g>\n"
            svg += "<a href=\"/sessions/\(column.session)\"><text class=\"tick\" x=\"\(svgNumber(centre))\" y=\"\(svgNumber(height - bottom + 18))\" text-anchor=\"middle\">#\(column.session)</text></a>\n"
        }
        svg += "<text class=\"axis-label\" x=\"\(svgNumber((left + width - right) / 2))\" y=\"\(svgNumber(height - 4))\" text-anchor=\"middle\">session</text>\n"
        svg += "</svg>"
        return svg
    }
}
