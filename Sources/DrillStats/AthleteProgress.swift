/// How an athlete is getting on in one drill across sessions: robust trend,
/// personal best, the smallest change worth believing, and which sessions were
/// still familiarisation.
///
/// - **Counted sessions** have at least `minimumValidTrials` hits; the others
///   are listed but used for nothing.
/// - **Familiarisation**: the athlete's first `familiarisationSessions`
///   sessions of the drill (learning the task, not yet its ability). They are
///   left out of the trend and the MDC when at least three other counted
///   sessions remain; otherwise they are kept and `familiarisationExcluded` says so.
/// - **Trend**: Theil–Sen slope of session median RT (see `TheilSenFit`) with
///   its 95 % interval, per week when the sessions span at least a day, else
///   per session (a few sessions in one evening have no meaningful weekly rate).
/// - **Personal best**: the counted session with the lowest median RT
///   (familiarisation included: a best is a best); ties go to the earlier session.
/// - **Minimal detectable change** (MDC95): 1.96 · √2 · TE, where the typical
///   error TE = SD(differences between consecutive session medians) / √2
///   (Hopkins 2000; Weir 2005). This simplifies to 1.96 · SD(differences).
///   A change smaller than this is within the athlete's day-to-day noise.
///   Needs three sessions.
public struct AthleteProgress: Equatable, Sendable, Codable {
    /// The unit of the trend's x axis.
    public enum TrendUnit: String, Equatable, Sendable, Codable {
        case week, session
    }

    /// One session with the roles it plays.
    public struct Entry: Equatable, Sendable, Codable {
        public var point: SessionPoint
        /// Enough valid trials to count.
        public var counted: Bool
        /// One of the athlete's first sessions of this drill.
        public var familiarisation: Bool
        /// Used in the trend fit.
        public var inTrend: Bool
    }

    /// The trend of session median RT.
    public struct Trend: Equatable, Sendable, Codable {
        /// Slope and interval in ms per `unit`.
        public var fit: TheilSenFit
        public var unit: TrendUnit
        /// Sessions in the fit.
        public var sessions: Int
        /// x of each fitted session: weeks since the first fitted session, or the
        /// session's number among all of the athlete's sessions of the drill.
        public var x: [Double]

        /// What the trend says, judged by its confidence interval.
        public var direction: Direction {
            guard fit.intervalIsValid else { return .tooFewSessions }
            return fit.upperSlope < 0 ? .faster : fit.lowerSlope > 0 ? .slower : .noClearChange
        }
    }

    /// What a trend says about the athlete.
    public enum Direction: String, Equatable, Sendable, Codable {
        /// The whole 95 % interval is below zero: reaction times are falling.
        case faster = "getting faster"
        /// The whole interval is above zero.
        case slower = "getting slower"
        /// The interval includes zero.
        case noClearChange = "no clear change"
        /// Too few sessions (under five) for a 95 % interval.
        case tooFewSessions = "too few sessions to tell"
    }

    public var entries: [Entry]
    public var trend: Trend?
    public var personalBest: SessionPoint?
    public var minimalDetectableChangeMilliseconds: Double?
    /// Whether familiarisation sessions were left out of trend and MDC.
    public var familiarisationExcluded: Bool
    /// Latest counted session's median minus the one before, ms.
    public var latestChangeMilliseconds: Double?

    /// Valid trials a session needs, unless told otherwise, to count for trends and bests.
    public static let minimumValidTrialsByDefault = 10

    public init(sessions: [SessionPoint], familiarisationSessions: Int = 2, minimumValidTrials: Int = AthleteProgress.minimumValidTrialsByDefault) {
        let ordered = sessions.sorted { ($0.startedAtMilliseconds, $0.session) < ($1.startedAtMilliseconds, $1.session) }
        let counted: (SessionPoint) -> Bool = { $0.validCount >= minimumValidTrials && $0.medianMilliseconds != nil }
        let settled = ordered.dropFirst(familiarisationSessions).filter(counted)
        familiarisationExcluded = familiarisationSessions > 0 && settled.count >= 3
        let excludeFamiliar = familiarisationExcluded
        entries = ordered.enumerated().map { index, point in
            let familiar = index < familiarisationSessions
            return Entry(point: point, counted: counted(point), familiarisation: familiar,
                         inTrend: counted(point) && !(familiar && excludeFamiliar))
        }
        let used = entries.filter(\.inTrend).map(\.point)
        let medians = used.map { $0.medianMilliseconds! }
        let ordinals = entries.indices.filter { entries[$0].inTrend }.map { Double($0 + 1) }
        trend = Self.trend(used, medians: medians, ordinals: ordinals)
        personalBest = Self.best(among: ordered.filter(counted))
        if medians.count >= 3 {
            let differences = zip(medians.dropFirst(), medians).map { $0 - $1 }
            minimalDetectableChangeMilliseconds = Descriptive.standardDeviation(differences).map { 1.959964 * $0 }
        } else {
            minimalDetectableChangeMilliseconds = nil
        }
        let countedMedians = ordered.filter(counted).map { $0.medianMilliseconds! }
        latestChangeMilliseconds = countedMedians.count >= 2 ? countedMedians[countedMedians.count - 1] - countedMedians[countedMedians.count - 2] : nil
    }

    /// Whether the latest change is larger than the athlete's noise.
    public var latestChangeIsReal: Bool? { latestChangeMilliseconds.flatMap(isReal) }

    /// Whether a change of the median (ms) is larger than the athlete's noise; nil before the MDC is known.
    public func isReal(change: Double) -> Bool? {
        minimalDetectableChangeMilliseconds.map { abs(change) > $0 }
    }

    /// The personal best among counted `points`: the lowest median, the earlier session on a tie.
    public static func best(among points: [SessionPoint]) -> SessionPoint? {
        points.filter { $0.medianMilliseconds != nil }
            .min { ($0.medianMilliseconds!, $0.startedAtMilliseconds) < ($1.medianMilliseconds!, $1.startedAtMilliseconds) }
    }

    private static let millisecondsPerDay = 86_400_000.0

    /// `ordinals`: each point's 1-based place among all the athlete's sessions of the
    /// drill, so a session left out (too few valid trials) still takes its place in time.
    private static func trend(_ points: [SessionPoint], medians: [Double], ordinals: [Double]) -> Trend? {
        guard points.count >= 2, let first = points.first, let last = points.last else { return nil }
        let spansADay = Double(last.startedAtMilliseconds - first.startedAtMilliseconds) >= millisecondsPerDay
        let x = spansADay
            ? points.map { Double($0.startedAtMilliseconds - first.startedAtMilliseconds) / (7 * millisecondsPerDay) }
            : ordinals
        guard let fit = TheilSenFit(x: x, y: medians) else { return nil }
        return Trend(fit: fit, unit: spansADay ? .week : .session, sessions: points.count, x: x)
    }
}
