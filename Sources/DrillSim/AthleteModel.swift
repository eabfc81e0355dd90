import DrillCore
import Foundation

/// How a virtual athlete responds: reaction times from an ex-Gaussian
/// distribution (a normal part `mu`, `sigma` plus an exponential tail `tau`,
/// the standard shape of human reaction times), slowed by Hick's law for
/// choices, plus seeded rates of the usual mistakes.
public struct AthleteModel: Equatable, Sendable, Codable {
    /// Mean of the normal component of a simple visual reaction.
    public var mu: Duration = .milliseconds(230)
    /// Standard deviation of the normal component.
    public var sigma: Duration = .milliseconds(25)
    /// Mean of the exponential tail.
    public var tau: Duration = .milliseconds(45)
    /// Extra time per bit of choice (Hick's law: `cost × log2(choices)`).
    public var choiceCostPerBit: Duration = .milliseconds(70)
    /// Auditory reactions are faster than visual ones by about this much.
    public var auditoryAdvantage: Duration = .milliseconds(35)
    /// Mean movement time from home to target (home-release drills).
    public var movementMean: Duration = .milliseconds(420)
    /// Standard deviation of the movement time.
    public var movementSigma: Duration = .milliseconds(60)
    /// How long a press lasts before the release.
    public var pressDuration: Duration = .milliseconds(120)
    /// How long after a target hit the athlete is back on the home switch.
    public var returnHome: Duration = .milliseconds(600)
    /// Chance of guessing: a press within 0–90 ms of onset.
    public var anticipationRate = 0.02
    /// Chance of a press during the foreperiod.
    public var falseStartRate = 0.02
    /// Chance of no response to a go cue.
    public var missRate = 0.01
    /// Chance of pressing another of the athlete's switches on a choice trial.
    public var wrongTargetRate = 0.05
    /// Chance of responding to a no-go cue (a commission).
    public var noGoCommissionRate = 0.15
    /// Chance of responding on a catch trial (no cue).
    public var catchResponseRate = 0.05
    /// Mean time to move the hand or foot from one pad to another (rapid-fire
    /// drills, and from one lit pad to the next with `expect: all`).
    public var padToPadMean: Duration = .milliseconds(220)
    /// Standard deviation of the pad-to-pad time.
    public var padToPadSigma: Duration = .milliseconds(40)
    /// Chance of pressing a lit distractor pad instead of the target.
    public var distractorRate = 0.06
    /// Gate runs: mean time of the run from the decision to the target gate.
    public var runMean: Duration = .milliseconds(1100)
    /// Standard deviation of the run time.
    public var runSigma: Duration = .milliseconds(80)
    /// Gate runs: from the decision to crossing the decision gate (a couple of strides).
    public var toDecisionGate: Duration = .milliseconds(250)
    /// Gate runs: from the start-gate prompt (walking back, setting) to crossing the start gate.
    public var setUpTime: Duration = .milliseconds(1500)

    public init() {}

    /// A zero-error athlete with the given constant reaction time (for tests
    /// and for playing a jumper wire in calibration).
    public static func exact(reactionTime: Duration) -> AthleteModel {
        var model = AthleteModel()
        model.mu = reactionTime
        model.sigma = .zero
        model.tau = .zero
        model.choiceCostPerBit = .zero
        model.auditoryAdvantage = .zero
        model.movementSigma = .zero
        model.anticipationRate = 0
        model.falseStartRate = 0
        model.missRate = 0
        model.wrongTargetRate = 0
        model.noGoCommissionRate = 0
        model.catchResponseRate = 0
        model.padToPadSigma = .zero
        model.distractorRate = 0
        model.runSigma = .zero
        return model
    }

    /// One reaction time for a cue with `choices` alternatives, at least 100 ms
    /// (the model's floor: faster would be an anticipation).
    func reactionTime(choices: Int, auditory: Bool, using generator: inout SeededGenerator) -> Duration {
        var seconds = mu.seconds + sigma.seconds * generator.nextStandardNormal()
        if tau > .zero { seconds += generator.nextExponential(mean: tau.seconds) }
        if choices > 1 { seconds += choiceCostPerBit.seconds * log2(Double(choices)) }
        if auditory { seconds -= auditoryAdvantage.seconds }
        if sigma > .zero || tau > .zero { seconds = max(seconds, 0.100) }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// One pad-to-pad movement, at least 60 ms.
    func padToPadTime(using generator: inout SeededGenerator) -> Duration {
        let seconds = max(padToPadMean.seconds + padToPadSigma.seconds * generator.nextStandardNormal(), 0.060)
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// One run from the decision to the target gate, at least 300 ms.
    func runTime(using generator: inout SeededGenerator) -> Duration {
        let seconds = max(runMean.seconds + runSigma.seconds * generator.nextStandardNormal(), 0.300)
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// One movement time, at least 100 ms.
    func movementTime(using generator: inout SeededGenerator) -> Duration {
        let seconds = max(movementMean.seconds + movementSigma.seconds * generator.nextStandardNormal(), 0.100)
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}
