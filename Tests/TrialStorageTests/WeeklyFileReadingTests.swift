// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
@testable import TrialStorage

/// The reading thread of `record` with batches of 5 rows (so that the bounded queue of 8 batches
/// fills and the reading side waits): every row arrives once, in file order, with its key; an
/// error in the file arrives after every row before it; stopping the reading side early ends it.
final class WeeklyFileReadingTests: TrialStoreTestCase {
    let header = "id,week,paid_hours,activity,mentor,status\n"

    func ids(_ n: Int) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: (1...n).map { (String(format: "p%03d", $0), Int64($0)) })
    }

    func rows(_ n: Int) -> String {
        var text = ""
        for p in 1...n { for w in 1...8 { text += String(format: "p%03d", p) + ",\(w),2.5,ordinary_job,1,on_benefit\n" } }
        return text
    }

    func testEveryRowArrivesOnceInFileOrder() throws {
        let file = try write("w.csv", header + rows(40))
        let reading = WeeklyFileReading(path: file, displayName: "w.csv", followUpWeeks: 8, ids: ids(40), batchSize: 5)
        var seen = [(Int64, Int, Int)]()
        while let batch = try reading.next() { seen += batch.map { ($0.participant, $0.week, $0.line) } }
        XCTAssertEqual(seen.count, 320)
        for (k, row) in seen.enumerated() {
            XCTAssertEqual(row.0, Int64(k / 8 + 1))
            XCTAssertEqual(row.1, k % 8 + 1)
            XCTAssertEqual(row.2, k + 2, "line")
        }
        let outcome = try XCTUnwrap(reading.finish())
        XCTAssertEqual(outcome.participants, (1...40).map(Int64.init))
        XCTAssertNotNil(outcome.digest, "in store order")
        XCTAssertEqual(outcome.sha256.count, 64)
    }

    func testAnErrorArrivesAfterTheRowsBeforeIt() throws {
        let file = try write("w.csv", header + rows(30) + "p999,1,0,none,0,on_benefit\n" + rows(2))
        let reading = WeeklyFileReading(path: file, displayName: "w.csv", followUpWeeks: 8, ids: ids(30), batchSize: 5)
        var count = 0
        do {
            while let batch = try reading.next() { count += batch.count }
            XCTFail("no error")
        } catch {
            XCTAssertTrue("\(error)".contains("w.csv, line 242, column id"), "\(error)")
        }
        XCTAssertEqual(count, 240)
        XCTAssertNil(reading.finish())
    }

    func testStoppingEarlyEndsTheReadingSide() throws {
        let file = try write("w.csv", header + rows(100))
        let reading = WeeklyFileReading(path: file, displayName: "w.csv", followUpWeeks: 8, ids: ids(100), batchSize: 5)
        XCTAssertEqual(try reading.next()?.count, 5)
        XCTAssertNil(reading.finish(), "stopped before the end: no outcome")
        XCTAssertNil(reading.finish(), "a second call returns at once")
    }

    /// Through `record`: a row already in the file (line 66) comes before an unknown id (line
    /// 67), so line 66 is named, and the store is unchanged.
    func testRecordNamesTheFirstErrorInFileOrder() throws {
        let store = try openStore()
        try enroll(store)
        try store.randomize()
        let before = try dump(store.path)
        var text = header
        for p in 1...8 { for w in 1...8 { text += String(format: "p%03d", p) + ",\(w),1,ordinary_job,0,on_benefit\n" } }
        text += "p001,8,1,ordinary_job,0,on_benefit\np999,1,1,none,0,on_benefit\n"
        XCTAssertThrowsError(try store.record(weeklyPath: try write("bad.csv", text), displayName: "bad.csv")) { e in
            XCTAssertTrue("\(e)".contains("bad.csv, line 66, column week"), "\(e)")
        }
        XCTAssertEqual(try dump(store.path), before)
    }
}
