/// Plain descriptive statistics over samples (e.g. reaction times in ms).
public enum Descriptive {
    /// The arithmetic mean; nil for no samples.
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The median: the middle value, or the mean of the two middle values; nil for no samples.
    public static func median(_ values: [Double]) -> Double? {
        quantile(values, 0.5)
    }

    /// The sample standard deviation (divisor n − 1); nil for fewer than two samples.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count > 1, let mean = mean(values) else { return nil }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// The `p` quantile by linear interpolation between order statistics
    /// (Hyndman & Fan type 7, the default of R and NumPy); nil for no samples.
    public static func quantile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}

extension Descriptive {
    /// Q3 − Q1 (type 7 quantiles); nil for no samples.
    public static func interquartileRange(_ values: [Double]) -> Double? {
        guard let upper = quantile(values, 0.75), let lower = quantile(values, 0.25) else { return nil }
        return upper - lower
    }

    /// The least-squares slope of y on x; nil for fewer than three points or
    /// when every x is the same.
    public static func leastSquaresSlope(x: [Double], y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 3, let meanX = mean(x), let meanY = mean(y) else { return nil }
        var sxy = 0.0
        var sxx = 0.0
        for (xi, yi) in zip(x, y) {
            sxy += (xi - meanX) * (yi - meanY)
            sxx += (xi - meanX) * (xi - meanX)
        }
        return sxx > 0 ? sxy / sxx : nil
    }

    /// The mean of the `fraction` smallest (or largest) values, at least one
    /// value: k = max(1, round(n · fraction)). nil for no samples.
    public static func meanOfExtreme(_ values: [Double], fraction: Double, largest: Bool) -> Double? {
        guard !values.isEmpty else { return nil }
        let k = max(1, Int((Double(values.count) * fraction).rounded()))
        let sorted = values.sorted()
        return mean(Array(largest ? sorted.suffix(k) : sorted.prefix(k)))
    }
}
