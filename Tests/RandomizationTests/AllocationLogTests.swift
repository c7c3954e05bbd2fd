// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
@testable import Randomization

final class AllocationLogTests: XCTestCase {
    let s = Stratum(values: ["A", "cash_benefit"])

    func assignments(_ n: Int) -> [Assignment] {
        (1...n).map { Assignment(participant: ParticipantID("p\($0)"), stratum: s, block: ($0 + 1) / 2, position: 2 - $0 % 2, arm: $0 % 2 == 0 ? "control" : "treated") }
    }

    func testChainHashIsTheDocumentedSHA256() {
        let e = AllocationLog.entries(for: assignments(1), run: 1, nextSequence: 1, head: AllocationLog.genesisHash, assignedAt: "2026-01-01T00:00:00Z")[0]
        let text = [String(repeating: "0", count: 64), "1", "1", "p1", "A|cash_benefit", "1", "1", "treated", "2026-01-01T00:00:00Z", "effekt-blocks-1"].joined(separator: "\n")
        XCTAssertEqual(e.hash, SHA256.hex(of: text))
        XCTAssertEqual(e.previousHash, AllocationLog.genesisHash)
    }

    func testIntactChainHasNoProblemsAndContinuesAcrossRuns() {
        let first = AllocationLog.entries(for: assignments(4), run: 1, nextSequence: 1, head: AllocationLog.genesisHash, assignedAt: "t1")
        let more = Array(assignments(6).suffix(2))
        let second = AllocationLog.entries(for: more, run: 2, nextSequence: 5, head: first.last!.hash, assignedAt: "t2")
        let runs = [RandomizationRun(run: 1, enrolledThrough: 4, entryCount: 4, headHash: first.last!.hash, startedAt: "t1"),
                    RandomizationRun(run: 2, enrolledThrough: 6, entryCount: 2, headHash: second.last!.hash, startedAt: "t2")]
        XCTAssertEqual(AllocationLog.checkChain(first + second, runs: runs), [])
        // Changing an entry's arm (keeping its stored hash) is caught at that entry.
        var log = first + second
        let e = log[2]
        let changed = Assignment(participant: e.assignment.participant, stratum: e.assignment.stratum, block: e.assignment.block, position: e.assignment.position, arm: "control")
        log[2] = AllocationLogEntry(sequence: e.sequence, run: e.run, assignment: changed, assignedAt: e.assignedAt, algorithm: e.algorithm, previousHash: e.previousHash, hash: e.hash)
        XCTAssertEqual(AllocationLog.checkChain(log, runs: runs), [.entryChanged(sequence: 3, participant: ParticipantID("p3"))])
        // Deleting an entry in the middle: a gap and a broken link at the next one, and the run count.
        var deleted = first + second
        deleted.remove(at: 1)
        let problems = AllocationLog.checkChain(deleted, runs: runs)
        XCTAssertTrue(problems.contains(.sequenceGap(expected: 2, found: 3, participant: ParticipantID("p3"))))
        XCTAssertTrue(problems.contains(.chainBroken(sequence: 3, participant: ParticipantID("p3"))))
        XCTAssertTrue(problems.contains(.runCountDiffers(run: 1, recorded: 4, found: 3)))
        // Deleting the last entry: only the run records can tell.
        XCTAssertTrue(AllocationLog.checkChain(Array((first + second).dropLast()), runs: runs).contains { if case .headDiffers = $0 { return true } else { return false } })
    }

    func testReplayOfRunsMatchesLog() throws {
        let r = try StratifiedRandomizer(arms: [Arm(name: "control"), Arm(name: "treated")], design: .complete, seed: 5)
        let d = CalendarDate(year: 2005, month: 10, day: 3)!
        let people = (1...10).map { EnrolledParticipant(id: ParticipantID("p\($0)"), stratum: s, sequence: $0, enrolledOn: d) }
        let run1 = AllocationReplay.run(r, participants: people, enrolledThrough: 6, existing: [])
        let run2 = AllocationReplay.run(r, participants: people, enrolledThrough: 10, existing: run1)
        XCTAssertEqual(run1.filter { $0.arm == "control" }.count, 3)
        XCTAssertEqual(run2.map(\.block), [2, 2, 2, 2])
        let runs = [RandomizationRun(run: 1, enrolledThrough: 6, entryCount: 6, headHash: "", startedAt: ""),
                    RandomizationRun(run: 2, enrolledThrough: 10, entryCount: 4, headHash: "", startedAt: "")]
        let replayed = AllocationReplay.replay(r, participants: people, runs: runs)
        XCTAssertEqual(replayed.map(\.assignment), run1 + run2)
        let log = AllocationLog.entries(for: run1, run: 1, nextSequence: 1, head: AllocationLog.genesisHash, assignedAt: "t")
        // The second run's participants are missing from this log: each is named.
        let problems = AllocationReplay.compare(log: log, replayed: replayed)
        XCTAssertEqual(Set(problems.compactMap(\.participant)), Set(run2.map(\.participant)))
    }
}
