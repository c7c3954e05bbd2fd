// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import GRDB
import TestSupport

/// `effekt import-register` on the shipped example (Data/register, synthetic): the weekly records
/// equal those of Data/register/weekly-expected.csv, the long file made independently by
/// Data/register/make_weekly.py (Python's calendar and tomllib, not Effekt's code). The example
/// covers ISO week 2020-W53 and the change to 2021, a week with two sources (priority and a blank
/// giving way), enrolment mid-week (r01 on a Wednesday), a return after a disability pension
/// (r05: 7 weeks skipped), a person only in the second source (r06), one in neither (r07), and a
/// Latin-1 extract.
final class RegisterIntakeCLITests: CLITestCase {
    static let example = "Data/register"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try copy(Self.example)
    }

    /// Every weekly row of a store, as text (`id,week,hours,activity,mentor,status`), sorted.
    func rows(_ store: String) throws -> [String] {
        let q = try DatabaseQueue(path: dir.appendingPathComponent(store).path)
        return try q.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, w.week, w.paid_hours, w.activity, w.mentor, w.status FROM weekly w JOIN participant p ON p.sequence = w.participant
                """).map { r in
                let hours: Double = r[2]
                return "\(r[0] as String),\(r[1] as Int),\(String(format: "%.6f", hours)),\(r[3] as String),\(r[4] as Int),\(r[5] as String)"
            }.sorted()
        }
    }

    func importExample(_ extra: [String] = []) throws -> String {
        try ok("enroll", "roster.csv", "--store", "register.sqlite")
        let r = try run(["import-register", "dream.csv", "sickness-latin1.csv", "--map", "codes.toml", "--hours", "hours.csv",
                         "--encoding", "latin1", "--store", "register.sqlite"] + extra)
        XCTAssertEqual(r.status, 0, r.err)
        return r.out
    }

    func testTheExampleGivesTheWeeksOfTheIndependentLongFile() throws {
        let out = try importExample(["--weekly", "converted.csv"])
        XCTAssertTrue(out.contains("Recorded 61 weekly rows of 6 participants"), out)
        XCTAssertTrue(out.contains("Skipped: 7 weeks after an absorbing exit (1 participants)"), out)
        XCTAssertTrue(out.contains("1 enrolled participants are in no extract"), out)
        // r01's January 2021: 80 hours over 21 weekdays, 5 of them in 2021-W04 = week 13, after follow-up.
        XCTAssertTrue(out.contains(String(format: "%.2f monthly hours fell on weeks not recorded", 80.0 * 5 / 21)), out)
        try ok("enroll", "roster.csv", "--store", "long.sqlite")
        try ok("record", "weekly-expected.csv", "--store", "long.sqlite")
        let fromRegister = try rows("register.sqlite"), fromLong = try rows("long.sqlite")
        XCTAssertEqual(fromRegister.count, 61)
        XCTAssertEqual(fromRegister, fromLong)
        // The converted file names its sources with their SHA-256.
        let converted = try read("converted.csv")
        XCTAssertTrue(converted.hasPrefix("# Weekly rows made by effekt import-register"))
        XCTAssertTrue(converted.contains("sickness-latin1.csv SHA-256 "))
    }

    func testBadExtractsAreRefusedNamingFileLineColumnAndValueAndNothingIsRecorded() throws {
        try ok("enroll", "roster.csv", "--store", "register.sqlite")
        func refused(_ files: [String], _ extra: [String] = [], mentioning: [String]) throws {
            try fails(["import-register"] + files + ["--map", "codes.toml", "--store", "register.sqlite"] + extra, mentioning: mentioning)
            XCTAssertEqual(try rows("register.sqlite"), [])
        }
        // Latin-1 bytes read as UTF-8.
        try refused(["sickness-latin1.csv"], mentioning: ["sickness-latin1.csv, line 3", "not UTF-8"])
        // A code the map does not know.
        try write("unknown.csv", "id,y_2050,y_2051\nr01,111,999\n")
        try refused(["unknown.csv"], mentioning: ["unknown.csv, line 2, column y_2051", "'999'", "code map"])
        // Week 53 of 2021 does not exist.
        try write("w53b.csv", "id,y_2153\nr01,111\n")
        try refused(["w53b.csv"], mentioning: ["w53b.csv, line 1, column y_2153", "2021 has 52 weeks"])
        // Someone not enrolled.
        try write("stranger.csv", "id,y_2050\nzz1,111\n")
        try refused(["stranger.csv"], mentioning: ["stranger.csv, line 2, column id", "'zz1'", "enrolled"])
        // Hours that spread to more than 80 a week.
        try write("many.csv", "id,month,hours\nr01,2020-12,2000\n")
        try refused(["dream.csv"], ["--hours", "many.csv"], mentioning: ["many.csv, line 2, column hours", "80"])
    }
}
