// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization

/// The draws the simulators need, built only on `SeededGenerator`'s documented integer and
/// unit-interval outputs and exact arithmetic (no `log`/`exp`, whose last bit may differ between
/// C libraries), so that the data are the same on every machine and Swift version.
extension SeededGenerator {
    /// A uniform integer in `range`.
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + uniform(below: range.count)
    }

    /// True with probability `p`.
    mutating func bernoulli(_ p: Double) -> Bool { unitInterval() < p }

    /// `count` distinct elements of `items`, in random order (a partial Fisher–Yates shuffle).
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        precondition(count <= items.count, "Cannot draw \(count) of \(items.count)")
        var pool = items
        for i in 0..<count {
            let j = i + uniform(below: pool.count - i)
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(count))
    }
}

/// Index of the category drawn with the given cumulative probabilities (last one absorbs the rest).
func draw(cumulative: [Double], u: Double) -> Int {
    for (i, c) in cumulative.enumerated() where u < c { return i }
    return cumulative.count - 1
}
