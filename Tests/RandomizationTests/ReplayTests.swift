// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
@testable import Randomization

/// `armIndices` (the replay randomization inference uses) gives exactly the arms of
/// `assign(_:existing: [])`, for both designs, unequal ratios, three arms, strata interleaved
/// in enrolment order and strata of one participant.
final class ReplayTests: XCTestCase {
    func testArmIndicesEqualTheAssignmentsArms() throws {
        let arms = [Arm(name: "control", ratio: 2), Arm(name: "treated", ratio: 1), Arm(name: "other", ratio: 1)]
        var state: UInt64 = 99
        let strata = (0..<7).map { Stratum(values: ["m\($0)", "cash_benefit"]) }
        let people = (0..<1_001).map { i -> (id: ParticipantID, stratum: Stratum) in
            (ParticipantID("p\(i)"), strata[Int(SeededGenerator.splitMix64(&state) % (i < 1_000 ? 6 : 7))])
        }
        let layout = StratifiedRandomizer.ReplayLayout(strata: people.map(\.stratum))
        for design in [AllocationDesign.permutedBlocks(blockSizes: [4, 8, 12]), .complete] {
            for seed: UInt64 in [1, 20_160_301, .max] {
                let r = try StratifiedRandomizer(arms: arms, design: design, seed: seed)
                let names = r.assign(people, existing: []).map(\.arm)
                XCTAssertEqual(r.armIndices(layout).map { arms[$0].name }, names, "\(design) seed \(seed)")
            }
        }
    }
}
