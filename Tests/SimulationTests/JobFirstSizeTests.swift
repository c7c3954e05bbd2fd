// SPDX-License-Identifier: GPL-3.0-or-later
import Simulation
import TrialModel
import XCTest

/// `SyntheticTrialKind.jobFirst(seed:size:)`: the shipped size is the shipped trial; other sizes
/// have the requested participants and weeks (the benchmark's 100,000 × 104 trial, here small).
final class JobFirstSizeTests: XCTestCase {
    func testShippedSizeIsTheShippedTrial() {
        let seed = SyntheticTrialKind.jobfirst.shippedSeed
        let sized = SyntheticTrialKind.jobFirst(seed: seed, size: .shipped)
        let shipped = SyntheticTrialKind.jobfirst.simulate(seed: seed)
        XCTAssertEqual(sized.files.files.map(\.name), shipped.files.files.map(\.name))
        for (a, b) in zip(sized.files.files, shipped.files.files) { XCTAssertEqual(a.bytes, b.bytes, a.name) }
    }

    func testScaledTrialHasTheRequestedParticipantsAndWeeks() throws {
        let trial = SyntheticTrialKind.jobFirst(seed: 7, size: JobFirstSize(participants: 1_000, followUpWeeks: 104), tables: false)
        XCTAssertEqual(trial.participants.count, 1_000)
        XCTAssertEqual(trial.assignments.count, 1_000)
        XCTAssertEqual(trial.files.files.map(\.name), ["trial.toml"])
        let toml = String(decoding: trial.files.bytes(of: "trial.toml")!, as: UTF8.self)
        XCTAssertEqual(try TrialDefinition(toml: toml, file: "trial.toml").followUpWeeks, 104)
        XCTAssertEqual(trial.weeks.map(\.count).max(), 104)
        XCTAssert(trial.weeks.allSatisfy { rows in rows.enumerated().allSatisfy { $1.week == $0 + 1 } })
        XCTAssertEqual(Set(trial.participants.map(\.municipality)).count, 15)
    }
}
