import DrillCore

/// The plan of a seed as a table a coach can read.
enum PlanReport {
    static func render(_ plan: DrillPlan, profile: Profile) -> String {
        var lines = ["\(profile.title) (\(profile.name) v\(profile.version)), seed \(plan.seed)"]
        var currentBlock = -1
        var table: TextTable?
        for trial in plan.trials {
            if trial.blockIndex != currentBlock {
                if let table { lines.append(table.render()) }
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
                table = TextTable(["#", "set", "trial", "kind", "cue", "lights", "sound", "expect", "foreperiod"])
            }
            let expect = profile.sides.compactMap { side in trial.expected[side].map { profile.isHeadToHead ? "\(side):\($0)" : $0 } }
            table?.add([
                "\(trial.index + 1)", "\(trial.set)", "\(trial.trialInSet)", trial.kind.rawValue, trial.cueName ?? "–",
                trial.lights.isEmpty ? "–" : trial.lights.joined(separator: "+"), trial.sound ?? "–",
                expect.isEmpty ? "withhold" : expect.joined(separator: " "), trial.foreperiod.compactDescription,
            ])
        }
        if let table { lines.append(table.render()) }
        return lines.joined(separator: "\n")
    }
}
