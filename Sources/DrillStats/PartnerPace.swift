import DrillCore

/// How evenly a partner gave the cues of a partner drill. An uneven partner
/// makes a test unfair (Sheppard 2006 measured a tester-time CV of 5.1 %), so
/// the partner's own timing is measured, not assumed.
///
/// - **interval**: from one partner cue to the next within a set, ms.
/// - **wait**: from the moment a trial began (the athlete ready) to the
///   partner's cue, ms: what a planned drill's foreperiod would be.
/// - **CV**: standard deviation / mean, as a fraction.
public struct PartnerPace: Equatable, Sendable, Codable {
    /// Trials the partner cued.
    public var cues: Int
    public var meanIntervalMilliseconds: Double?
    public var intervalCoefficientOfVariation: Double?
    public var meanWaitMilliseconds: Double?
    public var waitCoefficientOfVariation: Double?
    /// Cues given on each partner switch (e.g. how often each side was called, and the feints).
    public var cuesBySwitch: [String: Int]

    /// The partner's pace over `trials`; nil when no trial was cued by a partner.
    public init?(trials: [TrialRecord]) {
        let cued = trials.filter { $0.partnerSwitch != nil && $0.trigger != nil }.sorted { $0.planned.index < $1.planned.index }
        guard !cued.isEmpty else { return nil }
        cues = cued.count
        var intervals: [Double] = []
        for (previous, next) in zip(cued, cued.dropFirst())
        where previous.planned.blockIndex == next.planned.blockIndex && previous.planned.set == next.planned.set {
            intervals.append(Double((next.trigger! - previous.trigger!).nanoseconds) / 1e6)
        }
        let waits = cued.map { Double($0.planned.foreperiodMilliseconds) }
        meanIntervalMilliseconds = Descriptive.mean(intervals)
        intervalCoefficientOfVariation = Self.coefficientOfVariation(intervals)
        meanWaitMilliseconds = Descriptive.mean(waits)
        waitCoefficientOfVariation = Self.coefficientOfVariation(waits)
        cuesBySwitch = Dictionary(grouping: cued, by: { $0.partnerSwitch! }).mapValues(\.count)
    }

    /// The pace in one sentence, for the end screen and the session page:
    /// `Partner Sam: 28 cues (partner-left 13, partner-right 11); every 3.4 s (CV 12 %), after a 2.3 s wait (CV 31 %)`.
    public func sentence(partnerName: String?) -> String {
        let seconds = { (milliseconds: Double?) in milliseconds.map { String(format: "%.1f s", $0 / 1000) } ?? "–" }
        let cv = { (value: Double?) in value.map { String(format: "CV %.0f %%", $0 * 100) } ?? "CV –" }
        let bySwitch = cuesBySwitch.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "Partner\(partnerName.map { " \($0)" } ?? ""): \(cues) cues (\(bySwitch)); every \(seconds(meanIntervalMilliseconds)) "
            + "(\(cv(intervalCoefficientOfVariation))), after a \(seconds(meanWaitMilliseconds)) wait (\(cv(waitCoefficientOfVariation)))"
    }

    private static func coefficientOfVariation(_ values: [Double]) -> Double? {
        guard let mean = Descriptive.mean(values), mean > 0, let sd = Descriptive.standardDeviation(values) else { return nil }
        return sd / mean
    }
}
