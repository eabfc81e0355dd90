import DrillStation

extension DrillSetup {
    /// `Kim: ` before a side's figures in a head-to-head drill, so each line says whose they are; nothing otherwise.
    func whose(_ side: String) -> String {
        profile.isHeadToHead ? "\(athletes[side] ?? side): " : ""
    }
}
