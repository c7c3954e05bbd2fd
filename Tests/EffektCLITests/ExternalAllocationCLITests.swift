// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import GRDB
import TestSupport

/// A trial whose allocation was drawn outside Effekt (Tests/Fixtures/external: complete
/// randomization within strata drawn by make_external.py with Python's random.Random), imported,
/// recorded, analysed and reported by the built binary; `verify` against an edited file and a
/// changed assignment.
final class ExternalAllocationCLITests: CLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try copy("Tests/Fixtures/external")
    }

    func testImportRecordAnalyseAndReport() throws {
        try ok("enroll", "roster.csv")
        let imported = try ok("import-allocation", "allocation.csv")
        XCTAssertTrue(imported.contains("imported 40 assignments"), imported)
        XCTAssertTrue(try ok("import-allocation", "allocation.csv").contains("nothing was done"))
        try fails(["randomize"], mentioning: ["external", "import-allocation"])
        try ok("record", "weekly.csv")
        XCTAssertTrue(try ok("verify", "--allocation", "allocation.csv").contains("Verified 40 imported assignments"))
        XCTAssertTrue(try ok("balance").contains("F(4, 32) = 0.696, p = 0.600, n = 40"))
        let balance = try JSONSerialization.jsonObject(with: Data(try ok("balance", "--format", "json").utf8)) as! [String: Any]
        XCTAssertEqual((balance["imported_allocation"] as? [String: Any])?["assumed"] as? String, "complete_within_strata")
        XCTAssertEqual((balance["imbalance"] as? [String: Any])?["denominator_degrees_of_freedom"] as? Int, 32)
        XCTAssertNotNil(balance["balance"])
        try ok("run", ".", "--out", "reports", "--permutations", "300", "--quiet")
        let results = try JSONSerialization.jsonObject(with: Data(try read("reports.results.json").utf8)) as! [String: Any]
        let methods = results["methods"] as! [String: Any]
        let note = try XCTUnwrap(methods["imported_allocation"] as? [String: Any])
        XCTAssertEqual(note["assumed"] as? String, "complete_within_strata")
        XCTAssertNil(note["enumerated_assignments"] as? Int, "40 people in four strata have far more than 10,000 assignments")
        // Reference: Tests/Fixtures/external/imbalance_reference.py (numpy 2.4.6 lstsq, scipy 1.17.1 f.sf),
        // R's anova(lm(D ~ stratum), lm(D ~ stratum + age + female + origin)).
        let test = try XCTUnwrap(note["imbalance"] as? [String: Any])
        XCTAssertEqual(test["statistic"] as! Double, 0.696463234742912, accuracy: 1e-10)
        XCTAssertEqual(test["p_value"] as! Double, 0.600002988669721, accuracy: 1e-10)
        XCTAssertEqual(test["numerator_degrees_of_freedom"] as? Int, 4)
        XCTAssertEqual(test["denominator_degrees_of_freedom"] as? Int, 32)
        let overall = try read("reports/overall.md")
        XCTAssertTrue(overall.contains("**The allocation was imported: Effekt did not draw it.**"), overall)
        XCTAssertTrue(overall.contains("complete randomisation within strata"), overall)
        XCTAssertTrue(overall.contains("F(4, 32) = 0.70, p = 0.600"), overall)
        XCTAssertTrue(overall.contains("300 draws from the assumed design"), overall)
    }

    func testVerifyCatchesAnEditedFileAndAChangedAssignment() throws {
        try ok("enroll", "roster.csv")
        try ok("import-allocation", "allocation.csv")
        // The file edited after the import: participant p012's arm swapped.
        var lines = try read("allocation.csv").components(separatedBy: "\n")
        let k = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("p012,") })
        lines[k] = lines[k].contains(",control,") ? lines[k].replacingOccurrences(of: ",control,", with: ",treatment,")
                                                  : lines[k].replacingOccurrences(of: ",treatment,", with: ",control,")
        try write("edited.csv", lines.joined(separator: "\n"))
        try fails(["verify", "--allocation", "edited.csv"], mentioning: ["edited.csv", "was edited after it was imported", "p012", "line \(k + 1)"])
        // The file now refuses to import, naming the participant; the store is unchanged.
        try fails(["import-allocation", "edited.csv"], mentioning: ["p012", "already assigned", "nothing was imported"])
        // An assignment changed in the store behind Effekt's back.
        let q = try DatabaseQueue(path: dir.appendingPathComponent("effekt.sqlite").path)
        try q.write { db in
            try db.execute(sql: "DROP TRIGGER allocation_log_no_update")
            try db.execute(sql: "UPDATE allocation_log SET arm = CASE arm WHEN 'control' THEN 'treatment' ELSE 'control' END WHERE participant = 'p020'")
        }
        try fails(["verify"], mentioning: ["p020", "changed after it was written", "no longer match the digest"])
    }
}

/// `enroll --skip-existing` on the fixture roster sent again with new people and a recomputed age.
final class CumulativeRosterCLITests: CLITestCase {
    func testSkipExistingEnrollsNewIdsAndListsChangedCovariates() throws {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        try fails(["enroll", "roster.csv"], mentioning: ["already enrolled", "--skip-existing"])
        let later = try read("roster-later.csv").split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("id,") }
        let first = try read("roster.csv").replacingOccurrences(of: "p002,Aalborg,resource_programme,2016-03-01,male,0,29,",
                                                                 with: "p002,Aalborg,resource_programme,2016-03-01,male,0,30,")
        try write("all.csv", first + later.joined(separator: "\n") + "\n")
        let out = try ok("enroll", "all.csv", "--skip-existing")
        XCTAssertTrue(out.contains("Enrolled \(later.count) new participants"), out)
        XCTAssertTrue(out.contains("line 4: p002 age: '29' at enrolment, '30' now"), out)
        try write("moved.csv", first.replacingOccurrences(of: "p002,Aalborg,resource_programme,", with: "p002,Aalborg,cash_benefit,"))
        try fails(["enroll", "moved.csv", "--skip-existing"], mentioning: ["moved.csv, line 4, column benefit", "p002", "frozen"])
    }
}
