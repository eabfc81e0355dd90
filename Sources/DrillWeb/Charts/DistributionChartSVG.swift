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

    static let frame = ChartFrame(width: 720, height: 300)

    static func render(_ columns: [Column], title: String) -> String {
        let shown = columns.filter { !$0.reactionTimesMilliseconds.isEmpty }
        guard !shown.isEmpty else { return "<p class=\"empty\">No hits to show yet.</p>" }
        let frame = Self.frame
        let (width, left, right, height, bottom) = (frame.width, frame.left, frame.right, frame.height, frame.bottom)
        // Columns share the plot's width, up to 80 units each (12 sessions fill it).
        let columnWidth = min(80, (width - left - right) / Double(shown.count))
        let all = shown.flatMap(\.reactionTimesMilliseconds)
        let yScale = ChartScale(covering: all, range: frame.plotRows, inverted: true)
        var svg = frame.open(kind: "distribution", title: title, sessions: shown.count) + frame.yAxis(yScale, label: "RT (ms)")
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
        svg += frame.xLabel("session")
        svg += "</svg>\n"
        return svg + ChartFrame.legend([
            ("<circle class=\"rt\" cx=\"4\" cy=\"5\" r=\"2\"/><circle class=\"rt\" cx=\"11\" cy=\"9\" r=\"2\"/><circle class=\"rt\" cx=\"6\" cy=\"13\" r=\"2\"/>", "one hit"),
            ("<rect class=\"box\" x=\"3\" y=\"3\" width=\"10\" height=\"10\"/>", "the middle half of the hits"),
            ("<line class=\"median\" x1=\"2\" x2=\"14\" y1=\"8\" y2=\"8\"/>", "median"),
            ("<line class=\"whisker\" x1=\"8\" x2=\"8\" y1=\"1\" y2=\"15\"/>", "from the fastest 10 % to the slowest 10 %"),
        ])
    }
}
