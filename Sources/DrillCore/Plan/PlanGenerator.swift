import Foundation

/// Turns a profile and a seed into a `DrillPlan`.
///
/// The generator is `SeededGenerator` (xoshiro256**), consumed in a fixed
/// order: block by block, set by set, first the set's cue order, then for each
/// trial its modality draw (cues with `modality: random` only) and its
/// foreperiod. Foreperiods are rounded to whole milliseconds, so a last-ulp
/// difference in a platform's `log`/`exp` cannot change a plan.
///
/// Sets that end by time or by hits are not planned ahead (they would need
/// thousands of trials "just in case"): their trials are drawn as they run
/// by an `OpenSetDraw`, from a generator of their own seeded by the plan's
/// seed, the block and the set, so they replay exactly too.
public struct PlanGenerator: Sendable {
    public let profile: Profile

    public init(profile: Profile) { self.profile = profile }

    /// The plan for `seed`.
    public func plan(seed: UInt64) throws -> DrillPlan {
        var generator = SeededGenerator(seed: seed)
        var sets: [PlannedSet] = []
        var index = 0
        for (blockIndex, block) in profile.blocks.enumerated() {
            let cues = block.cueNames.compactMap(profile.cue(named:))
            for set in 1...block.sets {
                guard case .trials(let count) = block.length else {
                    sets.append(PlannedSet(blockIndex: blockIndex, set: set, trials: []))
                    continue
                }
                let order = profile.partner != nil
                    ? Array(repeating: nil, count: count) : try cueOrder(for: block, cues: cues, count: count, using: &generator)
                var trials: [PlannedTrial] = []
                for (position, cue) in order.enumerated() {
                    trials.append(trial(
                        cue, index: index, blockIndex: blockIndex, set: set, trialInSet: position + 1, using: &generator))
                    index += 1
                }
                sets.append(PlannedSet(blockIndex: blockIndex, set: set, trials: trials))
            }
        }
        return DrillPlan(
            profileName: profile.name, profileVersion: profile.version, seed: seed,
            blocks: profile.blocks, sets: sets)
    }

    /// One trial of `cue` (nil: a catch trial): its modality draw, then its foreperiod.
    /// In a partner drill every trial waits for the partner, who chooses its cue: the plan
    /// holds a go trial with no cue yet and draws nothing.
    func trial(
        _ cue: Cue?, index: Int, blockIndex: Int, set: Int, trialInSet: Int, using generator: inout SeededGenerator
    ) -> PlannedTrial {
        let block = profile.blocks[blockIndex]
        var trial = PlannedTrial(
            index: index, blockIndex: blockIndex, blockName: block.name, set: set,
            trialInSet: trialInSet, kind: .catchTrial, cueName: nil, lights: [], sound: nil,
            expected: [:], foreperiodMilliseconds: 0)
        if profile.partner != nil {
            trial.kind = .go
            return trial
        }
        if let cue {
            trial.kind = cue.isNoGo ? .noGo : .go
            trial.cueName = cue.name
            trial.expected = cue.expected
            trial.expectsAllLit = cue.expectsAllLit
            switch resolvedModality(cue.modality, using: &generator) {
            case .light: trial.lights = cue.lights
            case .sound: trial.sound = cue.sound
            default:
                trial.lights = cue.lights
                trial.sound = cue.sound
            }
            if !trial.lights.isEmpty { trial.lightColors = cue.lightColors }
        }
        trial.foreperiodMilliseconds = Self.sample(block.rules.foreperiod, using: &generator)
        return trial
    }

    private func resolvedModality(_ modality: Modality, using generator: inout SeededGenerator) -> Modality {
        guard modality == .random else { return modality }
        return generator.nextBernoulli(0.5) ? .light : .sound
    }

    /// The cues of one set, in order; nil stands for a catch trial.
    func cueOrder(for block: Block, cues: [Cue], count: Int, using generator: inout SeededGenerator) throws -> [Cue?] {
        switch block.rules.order {
        case .sequence:
            return (0..<count).map { cues[$0 % cues.count] }
        case .random:
            let goCues = cues.filter { !$0.isNoGo }, noGoCues = cues.filter(\.isNoGo)
            return (0..<count).map { _ in
                if generator.nextBernoulli(block.rules.catchProbability) { return nil }
                let pool = generator.nextBernoulli(block.rules.noGoProbability) ? noGoCues : goCues
                return Self.weightedPick(pool, using: &generator)
            }
        case .balanced(let maxRepeats):
            var tieOrder: [String]?
            if block.rules.drawsOddSplit == true {
                // Drawn only for these drills, so the plans of every other drill stay as they were.
                var names = cues.map(\.name)
                for index in stride(from: names.count - 1, to: 0, by: -1) {
                    names.swapAt(index, generator.nextIndex(below: index + 1))
                }
                tieOrder = names
            }
            let counts = BalancedCounts(block: block, cues: cues, trials: count, tieOrder: tieOrder)
            let cap = counts.items.count > 1 ? maxRepeats : Int.max
            let names = try Self.constrainedShuffle(counts.items, maxRepeats: cap, using: &generator, block: block.name)
            return names.map { name in name.flatMap { name in cues.first { $0.name == name } } }
        }
    }

    static func weightedPick(_ cues: [Cue], using generator: inout SeededGenerator) -> Cue {
        var ticket = generator.nextIndex(below: cues.reduce(0) { $0 + $1.weight })
        for cue in cues {
            if ticket < cue.weight { return cue }
            ticket -= cue.weight
        }
        return cues[cues.count - 1]
    }

    /// A random order of the items with no run longer than `maxRepeats`.
    ///
    /// Each step draws from the remaining items, weighted by count, among
    /// those after which the rest can still be ordered within the cap (every
    /// item's count fits between the others). Validation has already checked
    /// that an order exists, so a step always has a candidate.
    static func constrainedShuffle(
        _ items: [(cueName: String?, count: Int)], maxRepeats: Int, using generator: inout SeededGenerator,
        block: String
    ) throws -> [String?] {
        var remaining = items.map(\.count)
        var order: [String?] = []
        var lastIndex = -1, runLength = 0
        let total = remaining.reduce(0, +)
        while order.count < total {
            let allowed = remaining.indices.filter { candidate in
                guard remaining[candidate] > 0 else { return false }
                let run = candidate == lastIndex ? runLength + 1 : 1
                guard run <= maxRepeats else { return false }
                var after = remaining
                after[candidate] -= 1
                return canFinish(after, last: candidate, run: run, maxRepeats: maxRepeats)
            }
            guard !allowed.isEmpty else {
                throw PlanError.cannotBalance(block: block, maxRepeats: maxRepeats)
            }
            var ticket = generator.nextIndex(below: allowed.reduce(0) { $0 + remaining[$1] })
            var chosen = allowed[allowed.count - 1]
            for index in allowed {
                if ticket < remaining[index] { chosen = index; break }
                ticket -= remaining[index]
            }
            remaining[chosen] -= 1
            runLength = chosen == lastIndex ? runLength + 1 : 1
            lastIndex = chosen
            order.append(items[chosen].cueName)
        }
        return order
    }

    /// Whether `remaining` can still be ordered after a run of `run` of `last`:
    /// each item needs enough other items to separate its runs.
    static func canFinish(_ remaining: [Int], last: Int, run: Int, maxRepeats: Int) -> Bool {
        let left = remaining.reduce(0, +)
        for (index, count) in remaining.enumerated() where count > 0 {
            let others = left - count
            let capacity = index == last ? (maxRepeats - run) + maxRepeats * others : maxRepeats * (others + 1)
            if count > capacity && maxRepeats != Int.max { return false }
        }
        return true
    }

    /// Trials a balanced open-ended set draws as one shuffled round: enough for
    /// the weights and probabilities to come out even, small enough to keep the
    /// order unpredictable over a short set.
    public static func balancedRound(cues: Int) -> Int { max(20, 4 * cues) }

    /// One foreperiod, rounded to whole milliseconds and kept inside [min, max].
    static func sample(_ foreperiod: Foreperiod, using generator: inout SeededGenerator) -> Int {
        let seconds: Double
        switch foreperiod {
        case .fixed(let value):
            seconds = value.seconds
        case .uniform(let min, let max):
            seconds = min.seconds + generator.nextUnitInterval() * (max - min).seconds
        case .exponential(let min, let max, let scale):
            // Inverse CDF of an exponential truncated at (max − min).
            let span = (max - min).seconds, tau = scale.seconds
            let u = generator.nextUnitInterval()
            seconds = min.seconds - tau * log(1 - u * (1 - exp(-span / tau)))
        }
        guard seconds.isFinite else { return Int(foreperiod.minimum.milliseconds.rounded(.up)) }
        let milliseconds = Int((seconds * 1000).rounded())
        let lower = Int(foreperiod.minimum.milliseconds.rounded(.up))
        let upper = Int(foreperiod.maximum.milliseconds.rounded(.down))
        return Swift.min(Swift.max(milliseconds, lower), upper)
    }
}

/// A plan that cannot be made.
public enum PlanError: Error, CustomStringConvertible {
    case cannotBalance(block: String, maxRepeats: Int)

    public var description: String {
        switch self {
        case .cannotBalance(let block, let maxRepeats):
            "block '\(block)': no balanced order keeps every cue to at most \(maxRepeats) in a row; raise max_repeats or add cues"
        }
    }
}
