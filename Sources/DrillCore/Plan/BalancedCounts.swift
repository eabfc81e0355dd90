/// How many times each cue (and the catch "no cue") appears in one balanced
/// set: the no-go and catch probabilities fix the kind counts, the cue
/// weights share out each kind (largest remainder, ties to the cue listed
/// first, or in `tieOrder` when the seed draws the odd split).
struct BalancedCounts {
    /// (cue name, or nil for a catch trial) and its count, in a fixed order.
    let items: [(cueName: String?, count: Int)]

    /// - Parameter tieOrder: the cues' names in the order ties are given (nil: as listed).
    init(block: Block, cues: [Cue], trials: Int, tieOrder: [String]? = nil) {
        let rules = block.rules
        let catchCount = Int((rules.catchProbability * Double(trials)).rounded())
        let noGoCount = Int((rules.noGoProbability * Double(trials - catchCount)).rounded())
        let goCount = trials - catchCount - noGoCount
        var items: [(String?, Int)] = []
        items += Self.share(goCount, among: cues.filter { !$0.isNoGo }, tieOrder: tieOrder).map { ($0.0, $0.1) }
        items += Self.share(noGoCount, among: cues.filter(\.isNoGo), tieOrder: tieOrder).map { ($0.0, $0.1) }
        if catchCount > 0 { items.append((nil, catchCount)) }
        self.items = items.filter { $0.1 > 0 }
    }

    /// Splits `total` among `cues` in proportion to their weights.
    static func share(_ total: Int, among cues: [Cue], tieOrder: [String]? = nil) -> [(String, Int)] {
        guard total > 0, !cues.isEmpty else { return [] }
        let weightSum = cues.reduce(0) { $0 + $1.weight }
        var counts = cues.map { total * $0.weight / weightSum }
        let rank = { (index: Int) in tieOrder?.firstIndex(of: cues[index].name) ?? index }
        let remainders = cues.indices.map { (index: $0, remainder: (total * cues[$0].weight) % weightSum) }
        var left = total - counts.reduce(0, +)
        for entry in remainders.sorted(by: { $0.remainder > $1.remainder || ($0.remainder == $1.remainder && rank($0.index) < rank($1.index)) }) where left > 0 {
            counts[entry.index] += 1
            left -= 1
        }
        return zip(cues, counts).map { ($0.name, $1) }
    }

    /// Why no order of these items can keep every run at most `maxRepeats`
    /// long, or nil when one exists. The most frequent item (count m) needs
    /// the others (count r) to split it into runs: m ≤ maxRepeats × (r + 1).
    /// A block with a single kind of trial has nothing to balance: no cap.
    func repeatCapProblem(maxRepeats: Int) -> String? {
        guard items.count > 1, let largest = items.max(by: { $0.count < $1.count }) else { return nil }
        let others = items.reduce(0) { $0 + $1.count } - largest.count
        guard largest.count > maxRepeats * (others + 1) else { return nil }
        let label = largest.cueName.map { "cue '\($0)'" } ?? "catch trials"
        return "a balanced set cannot keep \(label) (\(largest.count) of \(largest.count + others) trials) to at most \(maxRepeats) in a row"
    }
}
