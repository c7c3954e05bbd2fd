// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import TestSupport

/// `analyze --format csv|json` print the headline table: one row per cell × headline estimate of
/// the results JSON, with the results' own numbers (the CSV in full precision).
final class HeadlineFormatTests: CLITestCase {
    func testAnalyzeCSVAndJSONHoldEveryCellsHeadlineEstimates() throws {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        try ok("randomize")
        try ok("record", "weekly.csv")
        let csv = try ok("analyze", "--permutations", "0", "--quiet", "--format", "csv")
        let results = try JSONSerialization.jsonObject(with: Data(try read("results.json").utf8)) as! [String: Any]
        let cells = results["cells"] as! [[String: Any]]
        let estimates = cells.flatMap { cell in (cell["headline"] as! [[String: Any]]).map { (cell, $0) } }
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try XCTUnwrap(lines.first)
        XCTAssertEqual(header.first, "cell")
        XCTAssertEqual(lines.count - 1, estimates.count)
        XCTAssertGreaterThan(estimates.count, cells.count)
        let effect = try XCTUnwrap(header.firstIndex(of: "effect")), estimand = try XCTUnwrap(header.firstIndex(of: "estimand"))
        for (row, (_, estimate)) in zip(lines.dropFirst(), estimates) {
            XCTAssertEqual(row[estimand], estimate["id"] as? String)
            if let value = estimate["effect"] as? Double {
                XCTAssertEqual(Double(row[effect]) ?? .nan, value, accuracy: abs(value) * 1e-12 + 1e-15)
            } else {
                XCTAssertEqual(row[effect], "NA")
            }
        }
        let json = try JSONSerialization.jsonObject(with: Data(try ok("analyze", "--permutations", "0", "--quiet", "--format", "json").utf8)) as! [String: Any]
        XCTAssertEqual((json["headline"] as! [Any]).count, estimates.count)
        XCTAssertNotNil((json["files"] as! [String: Any])["results"])
    }
}
