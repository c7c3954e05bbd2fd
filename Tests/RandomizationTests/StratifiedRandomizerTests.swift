// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
@testable import Randomization

final class StratifiedRandomizerTests: XCTestCase {
    /// Reference outputs from an independent Python transcription of SplitMix64 + xoshiro256**
    /// (Vigna's reference C code): `X(20160301).next()` three times, and FNV-1a-64.
    func testGeneratorMatchesIndependentImplementation() {
        var g = SeededGenerator(seed: 20_160_301)
        XCTAssertEqual([g.next(), g.next(), g.next()],
                       [14_382_450_611_544_214_188, 16_135_622_882_422_763_424, 6_494_910_078_582_625_655])
        XCTAssertEqual(SeededGenerator.fnv1a64("Aalborg|cash_benefit"), 8_850_842_973_024_706_156)
    }

    func testUniformIsInRangeAndRoughlyFlat() {
        var g = SeededGenerator(seed: 7)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[g.uniform(below: 6)] += 1 }
        // Each cell ~ Binomial(60000, 1/6): sd ≈ 91; 6 sd bounds cannot fail by chance in practice.
        for c in counts { XCTAssertEqual(Double(c), 10_000, accuracy: 550) }
    }

    private func roster(_ n: Int, strata: [Stratum]) -> [(id: ParticipantID, stratum: Stratum)] {
        (0..<n).map { (ParticipantID("p\($0)"), strata[$0 % strata.count]) }
    }

    func testPermutedBlocksBalanceAndReplay() throws {
        let arms = [Arm(name: "control"), Arm(name: "treated")]
        let r = try StratifiedRandomizer(arms: arms, design: .permutedBlocks(blockSizes: [2, 4, 6]), seed: 42)
        let strata = [Stratum(values: ["A", "cash_benefit"]), Stratum(values: ["B", "cash_benefit"])]
        let people = roster(403, strata: strata)
        let all = r.assign(people, existing: [])
        XCTAssertEqual(all.count, 403)
        XCTAssertEqual(all, r.assign(people, existing: []), "same seed and roster must give the same assignments")
        // Every complete block is balanced; within a stratum the imbalance never exceeds half the largest block.
        for s in strata {
            let rows = all.filter { $0.stratum == s }
            var running = 0
            for a in rows {
                running += a.arm == "treated" ? 1 : -1
                XCTAssertLessThanOrEqual(abs(running), 3)
            }
            let blocks = Dictionary(grouping: rows, by: \.block)
            for (b, members) in blocks where b < blocks.keys.max()! {
                XCTAssertEqual(members.filter { $0.arm == "treated" }.count * 2, members.count)
                XCTAssertTrue([2, 4, 6].contains(members.count))
            }
        }
        // Enrolling more later assigns only the new ones and changes nobody.
        let first = r.assign(Array(people.prefix(250)), existing: [])
        let later = r.assign(people, existing: first)
        XCTAssertEqual(later.count, 153)
        XCTAssertEqual(first + later, first + all.dropFirst(250))
        XCTAssertEqual(Set(first + later), Set(all))
    }

    func testUnequalRatio() throws {
        let arms = [Arm(name: "control", ratio: 1), Arm(name: "treated", ratio: 2)]
        XCTAssertThrowsError(try StratifiedRandomizer(arms: arms, design: .permutedBlocks(blockSizes: [4]), seed: 1)) {
            XCTAssertEqual($0 as? RandomizationError, .blockSizeNotMultipleOfRatio(size: 4, ratioSum: 3))
        }
        let r = try StratifiedRandomizer(arms: arms, design: .permutedBlocks(blockSizes: [3, 6]), seed: 1)
        let a = r.assign(roster(300, strata: [Stratum(values: ["S"])]), existing: [])
        let treated = a.filter { $0.arm == "treated" }.count
        XCTAssertLessThanOrEqual(abs(treated - 200), 4)
    }

    func testCompleteRandomizationExactCounts() throws {
        let arms = [Arm(name: "municipality"), Arm(name: "other_actor")]
        let r = try StratifiedRandomizer(arms: arms, design: .complete, seed: 2005)
        let strata = (1...4).map { Stratum(values: ["M\($0)", "flexjob_waiting_benefit"]) }
        let a = r.assign(roster(240, strata: strata), existing: [])
        for s in strata {
            let rows = a.filter { $0.stratum == s }
            XCTAssertEqual(rows.count, 60)
            XCTAssertEqual(rows.filter { $0.arm == "other_actor" }.count, 30)
        }
        // An odd batch gets the extra place by a seeded draw, still exact in total.
        let odd = r.completeBatch(stratum: strata[0], batch: 1, count: 7)
        XCTAssertEqual(odd.count, 7)
        XCTAssertTrue([3, 4].contains(odd.filter { $0 == "other_actor" }.count))
        XCTAssertEqual(odd, r.completeBatch(stratum: strata[0], batch: 1, count: 7))
    }
}
