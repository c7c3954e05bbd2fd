// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
import Randomization
import TrialStorage

final class AllocationStoreTests: TrialStoreTestCase {
    func testSameSeedAndRosterGiveTheSameAssignments() throws {
        let a = try openStore("a.sqlite"), b = try openStore("b.sqlite")
        try enroll(a); try enroll(b)
        try a.randomize(now: "2026-01-01T00:00:00Z"); try b.randomize(now: "2026-02-02T00:00:00Z")
        let la = try a.allocationLog().map(\.assignment), lb = try b.allocationLog().map(\.assignment)
        XCTAssertEqual(la.count, 40)
        XCTAssertEqual(la, lb)
        XCTAssertEqual(try a.verify(), [])
    }

    func testLaterEnrolmentsLeaveEarlierAssignmentsUnchangedAndBlocksBalance() throws {
        let store = try openStore()
        try enroll(store)
        let first = try store.randomize()
        XCTAssertEqual(first.run, 1)
        let before = try store.allocationLog()
        XCTAssertEqual(try store.randomize().run, nil, "nobody new: no run")
        try enroll(store, "roster-later.csv")
        let second = try store.randomize()
        XCTAssertEqual(second.run, 2); XCTAssertEqual(second.assigned, 8)
        let after = try store.allocationLog()
        XCTAssertEqual(Array(after.prefix(40)), before)
        XCTAssertEqual(try store.verify(), [])
        // Block balance in every stratum: each complete block holds both arms equally; the running
        // imbalance never exceeds half the largest block.
        for (_, rows) in Dictionary(grouping: after.map(\.assignment), by: \.stratum) {
            let blocks = Dictionary(grouping: rows, by: \.block)
            let lastBlock = blocks.keys.max()!
            for (b, members) in blocks where b < lastBlock {
                XCTAssertTrue([2, 4].contains(members.count))
                XCTAssertEqual(members.filter { $0.arm == "treatment" }.count * 2, members.count)
            }
            var running = 0
            for a in rows.sorted(by: { ($0.block, $0.position) < ($1.block, $1.position) }) {
                running += a.arm == "treatment" ? 1 : -1
                XCTAssertLessThanOrEqual(abs(running), 2)
            }
        }
    }

    func testLogIsAppendOnly() throws {
        let store = try openStore()
        try enroll(store)
        try store.randomize()
        XCTAssertThrowsError(try rawExecute(store.path, "UPDATE allocation_log SET arm = 'treatment'"))
        XCTAssertThrowsError(try rawExecute(store.path, "DELETE FROM allocation_log WHERE participant = 'p001'"))
        XCTAssertThrowsError(try rawExecute(store.path, "DELETE FROM randomization_run"))
        XCTAssertEqual(try store.verify(), [])
    }

    func testHandEditedEntryIsNamed() throws {
        let store = try openStore()
        try enroll(store)
        try store.randomize()
        let victim = try store.allocationLog()[6].assignment
        let other = victim.arm == "control" ? "treatment" : "control"
        try rawExecute(store.path, "DROP TRIGGER allocation_log_no_update")
        try rawExecute(store.path, "UPDATE allocation_log SET arm = '\(other)' WHERE participant = '\(victim.participant.rawValue)'")
        let problems = try store.verify()
        XCTAssertFalse(problems.isEmpty)
        XCTAssertTrue(problems.allSatisfy { $0.participant == victim.participant }, "\(problems)")
        XCTAssertTrue(problems.contains(.entryChanged(sequence: 7, participant: victim.participant)))
        XCTAssertTrue(problems.map(\.description).joined().contains(victim.participant.rawValue))
    }

    func testDeletedEntryIsNamed() throws {
        let store = try openStore()
        try enroll(store)
        try store.randomize()
        let victim = try store.allocationLog()[9].assignment.participant
        try rawExecute(store.path, "DROP TRIGGER allocation_log_no_delete")
        try rawExecute(store.path, "DELETE FROM allocation_log WHERE participant = '\(victim.rawValue)'")
        let problems = try store.verify()
        XCTAssertTrue(problems.contains { if case let .missingFromLog(p, _, _) = $0 { return p == victim } else { return false } }, "\(problems)")
        XCTAssertTrue(problems.contains(.runCountDiffers(run: 1, recorded: 40, found: 39)))
        // Deleting the last entry is caught by the run's head hash even though the chain before it is intact.
        let last = try store.allocationLog().last!.assignment.participant
        try rawExecute(store.path, "DELETE FROM allocation_log WHERE participant = '\(last.rawValue)'")
        XCTAssertTrue(try store.verify().contains { $0.participant == last })
    }

    func testReplayComparesWithAnAllocationFile() throws {
        let store = try openStore()
        try enroll(store)
        try store.randomize()
        let replayed = try store.replayedAllocation()
        var lines = ["# SYNTHETIC", "id,stratum,block,position,arm,assigned_on,algorithm"]
        lines += replayed.map { "\($0.participant),\($0.stratum.label),\($0.block),\($0.position),\($0.arm),2016-03-01,effekt-blocks-1" }
        XCTAssertNil(try AllocationFile.read(path: try write("allocation.csv", lines.joined(separator: "\n"))).firstDifference(from: replayed))
        lines[5] = lines[5].replacingOccurrences(of: ",control,", with: ",XX,").replacingOccurrences(of: ",treatment,", with: ",XX,")
        let d = try AllocationFile.read(path: try write("allocation.csv", lines.joined(separator: "\n")), displayName: "allocation.csv")
            .firstDifference(from: replayed)
        guard case let .differs(_, line, p, column, inFile, _)? = d else { return XCTFail("\(String(describing: d))") }
        XCTAssertEqual(line, 6); XCTAssertEqual(p, replayed[3].participant); XCTAssertEqual(column, "arm"); XCTAssertEqual(inFile, "XX")
    }

    func testChangedTrialFileIsRefused() throws {
        let store = try openStore()
        try enroll(store)
        let text = try String(contentsOfFile: path("trial.toml"), encoding: .utf8)
        _ = try write("trial.toml", text.replacingOccurrences(of: "seed = 20160301", with: "seed = 1"))
        XCTAssertThrowsError(try openStore()) { e in
            guard case .trialChanged? = e as? TrialStoreError else { return XCTFail("\(e)") }
        }
    }

    func testEnrolmentIsAllOrNothing() throws {
        let store = try openStore()
        try enroll(store)
        let before = try dump(store.path)
        let later = try String(contentsOfFile: path("roster-later.csv"), encoding: .utf8)
        let dupe = later + "p003,Aalborg,cash_benefit,2016-03-25,male,0,40,danish\n"
        _ = try write("again.csv", dupe)
        XCTAssertThrowsError(try enroll(store, "again.csv")) { e in
            XCTAssertEqual(e as? TrialStoreError, .alreadyEnrolled(SourceLocation(file: "again.csv", line: 11, column: "id"), id: "p003"))
        }
        XCTAssertEqual(try dump(store.path), before)
        XCTAssertEqual(try store.participants().count, 40)
    }
}
