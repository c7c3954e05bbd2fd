// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import TestSupport
import TrialModel

/// Malformed inputs given to the built binary against a store that already holds the fixture
/// trial (enrolled, randomized, weeks recorded): each is refused with exit status 1 (never a
/// crash), a message naming file, line, column and value and no raw SQL, and the store's files
/// (`effekt.sqlite`, `effekt.sqlite-wal`) byte-identical before and after.
final class MalformedInputCLITests: CLITestCase {
    /// One refused command: its input files, arguments and the message's fragments.
    struct Refusal {
        let name: String
        let files: [String: [UInt8]]
        let arguments: [String]
        let fragments: [String]
        init(_ name: String, _ files: [String: String], _ arguments: [String], _ fragments: [String]) {
            self.name = name
            self.files = files.mapValues(Refusal.bytes)
            self.arguments = arguments
            self.fragments = fragments
        }

        /// `text` as UTF-8 with each `\xNN` replaced by the byte NN.
        static func bytes(_ text: String) -> [UInt8] {
            let utf8 = Array(text.utf8)
            var out = [UInt8](), i = 0
            while i < utf8.count {
                if utf8[i] == 92, i + 3 < utf8.count, utf8[i + 1] == 120,
                   let v = UInt8(String(decoding: utf8[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                    out.append(v)
                    i += 4
                } else {
                    out.append(utf8[i])
                    i += 1
                }
            }
            return out
        }
    }

    static let rosterHeader = "# SYNTHETIC\nid,municipality,benefit,enrolled_on,gender,female,age,origin\n"
    static let newPerson = "q001,Aalborg,cash_benefit,2016-04-01,male,0,40,danish\n"
    static func roster(_ row: String) -> [String: String] { ["new.csv": rosterHeader + newPerson + row + "\n"] }
    static let weeklyHeader = "# SYNTHETIC\nid,week,paid_hours,activity,mentor,status\n"
    static func weekly(_ row: String) -> [String: String] { ["week.csv": weeklyHeader + row + "\n"] }

    static let refusals: [Refusal] = [
        .init("Latin-1 municipality", roster("q002,K\\xF8benhavn,cash_benefit,2016-04-01,male,0,40,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column municipality, byte 7", "'K\\xF8benhavn'", "UTF-8"]),
        .init("NUL inside an id", roster("fj1\\x0051,Aalborg,cash_benefit,2016-04-01,male,0,40,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column id, byte 4", "'fj1<U+0000>51'"]),
        .init("control character in a covariate", roster("q002,Aalborg,cash_benefit,2016-04-01,male,0,40,dan\\x1Fish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column origin", "U+001F"]),
        .init("id with a leading blank", roster(" p001,Aalborg,cash_benefit,2016-04-01,male,0,40,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column id", "' p001'", "space"]),
        .init("id of 100,000 characters", roster(String(repeating: "z", count: 100_000) + ",Aalborg,cash_benefit,2016-04-01,male,0,40,danish"),
              ["enroll", "new.csv"], ["new.csv, line 4, column id", String(repeating: "z", count: 40) + "…'", "at most 64"]),
        .init("enrolled before start_date", roster("q002,Aalborg,cash_benefit,2016-01-01,male,0,40,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column enrolled_on", "'2016-01-01'", "start_date 2016-03-01"]),
        .init("enrolled in year 0", roster("q002,Aalborg,cash_benefit,0000-01-01,male,0,40,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column enrolled_on", "'0000-01-01'"]),
        .init("age abc", roster("q002,Aalborg,cash_benefit,2016-04-01,male,0,abc,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column age", "'abc'"]),
        .init("age inf", roster("q002,Aalborg,cash_benefit,2016-04-01,male,0,inf,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column age", "'inf'"]),
        .init("ragged roster row", roster("q002,Aalborg,cash_benefit,2016-04-01,male,0,40"), ["enroll", "new.csv"],
              ["new.csv, line 4", "expected 8 fields", "found 7"]),
        .init("unterminated quote", roster("q002,\"Aalborg,cash_benefit,2016-04-01,male,0,40,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column municipality", "not closed"]),
        .init("header-only roster", ["new.csv": rosterHeader], ["enroll", "new.csv"], ["new.csv, line 2", "no data rows"]),
        .init("missing column on the header's real line", ["new.csv": "# c\nid,municipality,benefit,gender,female,age,origin\n" + newPerson],
              ["enroll", "new.csv"], ["new.csv, line 2", "column 'enrolled_on' is missing"]),
        .init("id already enrolled", roster("p001,Aalborg,cash_benefit,2016-04-01,male,0,40,danish"), ["enroll", "new.csv"],
              ["new.csv, line 4, column id", "'p001'", "already enrolled"]),
        .init("roster path is a directory", [:], ["enroll", "sub"], ["sub is a directory"]),
        .init("weekly NUL inside an id", weekly("p0\\x0001,7,0,none,0,on_benefit"), ["record", "week.csv"],
              ["week.csv, line 3, column id, byte 3", "'p0<U+0000>01'"]),
        .init("weekly Latin-1 status", weekly("p002,8,0,none,0,on_b\\xE9nefit"), ["record", "week.csv"],
              ["week.csv, line 3, column status", "'on_b\\xE9nefit'"]),
        .init("weekly ragged row", weekly("p002,8,0,none,0"), ["record", "week.csv"], ["week.csv, line 3", "expected 6 fields", "found 5"]),
        .init("weekly header only", ["week.csv": weeklyHeader], ["record", "week.csv"], ["week.csv, line 2", "no data rows"]),
        .init("weekly unknown id of 100,000 characters", weekly(String(repeating: "w", count: 100_000) + ",8,0,none,0,on_benefit"),
              ["record", "week.csv"], ["week.csv, line 3, column id", String(repeating: "w", count: 40) + "…'", "not enrolled"]),
        .init("allocation with a control character", ["alloc.csv": "id,stratum,block,position,arm\np001,K\\x07benhavn|cash_benefit,1,1,control\n"],
              ["verify", "--allocation", "alloc.csv"], ["alloc.csv, line 2, column stratum", "U+0007"]),
        .init("allocation header only", ["alloc.csv": "# c\nid,stratum,block,position,arm\n"], ["verify", "--allocation", "alloc.csv"],
              ["alloc.csv, line 2", "no data rows"]),
        .init("allocation ragged row", ["alloc.csv": "id,stratum,block,position,arm\np001,x|y,1,1\n"], ["verify", "--allocation", "alloc.csv"],
              ["alloc.csv, line 2", "expected 5 fields", "found 4"]),
        .init("trial path is a directory", [:], ["status", "--trial", "sub", "--store", "effekt.sqlite"], ["sub is a directory"]),
        .init("ratio Int.max", ["bad.toml": "RATIO"], ["status", "--trial", "bad.toml", "--store", "effekt.sqlite"],
              ["arms[2].ratio", "9223372036854775807", "1...100"]),
        .init("block size 4e18", ["bad.toml": "BLOCKS"], ["randomize", "--trial", "bad.toml", "--store", "effekt.sqlite"],
              ["randomization.block_sizes", "4000000000000000000"]),
        .init("follow-up Int.max", ["bad.toml": "FOLLOWUP"], ["status", "--trial", "bad.toml", "--store", "effekt.sqlite"],
              ["follow_up_weeks", "9223372036854775807", "1...520"]),
    ]

    /// The fixture trial with one key made absurd (`RATIO`, `BLOCKS`, `FOLLOWUP`).
    func absurdTrial(_ which: String) throws -> [UInt8] {
        let text = try read("trial.toml")
        let (old, new) = switch which {
        case "RATIO": ("name = \"treatment\"\nratio = 1", "name = \"treatment\"\nratio = 9223372036854775807")
        case "BLOCKS": ("block_sizes = [2, 4]", "block_sizes = [4000000000000000000]")
        default: ("follow_up_weeks = 8", "follow_up_weeks = 9223372036854775807")
        }
        XCTAssertTrue(text.contains(old))
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    /// SHA-256 of each store file (absent files as "absent").
    func storeDigests() -> [String] {
        ["effekt.sqlite", "effekt.sqlite-wal"].map { name in
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { return "\(name): absent" }
            var hash = SHA256()
            hash.update([UInt8](data))
            return "\(name): " + hash.finalizeHex()
        }
    }

    func testEveryRefusalNamesTheInputAndLeavesTheStoreByteIdentical() throws {
        try copy("Tests/Fixtures/trial")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try ok("enroll", "roster.csv")
        try ok("randomize")
        try ok("record", "weekly.csv")
        for r in Self.refusals {
            for (name, bytes) in r.files {
                let content = bytes == Array("RATIO".utf8) || bytes == Array("BLOCKS".utf8) || bytes == Array("FOLLOWUP".utf8)
                    ? try absurdTrial(String(decoding: bytes, as: UTF8.self)) : bytes
                XCTAssertTrue(FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: Data(content)))
            }
            let before = storeDigests()
            let outcome = try run(r.arguments)
            XCTAssertEqual(outcome.status, 1, "\(r.name): exit status \(outcome.status) (a crash is a signal): \(outcome.err)")
            let message = outcome.err + outcome.out
            for f in r.fragments where !message.contains(f) { XCTFail("\(r.name): '\(f)' not in: \(message)") }
            for raw in ["SQL:", "constraint failed", "SQLite error"] where message.contains(raw) { XCTFail("\(r.name): raw SQLite text: \(message)") }
            XCTAssertLessThan(message.count, 1_000, "\(r.name): message not shortened")
            XCTAssertEqual(storeDigests(), before, "\(r.name): the store's files changed")
        }
        XCTAssertGreaterThanOrEqual(Self.refusals.count, 25)
    }
}
