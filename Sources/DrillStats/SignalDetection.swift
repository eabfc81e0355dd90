/// Sensitivity (d′) of a go/no-go session: how well the athlete tells go
/// cues from no-go cues, independent of how readily they respond.
///
/// d′ = Φ⁻¹(H) − Φ⁻¹(F), where H is the hit rate on go trials and F the
/// false-alarm rate on no-go trials.
///
/// **Correction for rates of 0 and 1** (where Φ⁻¹ is infinite): the
/// log-linear rule of Hautus (1995) is applied to every session, not only
/// extreme ones, so values stay comparable: H = (responses + 0.5) / (go + 1)
/// and F = (commissions + 0.5) / (no-go + 1).
public struct DPrime: Equatable, Sendable, Codable {
    /// Go trials counted: hits, wrong targets and misses (anticipations, false
    /// starts and stuck switches are left out: the response did not follow the cue).
    public var goTrials: Int
    /// Go trials answered after the cue (hits and wrong targets).
    public var goResponses: Int
    /// No-go trials counted: correct withholds and commissions.
    public var noGoTrials: Int
    /// No-go trials answered (commissions).
    public var commissions: Int
    /// Uncorrected hit rate.
    public var hitRate: Double
    /// Uncorrected false-alarm rate.
    public var falseAlarmRate: Double
    /// d′ from the log-linear corrected rates.
    public var value: Double

    /// nil unless there was at least one go and one no-go trial to count.
    public init?(goTrials: Int, goResponses: Int, noGoTrials: Int, commissions: Int) {
        guard goTrials > 0, noGoTrials > 0 else { return nil }
        self.goTrials = goTrials
        self.goResponses = goResponses
        self.noGoTrials = noGoTrials
        self.commissions = commissions
        hitRate = Double(goResponses) / Double(goTrials)
        falseAlarmRate = Double(commissions) / Double(noGoTrials)
        let correctedHit = (Double(goResponses) + 0.5) / (Double(goTrials) + 1)
        let correctedFalseAlarm = (Double(commissions) + 0.5) / (Double(noGoTrials) + 1)
        value = NormalDistribution.quantile(correctedHit) - NormalDistribution.quantile(correctedFalseAlarm)
    }
}
