// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
@testable import Randomization

/// The one-pass replay of a permuted-block trial equals the run-by-run replay `randomize`
/// defines, on seeded random trials: several strata, unequal arm ratios, random block sizes,
/// enrolment dates out of sequence order, runs of one participant (a served trial) and of many.
final class IncrementalReplayTests: XCTestCase {
    func testIncrementalReplayEqualsTheRunByRunReplay() throws {
        var g = SeededGenerator(seed: 2026)
        for trial in 0..<40 {
            let arms = trial % 3 == 0 ? [Arm(name: "control"), Arm(name: "treated", ratio: 2)] : [Arm(name: "control"), Arm(name: "treated")]
            let sizes = trial % 3 == 0 ? [3, 6] : [2, 4, 6]
            let r = try StratifiedRandomizer(arms: arms, design: .permutedBlocks(blockSizes: sizes), seed: UInt64(trial) &* 7919)
            let strata = (0..<(1 + g.uniform(below: 5))).map { Stratum(label: "s\($0)") }
            let n = 1 + g.uniform(below: 300)
            let people = (1...n).map { k in
                EnrolledParticipant(id: ParticipantID("p\(k)"), stratum: strata[g.uniform(below: strata.count)], sequence: k,
                                    enrolledOn: CalendarDate(daysSinceEpoch: 12_000 + g.uniform(below: 60)))
            }
            var runs = [RandomizationRun](), through = 0, number = 0
            while through < n {
                through = min(n, through + (trial % 2 == 0 ? 1 : 1 + g.uniform(below: 40)))
                number += 1
                runs.append(RandomizationRun(run: number, enrolledThrough: through, entryCount: 0, headHash: "", startedAt: ""))
            }
            let fast = AllocationReplay.incrementalReplay(r, participants: people.shuffled(using: &g), runs: runs)
            let reference = AllocationReplay.replayRunByRun(r, participants: people, runs: runs)
            XCTAssertEqual(fast.count, reference.count, "trial \(trial)")
            for (a, b) in zip(fast, reference) {
                XCTAssertEqual(a.run, b.run, "trial \(trial)")
                XCTAssertEqual(a.assignment, b.assignment, "trial \(trial)")
            }
        }
    }
}
