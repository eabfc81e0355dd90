import Foundation

/// xoshiro256** (Blackman & Vigna, 2018), seeded through SplitMix64.
///
/// Plans and virtual athletes must be identical on every machine and Swift
/// version, so Snapcue never uses the system generator. The algorithm is the
/// published reference: state words `s0…s3`, output `rotl(s1 * 5, 7) * 9`.
/// A 64-bit seed is expanded to the 256-bit state with SplitMix64, as the
/// authors recommend.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose whole output sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

extension SeededGenerator {
    /// A uniform double in [0, 1) from the top 53 bits of one output.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's
    /// multiply-and-reject method). Specified here because the standard
    /// library's `random(in:using:)` algorithm is not a stable contract.
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// True with probability `probability`.
    public mutating func nextBernoulli(_ probability: Double) -> Bool {
        nextUnitInterval() < probability
    }

    /// A standard normal deviate (Box–Muller, the cosine branch only, so each
    /// call consumes exactly two outputs).
    public mutating func nextStandardNormal() -> Double {
        let u1 = 1.0 - nextUnitInterval()  // (0, 1]: log stays finite
        let u2 = nextUnitInterval()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// An exponential deviate with the given mean.
    public mutating func nextExponential(mean: Double) -> Double {
        -mean * log(1.0 - nextUnitInterval())
    }

    /// A Fisher–Yates shuffle that consumes the generator in a documented order
    /// (from the last index down), unlike `shuffle(using:)`.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            let other = nextIndex(below: index + 1)
            array.swapAt(index, other)
        }
    }
}
