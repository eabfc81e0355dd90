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
