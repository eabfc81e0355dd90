import Foundation

/// A linear map from data values to SVG coordinates, with round tick values.
struct ChartScale {
    let domain: ClosedRange<Double>
    let range: ClosedRange<Double>
    /// Whether larger values map to smaller coordinates (a y axis).
    let inverted: Bool

    /// A scale covering `values`, widened to round ticks and padded when flat.
    init(covering values: [Double], range: ClosedRange<Double>, inverted: Bool = false, minimumSpan: Double = 20) {
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        if high - low < minimumSpan {
            let middle = (low + high) / 2
            low = middle - minimumSpan / 2
            high = middle + minimumSpan / 2
        }
        let step = Self.niceStep(for: high - low)
        self.domain = (floor(low / step) * step)...(ceil(high / step) * step)
        self.range = range
        self.inverted = inverted
    }

    /// A scale over an exact domain.
    init(domain: ClosedRange<Double>, range: ClosedRange<Double>, inverted: Bool = false) {
        self.domain = domain.lowerBound == domain.upperBound ? (domain.lowerBound - 1)...(domain.upperBound + 1) : domain
        self.range = range
        self.inverted = inverted
    }

    /// The coordinate of `value`.
    func callAsFunction(_ value: Double) -> Double {
        let fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        let span = range.upperBound - range.lowerBound
        return inverted ? range.upperBound - fraction * span : range.lowerBound + fraction * span
    }

    /// Round values inside the domain, about `count` of them.
    func ticks(count: Int = 5) -> [Double] {
        let step = Self.niceStep(for: (domain.upperBound - domain.lowerBound) * 5 / Double(max(count, 2)))
        var ticks: [Double] = []
        var value = ceil(domain.lowerBound / step) * step
        while value <= domain.upperBound + step * 1e-9 {
            ticks.append(value)
            value += step
        }
        return ticks
    }

    /// 1, 2 or 5 × a power of ten, about a fifth of `span`.
    static func niceStep(for span: Double) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let rough = span / 5
        let power = pow(10, floor(log10(rough)))
        let scaled = rough / power
        let nice: Double = scaled < 1.5 ? 1 : scaled < 3.5 ? 2 : scaled < 7.5 ? 5 : 10
        return nice * power
    }
}

/// `12.5` → `"12.5"`, with at most 1 decimal, for SVG attributes.
func svgNumber(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
}
