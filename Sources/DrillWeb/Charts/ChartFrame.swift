/// What both charts share: the plot area, the `<svg>` opening, and the y axis with its grid.
struct ChartFrame {
    let width: Double
    let height: Double
    let left = 56.0, right = 16.0, top = 16.0, bottom = 40.0

    /// The y range of the plot (top to bottom, inverted for values).
    var plotRows: ClosedRange<Double> { top...(height - bottom) }

    /// `<svg …><title>…</title>` for a chart of `kind` (a CSS class) with `data-sessions`.
    func open(kind: String, title: String, sessions: Int) -> String {
        """
        <svg class="chart \(kind)" viewBox="0 0 \(svgNumber(width)) \(svgNumber(height))" role="img" \
        aria-label="\(escapeHTML(title))" data-sessions="\(sessions)" xmlns="http://www.w3.org/2000/svg">
        <title>\(escapeHTML(title))</title>

        """
    }

    /// Horizontal grid lines at round values, their labels, and the axis title.
    func yAxis(_ scale: ChartScale, label: String) -> String {
        var svg = ""
        for tick in scale.ticks() {
            let y = svgNumber(scale(tick))
            svg += "<line class=\"grid\" x1=\"\(svgNumber(left))\" x2=\"\(svgNumber(width - right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            svg += "<text class=\"tick\" x=\"\(svgNumber(left - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(svgNumber(tick))</text>\n"
        }
        let middle = svgNumber((top + height - bottom) / 2)
        svg += "<text class=\"axis-label\" x=\"14\" y=\"\(middle)\" transform=\"rotate(-90 14 \(middle))\" text-anchor=\"middle\">\(escapeHTML(label))</text>\n"
        return svg
    }

    /// The x axis title, centred under the plot.
    func xLabel(_ label: String) -> String {
        "<text class=\"axis-label\" x=\"\(svgNumber((left + width - right) / 2))\" y=\"\(svgNumber(height - 4))\" text-anchor=\"middle\">\(escapeHTML(label))</text>\n"
    }

    /// A legend under a chart: each entry a small drawing of the mark (`shape`: SVG in a 16×16
    /// box, styled as the chart's own marks) and what it means, in HTML text that reads at any size.
    static func legend(_ entries: [(shape: String, meaning: String)]) -> String {
        let items = entries.map { "<li><svg class=\"swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">\($0.shape)</svg>\(escapeHTML($0.meaning))</li>" }
        return "<ul class=\"legend\">\(items.joined())</ul>\n"
    }
}
