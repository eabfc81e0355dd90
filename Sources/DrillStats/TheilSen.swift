/// A robust straight-line fit: the Theil–Sen estimator with Sen's (1968)
/// confidence interval for the slope.
///
/// - slope: the median of the slopes of all pairs of points with different x;
/// - intercept: median(y) − slope · median(x);
/// - interval: the order statistics of the pairwise slopes at ranks
///   (N ∓ z·σ)/2, σ² = [n(n−1)(2n+5) − Σ ties in x − Σ ties in y] / 18
///   (Sen 1968, eq. 2.6), each tie group of size k contributing k(k−1)(2k+5).
///
/// It is what `scipy.stats.theilslopes` computes (same ranks, same rounding of
/// halves to even), and the tests check it against values from SciPy.
/// One wild session cannot swing it, which is why trends use it instead of
/// least squares.
public struct TheilSenFit: Equatable, Sendable, Codable {
    /// Change of y per unit of x.
    public var slope: Double
    /// y at x = 0.
    public var intercept: Double
    /// Lower end of the slope's confidence interval.
    public var lowerSlope: Double
    /// Upper end of the slope's confidence interval.
    public var upperSlope: Double
    /// Confidence level of the interval (0.95 unless asked otherwise).
    public var confidence: Double
    /// Whether Sen's ranks fall inside the pairwise slopes. With few points
    /// (n ≤ 4 at 95 %) they fall outside and the interval is clamped to the
    /// extreme slopes: it then has less than the stated confidence and says
    /// nothing about a change.
    public var intervalIsValid: Bool

    /// nil for fewer than two points or when every x is the same.
    public init?(x: [Double], y: [Double], confidence: Double = 0.95) {
        precondition(x.count == y.count, "x and y must pair up")
        let n = x.count
        guard n >= 2 else { return nil }
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n {
            for j in 0..<n where x[i] > x[j] {
                slopes.append((y[i] - y[j]) / (x[i] - x[j]))
            }
        }
        guard !slopes.isEmpty else { return nil }
        slopes.sort()
        slope = Self.median(sorted: slopes)
        intercept = Self.median(sorted: y.sorted()) - slope * Self.median(sorted: x.sorted())
        let z = NormalDistribution.criticalValue(confidence: confidence)
        let count = Double(n)
        let variance = (count * (count - 1) * (2 * count + 5) - Self.tieTerm(x) - Self.tieTerm(y)) / 18
        let sigma = max(variance, 0).squareRoot()
        let pairs = Double(slopes.count)
        let rawUpperRank = Int(((pairs + z * sigma) / 2).rounded(.toNearestOrEven))
        let rawLowerRank = Int(((pairs - z * sigma) / 2).rounded(.toNearestOrEven)) - 1
        intervalIsValid = rawLowerRank >= 0 && rawUpperRank <= slopes.count - 1
        let upperRank = min(rawUpperRank, slopes.count - 1)
        let lowerRank = max(rawLowerRank, 0)
        lowerSlope = slopes[lowerRank]
        upperSlope = slopes[upperRank]
        self.confidence = confidence
    }

    /// The fitted y at `x`.
    public func value(at x: Double) -> Double { intercept + slope * x }

    /// Σ k(k−1)(2k+5) over groups of k equal values.
    private static func tieTerm(_ values: [Double]) -> Double {
        var counts: [Double: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.values.filter { $0 > 1 }.reduce(0) { sum, k in
            let size = Double(k)
            return sum + size * (size - 1) * (2 * size + 5)
        }
    }

    private static func median(sorted values: [Double]) -> Double {
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    }
}
