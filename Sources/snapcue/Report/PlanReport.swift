import DrillCore

/// The plan of a seed as a table a coach can read.
enum PlanReport {
    static func render(_ plan: DrillPlan, profile: Profile) -> String {
        var lines = ["\(profile.title) (\(profile.name) v\(profile.version)), seed \(plan.seed)"]
        var currentBlock = -1
        for trial in plan.trials {
            if trial.blockIndex != currentBlock {
                currentBlock = trial.blockIndex
                let block = plan.blocks[trial.blockIndex]
                var header = "\nblock \(trial.blockIndex + 1) '\(block.name)': \(block.sets) set(s)"
                switch block.length {
                case .trials(let count): header += " × \(count) trials"
                case .duration(let limit): header += " × \(limit.compactDescription) (up to \(block.plannedTrialBound) trials each; the set ends when time is up)"
                }
                if block.sets > 1 { header += ", rest \(block.restBetweenSets.compactDescription)" }
                if block.restAfter > .zero { header += ", then rest \(block.restAfter.compactDescription)" }
                header += "\n  foreperiod \(block.rules.foreperiod.summary), timeout \(block.rules.timeout.compactDescription), anticipation < \(block.rules.anticipation.compactDescription)"
                lines.append(header)
                lines.append("  " + [("#", 5), ("set", 4), ("trial", 6), ("kind", 6), ("cue", 10), ("lights", 14), ("sound", 7), ("expect", 16), ("foreperiod", 10)]
                    .map { Format.pad($0.0, $0.1) }.joined())
            }
            let expect = profile.sides.compactMap { side in trial.expected[side].map { profile.isHeadToHead ? "\(side):\($0)" : $0 } }
            let columns: [(String, Int)] = [
                ("\(trial.index + 1)", 5), ("\(trial.set)", 4), ("\(trial.trialInSet)", 6), (trial.kind.rawValue, 6),
                (trial.cueName ?? "–", 10), (trial.lights.isEmpty ? "–" : trial.lights.joined(separator: "+"), 14),
                (trial.sound ?? "–", 7), (expect.isEmpty ? "withhold" : expect.joined(separator: " "), 16),
                (trial.foreperiod.compactDescription, 10),
            ]
            lines.append("  " + columns.map { Format.pad($0.0, $0.1) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
