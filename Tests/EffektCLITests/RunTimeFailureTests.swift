// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport

/// A failure at run time prints one sentence, never the usage text (that is for mistakes in the
/// arguments), with the command-line advice the library's error leaves to the command line.
final class RunTimeFailureTests: CLITestCase {
    func assertOneSentence(_ args: [String], saying fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try run(args)
        XCTAssertNotEqual(r.status, 0, file: file, line: line)
        XCTAssertFalse(r.err.contains("USAGE:") || r.err.contains("--help"), "usage shown: \(r.err)", file: file, line: line)
        XCTAssertEqual(r.err.split(separator: "\n").filter { !$0.isEmpty }.count, 1, "one line: \(r.err)", file: file, line: line)
        for f in fragments { XCTAssertTrue(r.err.contains(f), "'\(f)' not in: \(r.err)", file: file, line: line) }
    }

    func testInitOnAnExistingFileIsARunTimeFailure() throws {
        try ok("init", "--trial", "t.toml")
        try assertOneSentence(["init", "--trial", "t.toml"], saying: ["t.toml already exists", "--force"])
    }

    func testLibraryErrorsGetTheirCommandLineAdvice() throws {
        try copy("Tests/Fixtures/trial")
        try assertOneSentence(["status"], saying: ["No trial store at", "Run `effekt enroll roster.csv` first", "--store"])
        try ok("enroll", "roster.csv")
        try assertOneSentence(["balance"], saying: ["No participant has been randomized yet", "Run `effekt randomize` first."])
        try ok("randomize")
        try ok("record", "weekly.csv")
        try assertOneSentence(["record", "weekly.csv"], saying: ["already has a record for week", "`effekt record --replace`"])
    }

    /// The shipped data reproduce every figure (exit 0); a published figure moved outside its
    /// interval (the other actors' 30 flex jobs written as 31) makes reproduce exit 1 unless allowed.
    func testReproduceExitsNonZeroOnAMissUnlessAllowed() throws {
        let shipped = ["reproduce", "flexjob", "--data", Self.packageRoot.appendingPathComponent("Data/flexjob").path, "--permutations", "0"]
        let all = try run(shipped)
        XCTAssertEqual(all.status, 0, all.err)
        XCTAssertTrue(all.out.contains("32 of 32 published figures lie within"), all.out)
        try copy("Data/flexjob")
        let published = try read("published.csv")
        let line = "flex_jobs_created_other_actor,Flex jobs created by the other actors (events: created_by provider),30,"
        XCTAssertTrue(published.contains(line))
        try write("published.csv", published.replacingOccurrences(of: line, with: line.replacingOccurrences(of: ",30,", with: ",31,")))
        let args = ["reproduce", "flexjob", "--data", dir.path, "--permutations", "0"]
        let r = try run(args)
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.out.contains("31 of 32 published figures lie within"), r.out)
        XCTAssertTrue(r.err.contains("1 of 32 published figures lie outside") && r.err.contains("--allow-misses"), r.err)
        XCTAssertTrue(r.out.hasPrefix("id  ") && r.out.contains("description"), r.out)
        XCTAssertTrue(r.out.contains(" 240 ") && !r.out.contains("240.000"), "counts print as counts")
        XCTAssertEqual(try run(args + ["--allow-misses"]).status, 0)
    }
}
