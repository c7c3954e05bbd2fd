// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// weekly.csv inputs that must be refused whole (follow-up of 8 weeks), each message naming file,
/// line, column and value. The header is line 2 (after a comment line); the bad row is line 4.
final class MalformedWeeklyTests: MalformedInputTestCase {
    static let header = "# SYNTHETIC\nid,week,paid_hours,activity,mentor,status\n"
    static let good = "p001,1,15,ordinary_job,1,on_benefit\n"
    static func weekly(_ row: String) -> String { header + good + row + "\n" }
    static func at(_ column: String) -> String { "weekly.csv, line 4, column \(column)" }

    static let cases: [MalformedCase] = [
        .init("week 0", weekly("p002,0,0,none,0,on_benefit"), [at("week"), "'0'", "1...8"]),
        .init("week 9", weekly("p002,9,0,none,0,on_benefit"), [at("week"), "'9'", "1...8"]),
        .init("week Int.max", weekly("p002,9223372036854775807,0,none,0,on_benefit"), [at("week"), "'9223372036854775807'"]),
        .init("week -1", weekly("p002,-1,0,none,0,on_benefit"), [at("week"), "'-1'"]),
        .init("week 1.5", weekly("p002,1.5,0,none,0,on_benefit"), [at("week"), "'1.5'"]),
        .init("empty week", weekly("p002,,0,none,0,on_benefit"), [at("week"), "''"]),
        .init("hours -1", weekly("p002,2,-1,none,0,on_benefit"), [at("paid_hours"), "'-1'", "0 to 80"]),
        .init("hours 80.5", weekly("p002,2,80.5,none,0,on_benefit"), [at("paid_hours"), "'80.5'"]),
        .init("hours nan", weekly("p002,2,nan,none,0,on_benefit"), [at("paid_hours"), "'nan'"]),
        .init("hours inf", weekly("p002,2,inf,none,0,on_benefit"), [at("paid_hours"), "'inf'"]),
        .init("hours 1e3", weekly("p002,2,1e3,none,0,on_benefit"), [at("paid_hours"), "'1e3'"]),
        .init("hours abc", weekly("p002,2,abc,none,0,on_benefit"), [at("paid_hours"), "'abc'"]),
        .init("unknown activity", weekly("p002,2,1,holiday,0,on_benefit"), [at("activity"), "'holiday'"]),
        .init("mentor 2", weekly("p002,2,1,none,2,on_benefit"), [at("mentor"), "'2'", "0 or 1"]),
        .init("unknown status", weekly("p002,2,1,none,0,retired"), [at("status"), "'retired'"]),
        .init("empty id", weekly(",2,1,none,0,on_benefit"), [at("id"), "''", "empty"]),
        .init("NUL in an id", weekly("fj1\\x0051,2,1,none,0,on_benefit"), [at("id"), "byte 4", "'fj1<U+0000>51'"]),
        .init("Latin-1 in an id", weekly("p\\xF802,2,1,none,0,on_benefit"), [at("id"), "byte 2", "'p\\xF802'"]),
        .init("tab in hours", weekly("p002,2,1\\x09,none,0,on_benefit"), [at("paid_hours"), "byte 9", "U+0009"]),
        .init("form feed in a status", weekly("p002,2,1,none,0,on_\\x0Cbenefit"), [at("status"), "U+000C"]),
        .init("header only", header, ["weekly.csv, line 2", "no data rows"]),
        .init("header only after two comments", "# a\n# b\nid,week,paid_hours,activity,mentor,status\n", ["weekly.csv, line 3", "no data rows"]),
        .init("empty file", "", ["weekly.csv has no header row"]),
        .init("ragged row", weekly("p002,2,1,none,0"), ["weekly.csv, line 4", "expected 6 fields", "found 5"]),
        .init("ragged row of 7", weekly("p002,2,1,none,0,on_benefit,extra"), ["weekly.csv, line 4", "expected 6 fields", "found 7"]),
        .init("unterminated quote", weekly("p002,2,1,none,0,\"on_benefit"), [at("status"), "'\"on_benefit'", "not closed"]),
        .init("missing status column", "# c\nid,week,paid_hours,activity,mentor\n" + "p001,1,15,ordinary_job,1\n",
              ["weekly.csv, line 2", "column 'status' is missing"]),
        .init("blank line before a bad row", header + good + "\n" + "p002,0,0,none,0,on_benefit\n",
              ["weekly.csv, line 5, column week", "'0'"]),
    ]

    func testEveryMalformedWeeklyFileIsRefusedNamingFileLineColumnAndValue() throws {
        let n = try assertRefused(Self.cases, as: "weekly.csv") { path in
            try WeeklyFile.scan(path: path, followUpWeeks: 8, displayName: "weekly.csv") { _ in }
        }
        XCTAssertGreaterThanOrEqual(n, 25)
    }

    func testADirectoryIsNamedAsADirectory() throws {
        XCTAssertThrowsError(try WeeklyFile.scan(path: dir.path, followUpWeeks: 8, displayName: "weeks") { _ in }) { e in
            XCTAssertEqual((e as? TrialModelError)?.description, "weeks is a directory, not a file. Give the path of the file itself.")
        }
    }
}
