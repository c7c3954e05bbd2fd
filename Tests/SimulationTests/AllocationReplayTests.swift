// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Randomization
import Simulation
import TrialModel
import XCTest

/// `allocation.csv` is what Effekt's randomizer gives when replayed on `roster.csv`.
final class AllocationReplayTests: XCTestCase {
    /// The randomization each shipped trial.toml names (checked against the file's text below).
    private func design(_ kind: SyntheticTrialKind) -> (strata: [String], design: AllocationDesign, arms: [String], toml: [String]) {
        switch kind {
        case .flexjob:
            return (["municipality"], .complete, ["municipality", "other_actor"],
                    ["design = \"complete\"", "strata = [\"municipality\"]"])
        case .jobfirst:
            return (["municipality", "benefit"], .permutedBlocks(blockSizes: [2, 4, 6]), ["control", "jobfirst"],
                    ["design = \"permuted_blocks\"", "strata = [\"municipality\", \"benefit\"]", "block_sizes = [2, 4, 6]"])
        }
    }

    func testAllocationReplaysFromRosterAndSeed() throws {
        for kind in SyntheticTrialKind.allCases {
            let d = design(kind)
            let toml = try String(contentsOf: ShippedData.folder(kind).appendingPathComponent("trial.toml"), encoding: .utf8)
            for line in d.toml + ["seed = \(kind.shippedSeed)"] {
                XCTAssert(toml.contains(line), "\(kind.rawValue)/trial.toml lacks `\(line)`")
            }
            let arms = d.arms.map { Arm(name: $0) }
            for name in d.arms { XCTAssert(toml.contains("name = \"\(name)\""), "\(kind.rawValue)/trial.toml lacks arm \(name)") }

            // Roster in enrolment order (date, then file order: a stable sort).
            let roster = try ShippedData.table(kind, "roster.csv")
            let col = Dictionary(uniqueKeysWithValues: roster.header.enumerated().map { ($1, $0) })
            let ordered = roster.rows.enumerated().sorted { a, b in
                let (da, db) = (a.element[col["enrolled_on"]!], b.element[col["enrolled_on"]!])
                return da != db ? da < db : a.offset < b.offset
            }.map(\.element)
            let participants = ordered.map { row in
                (id: ParticipantID(row[col["id"]!]), stratum: Stratum(values: d.strata.map { row[col[$0]!] }))
            }
            let replayed = try StratifiedRandomizer(arms: arms, design: d.design, seed: kind.shippedSeed)
                .assign(participants, existing: [])

            let allocation = try ShippedData.table(kind, "allocation.csv")
            XCTAssertEqual(allocation.header, ["id", "stratum", "block", "position", "arm", "assigned_on", "algorithm"])
            let shipped = Dictionary(uniqueKeysWithValues: allocation.rows.map { ($0[0], $0) })
            XCTAssertEqual(shipped.count, replayed.count)
            for a in replayed {
                guard let row = shipped[a.participant.rawValue] else { XCTFail("\(a.participant) missing"); continue }
                XCTAssertEqual(row[1...4], [a.stratum.label, String(a.block), String(a.position), a.arm][...],
                               "\(kind.rawValue): \(a.participant) differs from the replay")
                XCTAssertEqual(row[6], StratifiedRandomizer.algorithmVersion)
            }
        }
    }
}
