import DrillCore

/// The plan of a seed as a table a coach can read.
enum PlanReport {
    /// Trials shown of each set that ends by time or hits (they are drawn as the set runs).
    static let openSetPreview = 10

    static func render(_ plan: DrillPlan, profile: Profile) -> String {
        var lines = ["\(profile.title) (\(profile.name) v\(profile.version)), seed \(plan.seed)"]
        if profile.score != .medianReactionTime { lines.append("score: \(profile.score.title). \(profile.score.explanation)") }
        for (blockIndex, block) in plan.blocks.enumerated() {
            lines.append(header(block, index: blockIndex))
            var table = TextTable(["#", "set", "trial", "kind", "cue", "lights", "sound", "expect", block.rules.rapidFire ? "gap" : "foreperiod"])
            for planned in plan.sets where planned.blockIndex == blockIndex {
                var trials = planned.trials
                if block.length.isOpenEnded {
                    var draw = OpenSetDraw(profile: profile, seed: plan.seed, blockIndex: blockIndex, set: planned.set)
                    trials = (0..<openSetPreview).map { draw.next(index: $0) }
                }
                for trial in trials { table.add(row(trial, profile: profile, numbered: !block.length.isOpenEnded)) }
            }
            lines.append(table.render())
        }
        return lines.joined(separator: "\n")
    }

    private static func header(_ block: Block, index: Int) -> String {
        var header = "\nblock \(index + 1) '\(block.name)': \(block.sets) set(s)"
        switch block.length {
        case .trials(let count): header += " × \(count) trials"
        case .duration(let limit):
            header += " × \(limit.compactDescription), ended exactly then (first \(openSetPreview) trials of each set shown)"
        case .hits(let count, let cap):
            header += " × \(count) hits (or \(cap.compactDescription) at most; first \(openSetPreview) trials of each set shown)"
        }
        if block.sets > 1 { header += ", rest \(block.restBetweenSets.compactDescription)" }
        if block.restAfter > .zero { header += ", then rest \(block.restAfter.compactDescription)" }
        let rules = block.rules
        if rules.rapidFire {
            header += "\n  rapid-fire: the next cue when every pad is released, after a gap of \(rules.foreperiod.summary)"
        } else {
            header += "\n  foreperiod \(rules.foreperiod.summary)"
        }
        header += ", timeout \(rules.timeout.compactDescription), anticipation < \(rules.anticipation.compactDescription)"
        return header
    }

    private static func row(_ trial: PlannedTrial, profile: Profile, numbered: Bool) -> [String] {
        let expect: [String] = trial.expectsAllLit
            ? ["all lit"]
            : profile.sides.compactMap { side in trial.expected[side].map { profile.isHeadToHead ? "\(side):\($0)" : $0 } }
        return [
            numbered ? "\(trial.index + 1)" : "·", "\(trial.set)", "\(trial.trialInSet)", trial.kind.rawValue, trial.cueName ?? "–",
            trial.lights.isEmpty ? "–" : trial.lights.joined(separator: "+"), trial.sound ?? "–",
            expect.isEmpty ? "withhold" : expect.joined(separator: " "), trial.foreperiod.compactDescription,
        ]
    }
}
