// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// The one CONSORT count: followed up when the last record reaches the last follow-up week; lost
/// otherwise, with the reason `LossReason` gives. Hand-made participants.
final class ConsortTallyTests: XCTestCase {
    func testCountsByArmAndReason() throws {
        var tally = ConsortTally(arms: ["control", "treated"], followUpWeeks: 10)
        let exit = try XCTUnwrap(BenefitStatus.absorbingExits.first)
        let last = try XCTUnwrap(BenefitStatus.allCases.first { !$0.isAbsorbingExit })
        tally.add(arm: "control", lastWeek: 10, lastStatus: last)       // followed up
        tally.add(arm: "control", lastWeek: 12, lastStatus: last)       // followed up (beyond the end)
        tally.add(arm: "control", lastWeek: 4, lastStatus: exit)        // lost: the exit
        tally.add(arm: "treated", lastWeek: 4, lastStatus: last)        // lost: records end early
        tally.add(arm: "treated", lastWeek: nil, lastStatus: nil)       // lost: no records
        tally.add(arm: "treated", lastWeek: 10, lastStatus: exit)       // followed up: the exit is in the last week
        XCTAssertEqual(tally.randomized.map(\.count), [3, 3])
        XCTAssertEqual(tally.randomizedTotal, 6)
        XCTAssertEqual(tally.followedUp.map(\.count), [2, 1])
        let lost = Dictionary(uniqueKeysWithValues: tally.lost.map { ($0.reason, $0.arms.map(\.count)) })
        XCTAssertEqual(lost, [.exit(exit): [1, 0], .recordsEndEarly: [0, 1], .noWeeklyRecords: [0, 1]])
        XCTAssertEqual(tally.lost.map(\.reason), LossReason.allCases.filter { lost[$0] != nil }, "report order")
    }
}
