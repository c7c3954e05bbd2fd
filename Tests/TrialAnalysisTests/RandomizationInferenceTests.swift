// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
@testable import TrialAnalysis

final class RandomizationInferenceTests: XCTestCase {
    /// Hand-checkable: 4 people in one stratum, complete design 2/2 → 6 equally likely
    /// assignments. With y = (1, 2, 3, 10) and the difference in means, the observed split
    /// {3, 4} treated gives T = 6.5 − 1.5 = 5; |T| ≥ 5 only for {3,4} and {1,2} (T = −5),
    /// so the exact p-value is 2/6; with many replays the estimate converges to 1/3.
    func testConvergesToExactPermutationPValue() throws {
        let y = [1.0, 2, 3, 10]
        let s = Stratum(values: ["S"])
        let people = (0..<4).map { (id: ParticipantID("p\($0)"), stratum: s) }
        @Sendable func diff(_ t: [Bool]) -> Double {
            let tr = zip(y, t).filter { $0.1 }.map(\.0), co = zip(y, t).filter { !$0.1 }.map(\.0)
            return tr.reduce(0, +) / Double(tr.count) - co.reduce(0, +) / Double(co.count)
        }
        let ri = try RandomizationInference(observed: [5], participants: people,
                                            arms: [Arm(name: "c"), Arm(name: "t")], design: .complete,
                                            treatedArm: "t", permutations: 6000, seed: 11, statistic: { [diff($0)] })
        // Binomial(6000, 1/3) SE ≈ 0.0061; 5 SE.
        XCTAssertEqual(ri.pValues[0], 1.0 / 3, accuracy: 0.031)
        XCTAssertGreaterThan(ri.plusOnePValues[0], ri.pValues[0])
        // Same seed, same answer.
        let again = try RandomizationInference(observed: [5], participants: people,
                                               arms: [Arm(name: "c"), Arm(name: "t")], design: .complete,
                                               treatedArm: "t", permutations: 6000, seed: 11, statistic: { [diff($0)] })
        XCTAssertEqual(again.atLeastAsExtreme, ri.atLeastAsExtreme)
    }

    /// Batching replays changes nothing: the same draws reach the statistic (each indicator
    /// recorded by permutation), so the counts equal the one-at-a-time run for any batch size.
    func testBatchesGiveTheSameDrawsAndCounts() throws {
        let strata = (0..<3).map { Stratum(values: ["s\($0)"]) }
        let people = (0..<61).map { (id: ParticipantID("p\($0)"), stratum: strata[$0 % 3]) }
        let y = (0..<61).map { Double(($0 * 37) % 11) }
        @Sendable func diff(_ t: [Bool]) -> Double {
            let tr = zip(y, t).filter { $0.1 }.map(\.0), co = zip(y, t).filter { !$0.1 }.map(\.0)
            return tr.reduce(0, +) / Double(tr.count) - co.reduce(0, +) / Double(co.count)
        }
        let arms = [Arm(name: "c"), Arm(name: "t")]
        let single = try RandomizationInference(observed: [0.4], participants: people, arms: arms,
                                                design: .permutedBlocks(blockSizes: [2, 4]), treatedArm: "t",
                                                permutations: 101, seed: 5, statistic: { [diff($0)] })
        for batch in [1, 7, 64, 500] {
            let batched = try RandomizationInference(observed: [0.4], participants: people, arms: arms,
                                                     design: .permutedBlocks(blockSizes: [2, 4]), treatedArm: "t",
                                                     permutations: 101, seed: 5, batch: batch,
                                                     statistics: { indicators in
                                                         XCTAssertLessThanOrEqual(indicators.count, batch)
                                                         return indicators.map { [diff($0)] }
                                                     })
            XCTAssertEqual(batched.atLeastAsExtreme, single.atLeastAsExtreme, "batch \(batch)")
            XCTAssertEqual(batched.pValues, single.pValues)
        }
        XCTAssertGreaterThan(single.atLeastAsExtreme[0], 0)
        XCTAssertLessThan(single.atLeastAsExtreme[0], 101)
    }
}
