import Foundation
import Testing
@testable import DrillCore

func loadShipped(_ name: String) throws -> Profile {
    try Profile.load(path: packageRoot + "/Profiles/\(name).yaml")
}

@Suite("Seeded plans")
struct PlanGeneratorTests {
    @Test("the same seed gives the same plan; another seed gives another")
    func determinism() throws {
        let profile = try loadShipped("choice-4")
        let generator = PlanGenerator(profile: profile)
        #expect(try generator.plan(seed: 99) == generator.plan(seed: 99))
        #expect(try generator.plan(seed: 99).trials != generator.plan(seed: 100).trials)
    }

    @Test("a known seed gives a known plan (stable across machines and Swift versions)")
    func goldenPlan() throws {
        let plan = try PlanGenerator(profile: loadShipped("go-nogo")).plan(seed: 7)
        // Recorded from this implementation; a change here means old seeds no longer replay.
        #expect(plan.trials.prefix(8).map(\.foreperiodMilliseconds) == [2309, 1091, 1157, 1606, 1228, 2378, 1637, 1532])
        #expect(plan.trials.prefix(8).map { $0.cueName ?? "-" } == ["go", "go", "go", "go", "go", "go", "go", "stop"])
    }

    @Test("a balanced set has the exact cue counts and never exceeds the repeat cap")
    func balancedOrder() throws {
        let profile = try loadShipped("choice-4")
        for seed in UInt64(1)...50 {
            let plan = try PlanGenerator(profile: profile).plan(seed: seed)
            for set in 1...2 {
                let names = plan.trials.filter { $0.blockName == "work" && $0.set == set }.compactMap(\.cueName)
                #expect(names.count == 16)
                for cue in ["red", "green", "blue", "yellow"] { #expect(names.filter { $0 == cue }.count == 4) }
                var run = 1
                for index in 1..<names.count {
                    run = names[index] == names[index - 1] ? run + 1 : 1
                    #expect(run <= 2, "seed \(seed) set \(set): \(names)")
                }
            }
        }
    }

    @Test("balanced go/no-go sets have exactly the declared share of no-go trials")
    func balancedNoGoShare() throws {
        let plan = try PlanGenerator(profile: loadShipped("go-nogo")).plan(seed: 3)
        let block = plan.trials.filter { $0.blockName == "go-nogo" }
        #expect(block.filter { $0.kind == .noGo }.count == 6)  // 25 % of 24
        #expect(block.filter { $0.kind == .noGo }.allSatisfy { $0.expected.isEmpty && $0.lights == ["stop"] })
    }

    @Test("a sequence block repeats its cues in the listed order")
    func sequenceOrder() throws {
        let plan = try PlanGenerator(profile: loadShipped("choice-4")).plan(seed: 1)
        let names = plan.trials.filter { $0.blockName == "familiarise" }.compactMap(\.cueName)
        #expect(names == ["red", "green", "blue", "yellow", "red", "green", "blue", "yellow"])
    }

    @Test("random catch trials come at about the declared rate and carry no cue")
    func catchTrials() throws {
        let text = minimalProfile + "\n    catch_probability: 0.2"
        let profile = try Profile.parse(text.replacingOccurrences(of: "trials: 10", with: "trials: 5000"), file: "t.yaml")
        let plan = try PlanGenerator(profile: profile).plan(seed: 11)
        let catches = plan.trials.filter { $0.kind == .catchTrial }
        #expect(abs(Double(catches.count) / 5000 - 0.2) < 0.02)
        #expect(catches.allSatisfy { $0.cueName == nil && $0.lights.isEmpty && $0.sound == nil && $0.expected.isEmpty })
    }

    @Test("modality random picks light or sound per trial, about half each")
    func randomModality() throws {
        let profile = try loadShipped("head-to-head")
        let plan = try PlanGenerator(profile: profile).plan(seed: 5)
        let soundOnly = plan.trials.filter { $0.lights.isEmpty && $0.sound == "beep" }.count
        let lightOnly = plan.trials.filter { $0.sound == nil && $0.lights == ["left", "right"] }.count
        #expect(soundOnly + lightOnly == plan.trials.count)
        #expect(soundOnly >= 5 && lightOnly >= 5)
    }

    @Test("a time-limited set is not planned ahead: its trials are drawn as it runs, within the block's rules")
    func durationBlockDrawnAsItRuns() throws {
        let profile = try loadShipped("pvt-b")
        let plan = try PlanGenerator(profile: profile).plan(seed: 1)
        #expect(plan.trials.isEmpty && plan.sets.count == 1 && !plan.isFixedLength)
        var draw = OpenSetDraw(profile: profile, seed: 1, blockIndex: 0, set: 1)
        let drawn = (0..<200).map { draw.next(index: $0) }
        #expect(drawn.allSatisfy { (2000...10000).contains($0.foreperiodMilliseconds) })
        #expect(drawn.map(\.trialInSet) == Array(1...200))
    }
}

@Suite("Foreperiod distributions match their declared shape")
struct ForeperiodDistributionTests {
    /// The Kolmogorov–Smirnov statistic of `samples` against `cdf`.
    func ksStatistic(_ samples: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = samples.sorted()
        let n = Double(sorted.count)
        var statistic = 0.0
        for (index, value) in sorted.enumerated() {
            let f = cdf(value)
            statistic = max(statistic, abs(Double(index + 1) / n - f), abs(f - Double(index) / n))
        }
        return statistic
    }

    func samples(_ foreperiod: Foreperiod, count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Double(PlanGenerator.sample(foreperiod, using: &generator)) / 1000 }
    }

    /// 5 % critical value of the one-sample KS test for large n: 1.36 / √n.
    func critical(_ count: Int) -> Double { 1.36 / Double(count).squareRoot() }

    @Test("uniform foreperiods pass a KS test against the uniform CDF")
    func uniform() {
        let foreperiod = Foreperiod.uniform(min: .seconds(1), max: .seconds(3))
        let drawn = samples(foreperiod, count: 5000, seed: 2024)
        let statistic = ksStatistic(drawn) { foreperiod.cumulativeProbability(at: .nanoseconds(Int64($0 * 1e9))) }
        #expect(statistic < critical(5000))
        #expect(drawn.allSatisfy { (1...3).contains($0) })
    }

    @Test("non-aging foreperiods pass a KS test against the truncated exponential CDF")
    func truncatedExponential() {
        let foreperiod = Foreperiod.exponential(min: .seconds(1), max: .seconds(4), scale: .seconds(1))
        let drawn = samples(foreperiod, count: 5000, seed: 2024)
        let statistic = ksStatistic(drawn) { foreperiod.cumulativeProbability(at: .nanoseconds(Int64($0 * 1e9))) }
        #expect(statistic < critical(5000))
        #expect(drawn.allSatisfy { (1...4).contains($0) })
    }

    @Test("the exponential is not the uniform: the same test rejects the wrong shape")
    func ksTestHasPower() {
        let exponential = Foreperiod.exponential(min: .seconds(1), max: .seconds(4), scale: .seconds(1))
        let uniform = Foreperiod.uniform(min: .seconds(1), max: .seconds(4))
        let drawn = samples(exponential, count: 5000, seed: 2024)
        let statistic = ksStatistic(drawn) { uniform.cumulativeProbability(at: .nanoseconds(Int64($0 * 1e9))) }
        #expect(statistic > critical(5000))
    }

    @Test("a fixed foreperiod is always the same")
    func fixed() {
        #expect(Set(samples(.fixed(.milliseconds(1500)), count: 100, seed: 1)) == [1.5])
    }
}

@Suite("The seeded generator")
struct SeededGeneratorTests {
    @Test("xoshiro256** seeded by SplitMix64 gives the reference outputs")
    func referenceVectors() {
        var generator = SeededGenerator(seed: 42)
        #expect([generator.next(), generator.next(), generator.next()] == [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009])
    }

    @Test("bounded indices stay in range and cover it evenly")
    func boundedIndices() {
        var generator = SeededGenerator(seed: 1)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[generator.nextIndex(below: 6)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
    }

    @Test("durations are read with their units")
    func durationText() {
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("1.5s") == .milliseconds(1500))
        #expect(DurationText.parse("3min") == .seconds(180))
        #expect(DurationText.parse("500 us") == .microseconds(500))
        #expect(DurationText.parse("2") == nil)
        #expect(DurationText.parse("fast") == nil)
    }
}
