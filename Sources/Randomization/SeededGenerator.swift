// SPDX-License-Identifier: GPL-3.0-or-later

/// Effekt's documented pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The output depends only on the 64-bit seed, never on the platform, the Swift version or
/// the standard library's `random(in:)` algorithms (which may change): every draw used by the
/// randomizer goes through `next()` and `uniform(below:)`, both defined here in integer arithmetic.
///
/// - Seeding: the four state words are four consecutive outputs of SplitMix64 started at `seed`.
/// - Step: xoshiro256** 1.0 (Blackman & Vigna 2018).
/// - Bounded integers: `uniform(below: n)` rejects draws below `2⁶⁴ mod n` and returns
///   `x mod n` otherwise (unbiased; Lemire's threshold).
///
/// Reference: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47 (2021); G. Steele et al., "Fast splittable pseudorandom number generators" (2014).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var sm = seed
        s0 = SeededGenerator.splitMix64(&sm)
        s1 = SeededGenerator.splitMix64(&sm)
        s2 = SeededGenerator.splitMix64(&sm)
        s3 = SeededGenerator.splitMix64(&sm)
    }

    /// One SplitMix64 step: advances `state` and returns the mixed output.
    public static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = SeededGenerator.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = SeededGenerator.rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<n`. Precondition: `n > 0`.
    public mutating func uniform(below n: Int) -> Int {
        precondition(n > 0, "uniform(below:) needs a positive bound")
        let bound = UInt64(n)
        let threshold = (0 &- bound) % bound   // 2⁶⁴ mod n
        while true {
            let x = next()
            if x >= threshold { return Int(x % bound) }
        }
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func unitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Fisher–Yates shuffle (Durstenfeld), drawing `uniform(below: i + 1)` for i = n−1 … 1.
    public mutating func shuffle<T>(_ a: inout [T]) {
        var i = a.count - 1
        while i > 0 {
            let j = uniform(below: i + 1)
            a.swapAt(i, j)
            i -= 1
        }
    }

    /// A generator for a named sub-stream: seeded with SplitMix64 of `seed ⊕ FNV-1a-64(name)`.
    ///
    /// Used so that each stratum has its own stream, independent of how enrolments interleave
    /// across strata.
    public static func substream(seed: UInt64, name: String) -> SeededGenerator {
        var state = seed ^ fnv1a64(name)
        return SeededGenerator(seed: splitMix64(&state))
    }

    /// FNV-1a 64-bit hash of the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}
