// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// The assignments the design assumed for an external allocation could have drawn: what
/// randomization inference replays when Effekt did not draw the allocation itself.
///
/// - `complete_within_strata`: the imported arm counts of each stratum are fixed; every
///   arrangement of them within the stratum is equally likely. Number of assignments:
///   `∏ₛ nₛ! / ∏ₐ nₛₐ!`.
/// - `permuted_blocks`: the same within each (stratum, block) of the import. A full block's
///   composition is fixed by the design; an incomplete last block is taken with the
///   composition it has (the test conditions on it, under which every order is equally likely).
/// - `bernoulli`: each participant independently, arm `a` with probability `ratioₐ / Σ ratio`.
///   Number of assignments: `kⁿ` for k arms, with probability `∏ᵢ p(aᵢ)` each.
///
/// Reference: Gerber & Green, *Field Experiments* (2012), ch. 3; ri2's `declare_ra`
/// (`block_ra` with fixed counts, `simple_ra` with `prob_each`).
public struct ImportedAssignmentSpace: Sendable {
    /// Arm names in the trial's order; assignments are arm indices into it.
    public let arms: [String]
    /// The imported arm index of each unit, in the order given.
    public let observed: [Int]
    public let assumed: AssumedDesign
    /// Units per group (stratum, or stratum and block) for the permutation designs.
    let groups: [[Int]]
    /// Bernoulli: the arms' ratios (probability = ratio / sum).
    let ratios: [Int]

    /// - Parameter units: the imported assignment of each unit, in the order the statistic expects.
    /// - Precondition: every unit's arm is one of `arms`.
    public init(assumed: AssumedDesign, arms: [Arm], units: [Assignment]) {
        self.assumed = assumed
        self.arms = arms.map(\.name)
        self.ratios = arms.map(\.ratio)
        let index = Dictionary(arms.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.observed = units.map { index[$0.arm]! }
        var keys = [String: Int](), groups = [[Int]]()
        for (i, u) in units.enumerated() {
            let key = assumed == .permutedBlocks ? "\(u.stratum.label)\u{1F}\(u.block)" : u.stratum.label
            if let g = keys[key] { groups[g].append(i) } else { keys[key] = groups.count; groups.append([i]) }
        }
        self.groups = assumed == .bernoulli ? [] : groups
    }

    /// The natural logarithm of the number of possible assignments.
    public var logCount: Double {
        switch assumed {
        case .bernoulli:
            return Double(observed.count) * log(Double(ratios.filter { $0 > 0 }.count))
        case .completeWithinStrata, .permutedBlocks:
            var total = 0.0
            for g in groups {
                total += lgamma(Double(g.count + 1))
                var counts = [Int: Int]()
                for i in g { counts[observed[i], default: 0] += 1 }
                for c in counts.values { total -= lgamma(Double(c + 1)) }
            }
            return total
        }
    }

    /// The number of possible assignments when it is at most `limit`, else nil.
    public func count(atMost limit: Int) -> Int? {
        guard logCount <= log(Double(limit)) + 1e-9 else { return nil }
        var n = 0
        enumerate { _, _ in n += 1 }
        return n <= limit ? n : nil
    }

    /// Calls `body` with every possible assignment (arm index per unit) and its probability.
    /// Precondition: the count is small (see `count(atMost:)`). Complexity: O(count × n).
    public func enumerate(_ body: ([Int], Double) -> Void) {
        switch assumed {
        case .bernoulli:
            let total = Double(ratios.reduce(0, +))
            let p = ratios.map { Double($0) / total }
            let possible = ratios.indices.filter { ratios[$0] > 0 }
            var digits = [Int](repeating: 0, count: observed.count)
            while true {
                let assignment = digits.map { possible[$0] }
                body(assignment, assignment.reduce(1.0) { $0 * p[$1] })
                var k = 0
                while k < digits.count {
                    digits[k] += 1
                    if digits[k] < possible.count { break }
                    digits[k] = 0
                    k += 1
                }
                if k == digits.count { return }
            }
        case .completeWithinStrata, .permutedBlocks:
            var arrangement = groups.map { g in g.map { observed[$0] }.sorted() }
            var all = [[Int]]()
            while true {
                var assignment = observed
                for (g, units) in groups.enumerated() { for (k, i) in units.enumerated() { assignment[i] = arrangement[g][k] } }
                all.append(assignment)
                var g = 0
                while g < arrangement.count {
                    if Self.nextPermutation(&arrangement[g]) { break }
                    g += 1      // wrapped round to sorted order: carry to the next group
                }
                if g == arrangement.count { break }
            }
            let weight = 1.0 / Double(all.count)
            for a in all { body(a, weight) }
        }
    }

    /// One assignment drawn from the design with `generator`: a Fisher–Yates shuffle of each
    /// group's imported arms, or independent draws `uniform(below: Σ ratio)` mapped to arms by
    /// their cumulative ratios. Complexity: O(n).
    public func draw(_ generator: inout SeededGenerator) -> [Int] {
        var out = observed
        switch assumed {
        case .bernoulli:
            let total = ratios.reduce(0, +)
            for i in out.indices {
                var u = generator.uniform(below: total), a = 0
                while u >= ratios[a] { u -= ratios[a]; a += 1 }
                out[i] = a
            }
        case .completeWithinStrata, .permutedBlocks:
            for g in groups {
                var arms = g.map { observed[$0] }
                generator.shuffle(&arms)
                for (k, i) in g.enumerated() { out[i] = arms[k] }
            }
        }
        return out
    }

    /// Rearranges `a` into the next permutation in lexicographic order (distinct permutations of
    /// a multiset); returns false, leaving `a` sorted, after the last one.
    public static func nextPermutation(_ a: inout [Int]) -> Bool {
        guard a.count > 1 else { return false }
        var i = a.count - 2
        while i >= 0 && a[i] >= a[i + 1] { i -= 1 }
        if i < 0 { a.reverse(); return false }
        var j = a.count - 1
        while a[j] <= a[i] { j -= 1 }
        a.swapAt(i, j)
        a[(i + 1)...].reverse()
        return true
    }
}
