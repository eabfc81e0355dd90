/// Draws the trials of a set that ends by time or by hits, one at a time, as
/// the set runs: the same plan seed, block and set give the same trials.
///
/// Its generator is its own (seeded from the plan's seed, the block and the
/// set), so how long one open set ran never changes the trials of another.
/// Random order draws each cue as it is needed; sequence order cycles through
/// the block's cues; balanced order shuffles rounds of
/// `PlanGenerator.balancedRound(cues:)` trials with the block's repeat cap.
public struct OpenSetDraw: Sendable {
    private let generator: PlanGenerator
    private let blockIndex: Int
    private let set: Int
    private var random: SeededGenerator
    private var queued: [Cue?] = []
    private var drawn = 0

    public init(profile: Profile, seed: UInt64, blockIndex: Int, set: Int) {
        generator = PlanGenerator(profile: profile)
        self.blockIndex = blockIndex
        self.set = set
        let mixed = seed ^ (UInt64(blockIndex + 1) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(set) &* 0xBF58_476D_1CE4_E5B9)
        random = SeededGenerator(seed: mixed)
    }

    /// The set's next trial, numbered `index` in the whole drill.
    public mutating func next(index: Int) -> PlannedTrial {
        if queued.isEmpty { refill() }
        let cue = queued.removeFirst()
        drawn += 1
        return generator.trial(cue, index: index, blockIndex: blockIndex, set: set, trialInSet: drawn, using: &random)
    }

    private mutating func refill() {
        guard generator.profile.partner == nil else {
            queued = [nil]  // the partner chooses each cue
            return
        }
        let block = generator.profile.blocks[blockIndex]
        let cues = block.cueNames.compactMap(generator.profile.cue(named:))
        let count: Int = switch block.rules.order {
        case .random: 1
        case .sequence: cues.count
        case .balanced: PlanGenerator.balancedRound(cues: cues.count)
        }
        // Validation checked that a balanced round can keep its cap; should it not, draw at random.
        queued = (try? generator.cueOrder(for: block, cues: cues, count: count, using: &random))
            ?? [PlanGenerator.weightedPick(cues.filter { !$0.isNoGo }, using: &random)]
    }
}
