// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// trial.toml inputs that must be refused (never crash), each message naming the key and value.
final class MalformedTrialTests: MalformedInputTestCase {
    static let fixture = try! String(contentsOfFile: fixtureTrialPath, encoding: .utf8)

    /// The fixture with `old` replaced by `new` (which must occur).
    static func trial(_ old: String, _ new: String) -> String {
        precondition(fixture.contains(old), "fixture lacks \(old)")
        return fixture.replacingOccurrences(of: old, with: new)
    }
    static let secondRatio = "name = \"treatment\"\nratio = 1"
    static func ratio(_ v: String) -> String { trial(secondRatio, "name = \"treatment\"\nratio = \(v)") }

    static let cases: [MalformedCase] = [
        .init("ratio Int.max (overflowed validate)", ratio("9223372036854775807"), ["trial.toml", "arms[2].ratio", "9223372036854775807", "1...100"]),
        .init("ratio 0", ratio("0"), ["arms[2].ratio", "value 0", "1...100"]),
        .init("ratio -1", ratio("-1"), ["arms[2].ratio", "-1"]),
        .init("ratio 101", ratio("101"), ["arms[2].ratio", "101", "1...100"]),
        .init("ratio 1.5", ratio("1.5"), ["arms[2].ratio", "an integer"]),
        .init("ratio as text", ratio("\"1\""), ["arms[2].ratio", "an integer"]),
        .init("block size 4e18 (allocated 13 EB)", trial("block_sizes = [2, 4]", "block_sizes = [4000000000000000000]"),
              ["randomization.block_sizes", "4000000000000000000", "1...1000"]),
        .init("block size 0", trial("block_sizes = [2, 4]", "block_sizes = [0]"), ["randomization.block_sizes", "value 0"]),
        .init("block size -2", trial("block_sizes = [2, 4]", "block_sizes = [-2]"), ["randomization.block_sizes", "-2"]),
        .init("block size 1002", trial("block_sizes = [2, 4]", "block_sizes = [2, 1002]"), ["randomization.block_sizes", "1002", "1...1000"]),
        .init("block size 3 (not a multiple)", trial("block_sizes = [2, 4]", "block_sizes = [3]"), ["randomization.block_sizes", "3", "ratio sum 2"]),
        .init("21 block sizes", trial("block_sizes = [2, 4]", "block_sizes = [" + Array(repeating: "2", count: 21).joined(separator: ", ") + "]"),
              ["randomization.block_sizes", "21", "1...20"]),
        .init("follow-up Int.max (aborted status)", trial("follow_up_weeks = 8", "follow_up_weeks = 9223372036854775807"),
              ["follow_up_weeks", "9223372036854775807", "1...520"]),
        .init("follow-up 0", trial("follow_up_weeks = 8", "follow_up_weeks = 0"), ["follow_up_weeks", "value 0"]),
        .init("follow-up 521", trial("follow_up_weeks = 8", "follow_up_weeks = 521"), ["follow_up_weeks", "521", "1...520"]),
        .init("follow-up -5", trial("follow_up_weeks = 8", "follow_up_weeks = -5"), ["follow_up_weeks", "-5"]),
        .init("follow-up as text", trial("follow_up_weeks = 8", "follow_up_weeks = \"8\""), ["follow_up_weeks", "an integer"]),
        .init("seed -1", trial("seed = 20160301", "seed = -1"), ["randomization.seed", "-1"]),
        .init("seed as float", trial("seed = 20160301", "seed = 1.0"), ["randomization.seed", "an integer"]),
        .init("window past follow-up", trial("last_week = 8", "last_week = 9"), ["windows", "5...9", "1...8"]),
        .init("window from week 0", trial("first_week = 5", "first_week = 0"), ["windows", "0...8"]),
        .init("window from Int.min", trial("first_week = 5", "first_week = -9223372036854775808"), ["windows", "-9223372036854775808"]),
        .init("window reversed", trial("first_week = 5", "first_week = 9"), ["windows[1].last_week", "8", "first_week 9"]),
        .init("company run 0", trial("company_run_weeks = 3", "company_run_weeks = 0"), ["outcomes.company_run_weeks", "value 0", "1...8"]),
        .init("company run Int.max", trial("company_run_weeks = 3", "company_run_weeks = 9223372036854775807"),
              ["outcomes.company_run_weeks", "9223372036854775807"]),
        .init("start in 1800", trial("start_date = 2016-03-01", "start_date = 1800-01-01"), ["start_date", "1800-01-01", "1900...2200"]),
        .init("start as text", trial("start_date = 2016-03-01", "start_date = \"2016-03-01\""), ["start_date", "TOML date"]),
        .init("21 arms", trial("[randomization]", (3...21).map { "[[arms]]\nname = \"a\($0)\"\nratio = 1\n" }.joined() + "[randomization]"),
              ["key 'arms'", "21", "2...20"]),
        .init("min_persons 0", fixture + "\n[reporting]\nmin_persons = 0\n", ["reporting.min_persons", "value 0"]),
        .init("Latin-1 in the name", trial("name = \"Fixture trial\"", "name = \"Fixture \\xF8\""),
              ["trial.toml, line 2", "byte 17", "not UTF-8", "0xF8"]),
        .init("NUL in the name", trial("name = \"Fixture trial\"", "name = \"Fix\\x00ture\""), ["trial.toml, line 2", "byte 12", "U+0000"]),
        .init("TOML syntax", trial("follow_up_weeks = 8", "follow_up_weeks = "), ["trial.toml, line", "TOML syntax"]),
        .init("external without assumed", trial("design = \"permuted_blocks\"", "design = \"external\""),
              ["randomization.assumed", "complete_within_strata", "bernoulli", "permuted_blocks"]),
        .init("assumed unknown", trial("design = \"permuted_blocks\"", "design = \"external\"\nassumed = \"stratified\""),
              ["randomization.assumed", "\"stratified\"", "complete_within_strata"]),
        .init("assumed without external", trial("design = \"permuted_blocks\"", "design = \"permuted_blocks\"\nassumed = \"bernoulli\""),
              ["randomization.assumed", "\"bernoulli\"", "external"]),
        .init("assumed bernoulli with blocks", trial("design = \"permuted_blocks\"", "design = \"external\"\nassumed = \"bernoulli\""),
              ["randomization.block_sizes", "bernoulli", "remove the key"]),
        .init("assumed blocks with an odd size", trial("design = \"permuted_blocks\"", "design = \"external\"\nassumed = \"permuted_blocks\"")
                .replacingOccurrences(of: "block_sizes = [2, 4]", with: "block_sizes = [3]"), ["randomization.block_sizes", "3", "ratio sum 2"]),
    ]

    func testEveryMalformedTrialFileIsRefusedNamingKeyAndValue() throws {
        let n = try assertRefused(Self.cases, as: "trial.toml") { path in
            let file = try TrialFile.load(path: path)
            XCTAssertTrue(file.path.hasSuffix("trial.toml"))
        }
        XCTAssertGreaterThanOrEqual(n, 30)
    }

    func testADirectoryIsNamedAsADirectory() throws {
        XCTAssertThrowsError(try TrialFile.load(path: dir.path)) { e in
            XCTAssertEqual(e as? TrialModelError, .isDirectory(path: dir.path))
        }
    }

    func testTheLimitsAdmitTheirBounds() throws {
        let edge = Self.trial("follow_up_weeks = 8", "follow_up_weeks = 520")
            .replacingOccurrences(of: Self.secondRatio, with: "name = \"treatment\"\nratio = 99")
            .replacingOccurrences(of: "block_sizes = [2, 4]", with: "block_sizes = [100, 1000]")
            .replacingOccurrences(of: "seed = 20160301", with: "seed = 9223372036854775807")
        let t = try TrialDefinition(toml: edge, file: "trial.toml")
        XCTAssertEqual(t.followUpWeeks, 520)
        XCTAssertEqual(t.arms.map(\.ratio), [1, 99])
        XCTAssertEqual(t.blockSizes, [100, 1000])
        XCTAssertEqual(t.seed, UInt64(Int.max))
    }
}
