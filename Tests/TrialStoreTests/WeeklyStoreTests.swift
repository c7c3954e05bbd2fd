// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
import TrialStore

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
        XCTAssertEqual(lost, [.disabilityPension: 1, .movedAway: 1, .recordsEndEarly: 1])
        let b = try store.balance()
        XCTAssertEqual(b.rows.map(\.variable), ["age", "female", "origin", "origin", "origin"])
        XCTAssertEqual(b.rows[0].arms.reduce(0) { $0 + $1.n }, 40)
    }
}
