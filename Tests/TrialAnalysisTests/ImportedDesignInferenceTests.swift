// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Randomization
import TrialModel
@testable import TrialAnalysis

/// Randomization inference under the design assumed for an allocation drawn outside Effekt,
/// against an independent exact enumeration: every one of the 2ⁿ arm vectors is visited by a
/// bit loop, kept when the assumed design can draw it (same arm counts per stratum or per
/// block; any vector under Bernoulli) and weighted by its probability (1 / #kept, or
/// ∏ p(armᵢ) with p = ratio / Σ ratio). Statistic: the difference in means of a fixed outcome.
final class ImportedDesignInferenceTests: XCTestCase {
    struct Case {
        let assumed: AssumedDesign
        let arms: [Arm]
        /// Per unit: group label (stratum), block and arm (0 control, 1 treated).
        let units: [(stratum: String, block: Int, arm: Int)]
        let y: [Double]
    }

    static func outcome(_ n: Int, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<n).map { _ in Double(g.uniform(below: 1000)) / 100 }
    }

    @Sendable static func difference(_ y: [Double], _ t: [Bool]) -> Double {
        var st = 0.0, sc = 0.0, nt = 0.0, nc = 0.0
        for i in y.indices { if t[i] { st += y[i]; nt += 1 } else { sc += y[i]; nc += 1 } }
        return st / nt - sc / nc
    }

    /// The exact p-value and the number of assignments the design can draw, by brute force.
    static func bruteForce(_ c: Case) -> (p: Double, count: Int) {
        let n = c.units.count
        let observed = difference(c.y, c.units.map { $0.arm == 1 })
        let tolerance = 1e-12 * max(1, abs(observed))
        func key(_ i: Int) -> String { c.assumed == .permutedBlocks ? "\(c.units[i].stratum)#\(c.units[i].block)" : c.units[i].stratum }
        let keys = Array(Set((0..<n).map(key))).sorted()
        let group = (0..<n).map { keys.firstIndex(of: key($0))! }
        var target = [Int](repeating: 0, count: keys.count)
        for i in 0..<n where c.units[i].arm == 1 { target[group[i]] += 1 }
        let p1 = Double(c.arms[1].ratio) / Double(c.arms[0].ratio + c.arms[1].ratio)
        let sumY = c.y.reduce(0, +)
        var extreme = 0.0, total = 0.0, count = 0
        var treated = [Int](repeating: 0, count: keys.count)
        for mask in 0..<(1 << n) {
            var weight = 1.0, st = 0.0, nt = 0
            for k in treated.indices { treated[k] = 0 }
            for i in 0..<n {
                if mask >> i & 1 == 1 {
                    treated[group[i]] += 1; st += c.y[i]; nt += 1
                    if c.assumed == .bernoulli { weight *= p1 }
                } else if c.assumed == .bernoulli { weight *= 1 - p1 }
            }
            if c.assumed != .bernoulli && treated != target { continue }
            count += 1
            total += weight
            let value = st / Double(nt) - (sumY - st) / Double(n - nt)
            if abs(value) >= abs(observed) - tolerance { extreme += weight }
        }
        return (extreme / total, count)
    }

    static func inference(_ c: Case, permutations: Int = 4000, seed: UInt64 = 99, batch: Int = 1) -> RandomizationInference {
        let units = c.units.enumerated().map { i, u in
            Assignment(participant: ParticipantID("p\(i)"), stratum: Stratum(values: [u.stratum]), block: u.block, position: 1,
                       arm: c.arms[u.arm].name)
        }
        let space = ImportedAssignmentSpace(assumed: c.assumed, arms: c.arms, units: units)
        let y = c.y
        let observed = difference(y, c.units.map { $0.arm == 1 })
        let size = batch
        let statistics: @Sendable ([[Bool]]) -> [[Double]] = { indicators in
            precondition(indicators.count <= size)
            return indicators.map { [difference(y, $0)] }
        }
        return RandomizationInference(observed: [observed], space: space, treatedArm: c.arms[1].name,
                                      permutations: permutations, seed: seed, statistic: { [difference(y, $0)] },
                                      batch: batch, statistics: batch == 1 ? nil : statistics)
    }

    static let equal = [Arm(name: "control"), Arm(name: "treatment")]

    /// Strata of 4, 5 and 3 with 2, 3 and 1 treated: 6 · 10 · 3 = 180 assignments.
    static let completeSmall = Case(assumed: .completeWithinStrata, arms: equal,
        units: [("A", 1, 1), ("A", 1, 0), ("A", 1, 1), ("A", 1, 0),
                ("B", 1, 0), ("B", 1, 1), ("B", 1, 1), ("B", 1, 0), ("B", 1, 1),
                ("C", 1, 0), ("C", 1, 1), ("C", 1, 0)], y: outcome(12, seed: 1))
    /// Ten people, ratio 1:2: 2¹⁰ = 1,024 assignments of unequal probability.
    static let bernoulliSmall = Case(assumed: .bernoulli, arms: [Arm(name: "control", ratio: 1), Arm(name: "treatment", ratio: 2)],
        units: [0, 1, 1, 0, 1, 1, 1, 0, 1, 0].map { ("A", 1, $0) }, y: outcome(10, seed: 2))
    /// Blocks of 4, 4 and an incomplete 2 (1/1) in A; 4 and an incomplete 3 (2/1) in B:
    /// 6 · 6 · 2 · 6 · 3 = 1,296 assignments.
    static let blocksSmall = Case(assumed: .permutedBlocks, arms: equal,
        units: [("A", 1, 1), ("A", 1, 0), ("A", 1, 0), ("A", 1, 1), ("A", 2, 0), ("A", 2, 1), ("A", 2, 1), ("A", 2, 0),
                ("A", 3, 1), ("A", 3, 0), ("B", 1, 0), ("B", 1, 0), ("B", 1, 1), ("B", 1, 1), ("B", 2, 1), ("B", 2, 0), ("B", 2, 1)],
        y: outcome(17, seed: 3))

    func testSmallDesignsAreEnumeratedExactly() throws {
        for (c, count) in [(Self.completeSmall, 180), (Self.bernoulliSmall, 1024), (Self.blocksSmall, 1296)] {
            let exact = Self.bruteForce(c)
            XCTAssertEqual(exact.count, count, "\(c.assumed): hand count")
            let ri = Self.inference(c)
            XCTAssertTrue(ri.enumerated, "\(c.assumed)")
            XCTAssertEqual(ri.permutations, count, "\(c.assumed)")
            XCTAssertEqual(ri.pValues[0], exact.p, accuracy: 1e-12, "\(c.assumed)")
            XCTAssertGreaterThan(exact.p, 0.01, "\(c.assumed): a p-value that can tell designs apart")
        }
    }

    /// Over 10,000 assignments: drawn, within 3 Monte Carlo standard errors of the exact value.
    func testLargeDesignsAreDrawnWithinThreeMonteCarloStandardErrors() throws {
        // Two strata of 10, 5 treated each: 252² = 63,504 assignments.
        let complete = Case(assumed: .completeWithinStrata, arms: Self.equal,
                            units: (0..<20).map { (($0 < 10 ? "A" : "B"), 1, $0 % 2) }, y: Self.outcome(20, seed: 4))
        // Fifteen people, 1:1: 32,768 assignments.
        let bernoulli = Case(assumed: .bernoulli, arms: Self.equal, units: (0..<15).map { ("A", 1, $0 % 3 == 0 ? 1 : 0) },
                             y: Self.outcome(15, seed: 5))
        // Blocks of 6, 6, 4, 4 in one stratum: 20 · 20 · 6 · 6 = 14,400 assignments.
        let sizes = [6, 6, 4, 4]
        let blockUnits = sizes.enumerated().flatMap { b, size in (0..<size).map { ("A", b + 1, $0 % 2) } }
        let blocks = Case(assumed: .permutedBlocks, arms: Self.equal, units: blockUnits, y: Self.outcome(20, seed: 6))
        for (c, count) in [(complete, 63_504), (bernoulli, 32_768), (blocks, 14_400)] {
            let exact = Self.bruteForce(c)
            XCTAssertEqual(exact.count, count, "\(c.assumed)")
            let n = 4000
            let ri = Self.inference(c, permutations: n)
            XCTAssertFalse(ri.enumerated, "\(c.assumed)")
            let se = (exact.p * (1 - exact.p) / Double(n)).squareRoot()
            XCTAssertEqual(ri.pValues[0], exact.p, accuracy: 3 * se, "\(c.assumed): exact \(exact.p), drawn \(ri.pValues[0])")
            XCTAssertEqual(Self.inference(c, permutations: n).pValues, ri.pValues, "same seed, same draws")
            XCTAssertEqual(Self.inference(c, permutations: n, batch: 64).atLeastAsExtreme, ri.atLeastAsExtreme,
                           "\(c.assumed): replays in batches, same draws")
        }
    }

    func testMultisetPermutationsAreDistinctAndComplete() {
        var a = [0, 0, 1, 1, 2]
        var seen = Set<[Int]>()
        repeat { XCTAssertTrue(seen.insert(a).inserted) } while ImportedAssignmentSpace.nextPermutation(&a)
        XCTAssertEqual(seen.count, 30)   // 5! / (2! 2! 1!)
        XCTAssertEqual(a, [0, 0, 1, 1, 2])
    }
}
