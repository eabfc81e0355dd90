import DrillStats

/// An athlete's median RT per session as an SVG chart: one dot per session,
/// the Theil–Sen trend line through the fitted sessions, and its 95 %
/// confidence band.
///
/// The band is the set of lines whose slope lies in Sen's 95 % interval,
/// pivoting on the fit at the middle fitted session: narrow in the middle,
/// widening toward both ends, as the uncertainty of a slope does.
/// x is the session's date when the trend is per week, its order when per
/// session (sessions within one day). A legend under it names the marks drawn.
enum TrendChartSVG {
    static let frame = ChartFrame(width: 720, height: 300)

    static func render(_ progress: AthleteProgress, title: String) -> String {
        let frame = Self.frame
        let (width, left, right, height, bottom) = (frame.width, frame.left, frame.right, frame.height, frame.bottom)
        let entries = progress.entries.filter { $0.point.medianMilliseconds != nil }
        guard !entries.isEmpty else {
            return "<p class=\"empty\">No session with a median yet.</p>"
        }
        let byDate = progress.trend?.unit != .session
        let first = entries[0].point.startedAtMilliseconds
        // Days since the first session, or the session's number among all of them (as the fit numbers them).
        let xValue: (Int, AthleteProgress.Entry) -> Double = { _, entry in
            byDate
                ? Double(entry.point.startedAtMilliseconds - first) / 86_400_000
                : Double((progress.entries.firstIndex { $0.point == entry.point } ?? 0) + 1)
        }
        let xs = entries.enumerated().map { xValue($0.offset, $0.element) }
        let medians = entries.map { $0.point.medianMilliseconds! }
        let xScale = ChartScale(domain: (xs.min()! - (byDate ? 0.5 : 0.5))...(xs.max()! + 0.5), range: left...(width - right))
        var yValues = medians
        let band = confidenceBand(progress, entries: entries, xs: xs)
        yValues += band.flatMap { [$0.low, $0.high] }
        let yScale = ChartScale(covering: yValues, range: frame.plotRows, inverted: true)
        var svg = frame.open(kind: "trend", title: title, sessions: entries.count) + frame.yAxis(yScale, label: "median RT (ms)")
        for (index, entry) in entries.enumerated() where labelled(index, count: entries.count) {
            let x = svgNumber(xScale(xs[index]))
            let label = byDate ? WebFormat.shortDate(milliseconds: entry.point.startedAtMilliseconds) : "#\(svgNumber(xs[index]))"
            svg += "<text class=\"tick\" x=\"\(x)\" y=\"\(svgNumber(height - bottom + 18))\" text-anchor=\"middle\">\(label)</text>\n"
        }
        svg += frame.xLabel(byDate ? "session date" : "session")

        let drawsLine = band.count >= 2, drawsBand = drawsLine && progress.trend?.fit.intervalIsValid == true
        if drawsBand {
            let upper = band.map { "\(svgNumber(xScale($0.x))),\(svgNumber(yScale($0.high)))" }
            let lower = band.reversed().map { "\(svgNumber(xScale($0.x))),\(svgNumber(yScale($0.low)))" }
            svg += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"><title>95 % confidence band of the trend</title></polygon>\n"
        }
        if drawsLine {
            let line = band.map { "\(svgNumber(xScale($0.x))),\(svgNumber(yScale($0.fit)))" }
            svg += "<polyline class=\"trend-line\" points=\"\(line.joined(separator: " "))\"/>\n"
        }
        for (index, entry) in entries.enumerated() {
            let median = medians[index]
            var classes = ["session-point"]
            if !entry.counted { classes.append("not-counted") }
            if entry.familiarisation { classes.append("familiarisation") }
            if entry.point == progress.personalBest { classes.append("best") }
            let tip = "session \(entry.point.session), \(WebFormat.dateTime(milliseconds: entry.point.startedAtMilliseconds)): "
                + "median \(WebFormat.milliseconds(median)) ms, \(entry.point.validCount) valid"
                + (entry.familiarisation ? ", familiarisation" : "") + (entry.counted ? "" : ", too few valid trials to count")
            svg += "<a href=\"/sessions/\(entry.point.session)\"><circle class=\"\(classes.joined(separator: " "))\" cx=\"\(svgNumber(xScale(xs[index])))\" cy=\"\(svgNumber(yScale(median)))\" r=\"5\" "
                + "data-session=\"\(entry.point.session)\" data-median=\"\(WebFormat.milliseconds(median))\"><title>\(escapeHTML(tip))</title></circle></a>\n"
        }
        svg += "</svg>\n"
        return svg + legend(progress, entries: entries, drawsLine: drawsLine, drawsBand: drawsBand)
    }

    /// The marks this chart drew, and what each means.
    private static func legend(_ progress: AthleteProgress, entries: [AthleteProgress.Entry], drawsLine: Bool, drawsBand: Bool) -> String {
        var legend: [(shape: String, meaning: String)] = [("<circle class=\"session-point\" cx=\"8\" cy=\"8\" r=\"5\"/>", "a session's median RT (tap for the session)")]
        if progress.personalBest != nil {
            legend.append(("<circle class=\"session-point best\" cx=\"8\" cy=\"8\" r=\"5\"/>", "personal best"))
        }
        if entries.contains(where: \.familiarisation) {
            legend.append(("<circle class=\"session-point familiarisation\" cx=\"8\" cy=\"8\" r=\"5\"/>",
                           "first sessions, for getting used to the drill" + (progress.familiarisationExcluded ? ": not in the trend" : "")))
        }
        if entries.contains(where: { !$0.counted }) {
            legend.append(("<circle class=\"session-point not-counted\" cx=\"8\" cy=\"8\" r=\"5\"/>", "too few valid trials to count"))
        }
        if drawsLine { legend.append(("<line class=\"trend-line\" x1=\"1\" y1=\"12\" x2=\"15\" y2=\"4\"/>", "trend (down is faster)")) }
        if drawsBand { legend.append(("<rect class=\"band\" x=\"1\" y=\"3\" width=\"14\" height=\"10\"/>", "where the trend lies, 95 % sure")) }
        return ChartFrame.legend(legend)
    }

    /// Fitted value and band at each fitted session's x (chart units).
    private static func confidenceBand(_ progress: AthleteProgress, entries: [AthleteProgress.Entry], xs: [Double]) -> [(x: Double, fit: Double, low: Double, high: Double)] {
        guard let trend = progress.trend else { return [] }
        let fitted = entries.indices.filter { entries[$0].inTrend }
        guard fitted.count == trend.x.count, fitted.count >= 2 else { return [] }
        let sortedX = trend.x.sorted()
        let pivotX = sortedX.count % 2 == 1 ? sortedX[sortedX.count / 2] : (sortedX[sortedX.count / 2 - 1] + sortedX[sortedX.count / 2]) / 2
        let pivotY = trend.fit.value(at: pivotX)
        return zip(fitted, trend.x).map { index, fitX in
            let a = pivotY + trend.fit.lowerSlope * (fitX - pivotX)
            let b = pivotY + trend.fit.upperSlope * (fitX - pivotX)
            return (xs[index], trend.fit.value(at: fitX), min(a, b), max(a, b))
        }
    }

    /// Labels at most about eight sessions on the x axis.
    private static func labelled(_ index: Int, count: Int) -> Bool {
        let every = max(1, Int((Double(count) / 8).rounded(.up)))
        return index % every == 0 || index == count - 1
    }
}
