// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
import TrialStorage
import GRDB

final class WeeklyStoreTests: TrialStoreTestCase {
    let header = "id,week,paid_hours,activity,mentor,status\n"

    func prepared() throws -> TrialStore {
        let store = try openStore()
        try enroll(store)
        try store.randomize()
        try store.record(weeklyPath: path("weekly.csv"))
        return store
    }

    /// A weekly file of good new rows whose last row is bad leaves the store exactly as before.
    func testOneBadRowAtTheEndLeavesTheStoreUnchanged() throws {
        let store = try prepared()
        let before = try dump(store.path)
        XCTAssertTrue(before.contains("weekly 311"))
        try enroll(store, "roster-later.csv")
        try store.randomize()
        let beforeBad = try dump(store.path)
        var rows = ""
        for i in 41...48 { for w in 1...8 { rows += "p0\(i),\(w),2.5,ordinary_job,1,on_benefit\n" } }
        let cases: [(String, String)] = [
            ("p048,3,81,ordinary_job,0,on_benefit\n", "paid_hours"),
            ("p048,3,-1,ordinary_job,0,on_benefit\n", "paid_hours"),
            ("p999,3,1,ordinary_job,0,on_benefit\n", "id"),
            ("p041,9,1,ordinary_job,0,on_benefit\n", "week"),
            ("p041,8,1,ordinary_job,0,on_benefit\n", "week"),          // twice in the file
            ("p001,1,1,ordinary_job,0,on_benefit\n", "week"),          // already recorded
            ("p048,3,1,job,0,on_benefit\n", "activity"),
            ("p048,3,1,none,0,retired\n", "status"),
        ]
        for (bad, column) in cases {
            let file = try write("bad.csv", header + rows + bad)
            XCTAssertThrowsError(try store.record(weeklyPath: file, displayName: "bad.csv")) { e in
                let text = "\(e)"
                XCTAssertTrue(text.contains("bad.csv, line 66, column \(column)"), text)
            }
            XCTAssertEqual(try dump(store.path), beforeBad, "store changed by a refused file ending in \(bad)")
        }
        let ok = try store.record(weeklyPath: try write("good.csv", header + rows))
        XCTAssertEqual(ok.rows, 64)
        XCTAssertNotEqual(try dump(store.path), beforeBad)
        XCTAssertNotEqual(before, beforeBad)
    }

    /// The progress of enrolment, randomization, recording and loading rises and ends at the total.
    func testProgressRisesToTheTotal() throws {
        final class Calls: @unchecked Sendable { var seen = [(Int, Int)]() }
        func check(_ calls: Calls, total: Int, _ what: String) {
            XCTAssertEqual(calls.seen.last?.0, total, what)
            XCTAssertTrue(calls.seen.allSatisfy { $0.1 >= $0.0 }, what)
            XCTAssertEqual(calls.seen.map(\.0), calls.seen.map(\.0).sorted(), what)
        }
        let store = try openStore()
        let enrolled = Calls(), randomized = Calls(), recorded = Calls(), loaded = Calls()
        try store.enroll(try RosterFile.read(path: path("roster.csv"), trial: store.definition), progress: { enrolled.seen.append(($0, $1)) })
        check(enrolled, total: 40, "enroll")
        try store.randomize(progress: { randomized.seen.append(($0, $1)) })
        check(randomized, total: 40, "randomize")
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path("weekly.csv"))[.size] as? Int)
        try store.record(weeklyPath: path("weekly.csv"), progress: { recorded.seen.append(($0, $1)) })
        check(recorded, total: size, "record")
        try store.record(weeklyPath: try write("fix.csv", header + "p001,1,20,ordinary_job,0,on_benefit\n"), mode: .replace)
        _ = try store.weeklyRecords(progress: { loaded.seen.append(($0, $1)) })
        check(loaded, total: 311, "weeklyRecords (a replaced row counted once)")
        XCTAssertEqual(loaded.seen.last?.1, 311)
    }

    /// `record` inserts many rows per SQLite statement; a refused row inside such a run must still
    /// be the one named, at its line, with nothing recorded — wherever it falls relative to the
    /// runs (first row, last of a run, first of the next, the file's last row).
    func testARefusedRowInsideAMultiRowInsertIsNamedAtItsLine() throws {
        let store = try openStore()
        try enroll(store)
        try store.randomize()
        // 40 participants × 8 weeks = 320 good rows, in the store's order.
        var rows = [String]()
        for i in 1...40 { for w in 1...8 { rows.append(String(format: "p%03d,%d,2.5,ordinary_job,1,on_benefit\n", i, w)) } }
        let before = try dump(store.path)
        for position in [0, 1, 62, 63, 64, 65, 127, 128, 200, 319, 320] {
            // A copy of the row before `position` (or of the next one) put at `position`: line position + 2.
            var file = rows
            file.insert(rows[max(position - 1, 0)], at: position)
            let name = "twice-\(position).csv"
            XCTAssertThrowsError(try store.record(weeklyPath: try write(name, header + file.joined()), displayName: name)) { e in
                guard case let .weekTwiceInFile(loc, _, _)? = e as? TrialStoreError else { return XCTFail("\(e)") }
                // When the copy goes first, the original (one line later) is the second occurrence.
                XCTAssertEqual(loc.line, position + 2 + (position == 0 ? 1 : 0), "copy at row \(position)")
            }
            XCTAssertEqual(try dump(store.path), before, "store changed by a refused file (copy at row \(position))")
        }
        try store.record(weeklyPath: try write("one.csv", header + rows[156]))   // p020, week 5
        XCTAssertThrowsError(try store.record(weeklyPath: try write("all.csv", header + rows.joined()), displayName: "all.csv")) { e in
            guard case let .weekAlreadyRecorded(loc, id, week)? = e as? TrialStoreError else { return XCTFail("\(e)") }
            XCTAssertEqual(loc.line, 158); XCTAssertEqual(id, "p020"); XCTAssertEqual(week, 5)
        }
        var rest = rows
        rest.remove(at: 156)
        XCTAssertEqual(try store.record(weeklyPath: try write("rest.csv", header + rest.joined())).rows, 319)
        XCTAssertEqual(try store.weeklyRecords().values.reduce(0) { $0 + $1.count }, 320)
    }

    /// Moving away or a disability pension ends follow-up: a later week — in the same file or
    /// already stored — is refused with the line that breaks the rule, and nothing is recorded.
    /// The partial index of exits is written from `BenefitStatus.absorbingExits` and, being a landed
    /// migration, must keep its text; the refusal query uses it.
    func testExitIndexIsWrittenFromTheAbsorbingExits() throws {
        XCTAssertEqual(BenefitStatus.absorbingExits, [.disabilityPension, .movedAway])
        let store = try prepared()
        let sql = try DatabaseQueue(path: store.path).read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'weekly_exit'")
        }
        XCTAssertEqual(sql?.hasSuffix("WHERE status IN ('disability_pension', 'moved_away')"), true, sql ?? "no index")
    }

    func testNothingMayFollowAnAbsorbingExit() throws {
        let store = try prepared()
        try enroll(store, "roster-later.csv")
        try store.randomize()
        let before = try dump(store.path)
        // p041 moves away in week 3 and has a row for week 4 (line 5 of the file).
        let later = try write("later.csv", header + "p041,1,0,none,0,on_benefit\np041,2,0,none,0,on_benefit\n"
                              + "p041,3,0,none,0,moved_away\np041,4,0,none,0,on_benefit\n")
        XCTAssertThrowsError(try store.record(weeklyPath: later, displayName: "later.csv")) { e in
            guard case let .recordAfterExit(loc, id, week, exitWeek, status)? = e as? TrialStoreError else { return XCTFail("\(e)") }
            XCTAssertEqual([loc.line, week, exitWeek], [5, 4, 3]); XCTAssertEqual(loc.column, "week")
            XCTAssertEqual(id, "p041"); XCTAssertEqual(status, "moved_away")
            XCTAssertTrue("\(e)".contains("later.csv, line 5, column week"), "\(e)")
        }
        // The same rows in another order: still the week-4 row (now line 2).
        let shuffled = try write("shuffled.csv", header + "p041,4,0,none,0,on_benefit\np041,3,0,none,0,disability_pension\n")
        XCTAssertThrowsError(try store.record(weeklyPath: shuffled)) { e in
            guard case let .recordAfterExit(loc, _, 4, 3, "disability_pension")? = e as? TrialStoreError else { return XCTFail("\(e)") }
            XCTAssertEqual(loc.line, 2)
        }
        XCTAssertEqual(try dump(store.path), before)
        // p001 has weeks 1–8 stored: an exit in week 3 (replacing it) is refused at its own line.
        let exit = try write("exit.csv", header + "p001,3,0,none,0,moved_away\n")
        XCTAssertThrowsError(try store.record(weeklyPath: exit, displayName: "exit.csv", mode: .replace)) { e in
            guard case let .exitBeforeRecordedWeek(loc, "p001", 3, "moved_away", 4)? = e as? TrialStoreError else { return XCTFail("\(e)") }
            XCTAssertEqual(loc.line, 2); XCTAssertEqual(loc.column, "status")
        }
        XCTAssertEqual(try dump(store.path), before)
        // An exit in the last recorded week is fine.
        let last = try write("last.csv", header + "p041,1,0,none,0,on_benefit\np041,2,0,none,0,moved_away\n")
        XCTAssertEqual(try store.record(weeklyPath: last).rows, 2)
        // ... and nothing may be recorded after it later.
        let after = try write("after.csv", header + "p041,5,0,none,0,on_benefit\n")
        XCTAssertThrowsError(try store.record(weeklyPath: after)) { e in
            guard case .recordAfterExit(_, "p041", 5, 2, "moved_away")? = e as? TrialStoreError else { return XCTFail("\(e)") }
        }
    }

    func testReplaceKeepsTheSupersededRows() throws {
        let store = try prepared()
        let fix = try write("fix.csv", header + "p001,1,20,ordinary_job,0,on_benefit\np001,2,0,none,0,on_benefit\n")
        XCTAssertThrowsError(try store.record(weeklyPath: fix)) { e in
            guard case .weekAlreadyRecorded? = e as? TrialStoreError else { return XCTFail("\(e)") }
        }
        let s = try store.record(weeklyPath: fix, mode: .replace)
        XCTAssertEqual(s.rows, 2); XCTAssertEqual(s.replaced, 2)
        let p001 = try store.weeklyRecords()[ParticipantID("p001")]!
        XCTAssertEqual(p001[0].paidHours, 20)
        XCTAssertEqual(p001.count, 8)
        XCTAssertTrue(try dump(store.path).contains("weekly_history 2"))
        XCTAssertThrowsError(try rawExecute(store.path, "DELETE FROM weekly_history"))
    }

    func testStatusCounts() throws {
        let store = try prepared()
        let s = try store.status()
        XCTAssertEqual(s.enrolled, 40); XCTAssertEqual(s.randomized, 40); XCTAssertEqual(s.weeklyRecords, 311)
        XCTAssertEqual(s.arms.reduce(0) { $0 + $1.count }, 40)
        XCTAssertEqual(s.strata.count, 4)
        XCTAssertEqual(s.followedUp[0].arms.reduce(0) { $0 + $1.count }, 40)
        XCTAssertEqual(s.followedUp[7].arms.reduce(0) { $0 + $1.count }, 37)
        let lost = Dictionary(uniqueKeysWithValues: s.lostToFollowUp.map { ($0.reason, $0.arms.reduce(0) { $0 + $1.count }) })
        XCTAssertEqual(lost, [.exit(.disabilityPension): 1, .exit(.movedAway): 1, .recordsEndEarly: 1])
        let b = try store.balance()
        XCTAssertEqual(b.rows.map(\.variable), ["age", "female", "origin", "origin", "origin"])
        XCTAssertEqual(b.rows[0].arms.reduce(0) { $0 + $1.n }, 40)
    }
}
