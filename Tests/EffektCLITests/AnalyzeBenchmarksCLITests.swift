// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import TestSupport

/// `effekt analyze` reads the national benchmarks as `effekt run` does: from --benchmarks, or from
/// benchmarks.csv beside the trial file; `effekt report` made from those results shows the
/// benchmark table. Without either, the results have no benchmarks and the report no table.
final class AnalyzeBenchmarksCLITests: CLITestCase {
    let benchmarks = """
        id,description,status,month,percent,source
        on_benefit_1_month,On benefit after one month (national),on_benefit,1,50,hand-made test figure

        """

    func prepared() throws {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        try ok("randomize")
        try ok("record", "weekly.csv")
        try ok("record-events", "events.csv")
    }

    /// Whether the results JSON carries the test benchmark.
    func hasBenchmark(_ results: String) throws -> Bool { try read(results).contains("\"on_benefit_1_month\"") }

    /// Every Markdown file of a report folder, joined.
    func reports(_ folder: String) throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path).filter { $0.hasSuffix(".md") }.sorted()
            .map { try read(folder + "/" + $0) }.joined(separator: "\n")
    }

    func testAnalyzeReadsTheBenchmarksBesideTheTrialOrNamedAndReportShowsThem() throws {
        try prepared()
        // None: no benchmark in the results, no table in the report.
        try ok("analyze", "--permutations", "0", "--quiet", "--out", "none.json")
        XCTAssertFalse(try hasBenchmark("none.json"))
        try ok("report", "--results", "none.json", "--lang", "en", "--out", "none")
        let without = try reports("none")
        XCTAssertTrue(without.contains("Placement and flex jobs"), "the events make the placement section")
        XCTAssertFalse(without.contains("Comparison with the national level"))

        // Named with --benchmarks.
        try write("national.csv", benchmarks)
        try ok("analyze", "--permutations", "0", "--quiet", "--benchmarks", "national.csv", "--out", "named.json")
        XCTAssertTrue(try hasBenchmark("named.json"))

        // Beside the trial file, by default; the report made from the results has the table.
        try write("benchmarks.csv", benchmarks)
        try ok("analyze", "--permutations", "0", "--quiet", "--out", "beside.json")
        XCTAssertTrue(try hasBenchmark("beside.json"))
        try ok("report", "--results", "beside.json", "--lang", "en", "--out", "beside")
        let report = try reports("beside")
        XCTAssertTrue(report.contains("### Comparison with the national level"), report)

        // A named file that is not there is refused, naming it.
        try fails(["analyze", "--permutations", "0", "--quiet", "--benchmarks", "missing.csv"], mentioning: ["missing.csv"])
    }
}
