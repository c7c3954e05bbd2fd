// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport
import Regression

/// Runs the built `effekt` binary: JSON contract, and one-sentence errors with a non-zero exit.
final class RegressCommandTests: XCTestCase {
    override func setUpWithError() throws { try EffektProcess.requireBuilt() }

    static let example = EffektProcess.packageRoot.appendingPathComponent("Data/example/regression.csv").path

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try EffektProcess.run(["regress"] + arguments)
        return (r.status, r.out, r.err)
    }

    func temporaryCSV(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testJSONContractMatchesTheLibraryFit() throws {
        let r = try run(["--data", Self.example, "--outcome", "hours_week_26", "--outcome", "employed_week_52",
                         "--treatment", "treatment", "--covariates", "age,prior_weeks_employed",
                         "--fixed-effects", "municipality", "--cluster", "jobcentre", "--se", "cr1", "--level", "0.9",
                         "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(json["rows"] as? Int, 600)
        XCTAssertEqual(json["se_type"] as? String, "cr1")
        XCTAssertEqual(json["terms"] as? String, "treatment")
        let outcomes = json["outcomes"] as! [[String: Any]]
        XCTAssertEqual(outcomes[0]["n"] as? Int, 593)
        XCTAssertEqual((outcomes[0]["dropped_rows"] as! [String: Int]).values.reduce(0, +), 7)
        XCTAssertEqual(outcomes.map { $0["outcome"] as! String }, ["hours_week_26", "employed_week_52"])
        XCTAssertEqual(outcomes[0]["df_residual"] as? Int, 585)
        let coefficients = outcomes[0]["coefficients"] as! [[String: Any]]
        XCTAssertEqual(coefficients[0]["term"] as? String, "(Intercept)")
        for key in ["estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high", "df"] {
            XCTAssertNotNil(coefficients[1][key] as? Double, key)
        }
        // Same numbers, bit for bit, as the library on the same columns (JSON keeps full precision).
        let table = csvColumns(at: URL(fileURLWithPath: Self.example))
        func column(_ n: String) -> NumericColumn {
            NumericColumn(name: n, values: table[n]!.map { Double($0) ?? .nan })
        }
        let spec = ModelSpecification(outcomes: [column("hours_week_26"), column("employed_week_52")],
                                      treatment: column("treatment"),
                                      covariates: [column("age"), column("prior_weeks_employed")],
                                      fixedEffects: [CategoricalColumn(name: "municipality", labels: table["municipality"]!)],
                                      cluster: CategoricalColumn(name: "jobcentre", labels: table["jobcentre"]!))
        // Two outcomes: the treatment's standard errors only (the default of --terms); rows as na.omit per outcome.
        let part = try spec.completeCaseDesigns().first { $0.outcomes.contains(0) }!
        let fit = try MultipleOutcomes.fit(part.design, estimators: [.cr1], scope: .variances(of: ["treatment"]))
            .result(outcome: part.outcomes.firstIndex(of: 0)!, estimator: .cr1).summary(level: 0.9)
        XCTAssertEqual(coefficients[1]["term"] as? String, "treatment")
        XCTAssertEqual(coefficients[1]["df"] as? Double, 15)
        // Foundation's JSONSerialization on Linux may round the last digit, so read the text with Double(_:).
        let treatmentBlock = r.stdout.components(separatedBy: "{").first { $0.contains("\"term\" : \"treatment\"") }!
        func number(_ key: String) -> Double? {
            let line = treatmentBlock.split(separator: "\n").first { $0.contains("\"\(key)\" :") }!
            return Double(line.split(separator: ":")[1].trimmingCharacters(in: CharacterSet(charactersIn: " ,")))
        }
        XCTAssertEqual(number("estimate"), fit["treatment"]!.estimate)
        XCTAssertEqual(number("std_error"), fit["treatment"]!.stdError)
        XCTAssertEqual(number("conf_low"), fit["treatment"]!.confLow)
        XCTAssertEqual(number("p_value"), fit["treatment"]!.pValue)
    }

    /// Several outcomes: only the treatment's standard errors by default (others `null` with the
    /// reason), every term's with `--terms all` — and the treatment's agree between the two paths;
    /// one outcome: every term's.
    func testTermsOfTheStandardErrors() throws {
        let base = ["--data", Self.example, "--outcome", "hours_week_26", "--treatment", "treatment",
                    "--covariates", "age", "--format", "json"]
        func rows(_ extra: [String]) throws -> [[String: Any]] {
            let r = try run(base + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return (json["outcomes"] as! [[String: Any]])[0]["coefficients"] as! [[String: Any]]
        }
        let several = try rows(["--outcome", "employed_week_52"])
        let age = several.first { $0["term"] as? String == "age" }!
        XCTAssertTrue(age["std_error"] is NSNull)
        XCTAssertTrue(age["p_value"] is NSNull)
        XCTAssertEqual(age["std_error_reason"] as? String, "not_requested")
        XCTAssertNotNil(age["estimate"] as? Double)
        let treated = several.first { $0["term"] as? String == "treatment" }!
        XCTAssertNil(treated["std_error_reason"])
        let all = try rows(["--outcome", "employed_week_52", "--terms", "all"])
        XCTAssertNotNil(all.first { $0["term"] as? String == "age" }!["std_error"] as? Double)
        assertClose(all.first { $0["term"] as? String == "treatment" }!["std_error"] as! Double,
                    treated["std_error"] as! Double, relative: 1e-12)
        let single = try rows([])
        XCTAssertTrue(single.allSatisfy { $0["std_error"] is Double && $0["std_error_reason"] == nil })
    }

    func testDefaultStandardErrors() throws {
        let plain = try run(["--data", Self.example, "--outcome", "hours_week_26", "--treatment", "treatment", "--format", "json"])
        XCTAssertTrue(plain.stdout.contains("\"se_type\" : \"hc2\""), plain.stdout)
        let clustered = try run(["--data", Self.example, "--outcome", "hours_week_26", "--treatment", "treatment",
                                 "--cluster", "jobcentre", "--format", "json"])
        XCTAssertTrue(clustered.stdout.contains("\"se_type\" : \"cr2\""), clustered.stdout)
    }

    func assertFails(_ arguments: [String], saying fragment: String, oneLine: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try run(arguments)
        XCTAssertNotEqual(r.status, 0, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(fragment), "stderr was: \(r.stderr)", file: file, line: line)
        if oneLine {
            XCTAssertEqual(r.stderr.split(separator: "\n").filter { !$0.isEmpty }.count, 1, "one line: \(r.stderr)",
                           file: file, line: line)
        }
        XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("0x"), file: file, line: line)
    }

    func testBadInputGivesOneSentenceAndNonZeroExit() throws {
        try assertFails(["--data", "/nonexistent/trial.csv", "--outcome", "y", "--treatment", "D"],
                        saying: "The data file '/nonexistent/trial.csv' does not exist")
        try assertFails(["--data", Self.example, "--outcome", "hours", "--treatment", "treatment"],
                        saying: "The column 'hours' is not in '\(Self.example)'; the columns are: id, jobcentre, municipality, treatment, age, prior_weeks_employed, hours_week_26, employed_week_52.")
        let bad = try temporaryCSV("y,D\n1,0\n2,1\n3,zero\n4,1\n")
        try assertFails(["--data", bad, "--outcome", "y", "--treatment", "D"],
                        saying: "The value 'zero' in column 'D' on line 4 of '\(bad)' is not a number")
        let few = try temporaryCSV("y,D,x\n1,0,3\n2,1,5\n3,0,4\n")
        try assertFails(["--data", few, "--outcome", "y", "--treatment", "D", "--covariates", "x"],
                        saying: "Only 3 complete rows remain for 3 parameters")
        let constant = try temporaryCSV("y,D\n1,1\n2,1\n3,1\n4,1\n")
        try assertFails(["--data", constant, "--outcome", "y", "--treatment", "D"],
                        saying: "The treatment column 'D' is constant (every value is 1); a treatment effect needs both arms.")
        let missingCluster = try temporaryCSV("y,D,g\n1,1,a\n2,0,\n3,1,b\n4,0,b\n5,1,a\n")
        try assertFails(["--data", missingCluster, "--outcome", "y", "--treatment", "D", "--cluster", "g", "--missing", "fail"],
                        saying: "The column 'g' is missing (empty or NA) on line 3 of '\(missingCluster)'")
        try assertFails(["--data", Self.example, "--outcome", "hours_week_26", "--treatment", "treatment", "--se", "cr1"],
                        saying: "needs --cluster", oneLine: false)  // flag misuse: ArgumentParser adds the usage
    }
}
