// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport

/// `effekt regress` and `effekt survival` with missing values in every column kind, against R.
///
/// R is not run: each R-made fixture (`Tests/Fixtures/regression/main.csv`, `survival/heart.csv`,
/// `survival/lung.csv`) is extended with copies of its rows that each lose one value (an empty
/// field or `NA`). R's `na.action = na.omit` (the default of `lm_robust` and `coxph`) removes
/// exactly those copies before fitting, so R's answer on the extended file is its answer on the
/// fixture, which `reference.csv` / `reference.json` hold (R 4.2.2, estimatr 1.0.0, survival
/// 3.5-3; relative tolerance 1e-8, as issue 10 asks, for regression and survival alike). The dropped
/// counts are counted by hand from the copies made.
final class MissingValueCLITests: XCTestCase {
    override func setUpWithError() throws { try EffektProcess.requireBuilt() }

    /// `fixture`'s text with, per gap, a copy of data row `row` whose field `column` is `value`.
    func extended(_ fixture: String, gaps: [(column: String, row: Int, value: String)]) throws -> String {
        let text = try String(contentsOf: EffektProcess.packageRoot.appendingPathComponent(fixture), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].replacingOccurrences(of: "\"", with: "").split(separator: ",").map(String.init)
        for gap in gaps {
            var fields = lines[gap.row + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[header.firstIndex(of: gap.column)!] = gap.value
            lines.append(fields.joined(separator: ","))
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-missing-\(UUID().uuidString).csv")
        try lines.joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try EffektProcess.run(arguments + ["--format", "json"])
        XCTAssertEqual(r.status, 0, r.err)
        return try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
    }

    /// The JSON text's number after `"key" : ` in the coefficient block of `term` (Foundation's
    /// JSONSerialization may round the last digit on Linux). Keys are sorted, so an outcome's
    /// coefficients come before its `"outcome" : "name"`.
    func coefficient(_ text: String, outcome: Int, term: String, _ key: String) -> Double? {
        let outcomeText = text.components(separatedBy: "\"outcome\" : \"")[outcome]
        guard let block = outcomeText.components(separatedBy: "{").first(where: { $0.contains("\"term\" : \"\(term)\"") }),
              let line = block.split(separator: "\n").first(where: { $0.contains("\"\(key)\" :") }) else { return nil }
        return Double(line.split(separator: ":")[1].trimmingCharacters(in: CharacterSet(charactersIn: " ,")))
    }

    static let regressionGaps: [(column: String, row: Int, value: String)] = [
        ("D", 3, "NA"), ("x1", 10, ""), ("x2", 20, "NA"), ("w", 40, ""), ("g", 50, ""), ("g", 60, "NA"),
        ("s", 70, ""), ("y", 80, "NA"), ("y", 90, ""),
    ]

    func testRegressDropsRowsAsLmRobustAndCountsThem() throws {
        let data = try extended("Tests/Fixtures/regression/main.csv", gaps: Self.regressionGaps)
        let arguments = ["regress", "--data", data, "--outcome", "y", "--outcome", "y2", "--treatment", "D",
                         "--covariates", "x1,x2", "--fixed-effects", "s", "--cluster", "g", "--weights", "w", "--se", "cr2",
                         "--terms", "all", "--format", "json"]
        let r = try EffektProcess.run(arguments)
        XCTAssertEqual(r.status, 0, r.err)
        let j = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        XCTAssertEqual(j["rows"] as? Int, 212)
        let outcomes = j["outcomes"] as! [[String: Any]]
        // Hand count: treatment 1, covariates 2, weights 1, cluster 2, fixed effects 1; y also 2.
        XCTAssertEqual(outcomes[0]["dropped_rows"] as? [String: Int],
                       ["treatment": 1, "covariates": 2, "weights": 1, "cluster": 2, "fixed_effects": 1, "outcome": 2])
        XCTAssertEqual(outcomes[1]["dropped_rows"] as? [String: Int],
                       ["treatment": 1, "covariates": 2, "weights": 1, "cluster": 2, "fixed_effects": 1, "outcome": 0])
        XCTAssertEqual(outcomes[0]["n"] as? Int, 203)
        XCTAssertEqual(outcomes[1]["n"] as? Int, 205)
        let reference = csvColumns(at: EffektProcess.packageRoot.appendingPathComponent("Tests/Fixtures/regression/reference.csv"))
        var compared = 0
        for i in reference["case"]!.indices where reference["case"]![i] == "clustered_weighted"
            && reference["package"]![i] == "estimatr" && reference["se_type"]![i] == "CR2" && reference["outcome"]![i] == "y" {
            let rTerm = reference["term"]![i]
            let term = rTerm.hasPrefix("factor(s)") ? "s" + rTerm.dropFirst(9) : rTerm
            for (key, column) in [("estimate", "estimate"), ("std_error", "std_error"), ("df", "df"), ("conf_low", "conf_low")] {
                let ours = try XCTUnwrap(coefficient(r.out, outcome: 0, term: term, key), "\(term) \(key)")
                assertClose(ours, Double(reference[column]![i])!, relative: 1e-8, "\(term) \(key)")
            }
            compared += 1
        }
        XCTAssertEqual(compared, 7)
    }

    func testRegressMissingFailNamesTheFirstOffendingLine() throws {
        let data = try extended("Tests/Fixtures/regression/main.csv", gaps: Self.regressionGaps)
        let r = try EffektProcess.run(["regress", "--data", data, "--outcome", "y", "--treatment", "D", "--covariates", "x1",
                                       "--cluster", "g", "--missing", "fail"])
        XCTAssertNotEqual(r.status, 0)
        // The first copy (line 1 + 203 + 1) lacks D.
        XCTAssertEqual(r.err.trimmingCharacters(in: .whitespacesAndNewlines),
                       "Error: The column 'D' is missing (empty or NA) on line 205 of '\(data)'; fill it in, or leave out --missing fail to drop such rows as R's na.omit does.")
        XCTAssertTrue(r.out.isEmpty)
    }

    /// coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, heart2, cluster = id), as
    /// `SurvivalCommandLineTests.testCoxJSONMatchesR`, on heart.csv plus rows missing each column kind.
    func testCoxDropsRowsAsCoxphNaOmit() throws {
        let data = try extended("Tests/Fixtures/survival/heart.csv", gaps: [
            ("start", 5, "NA"), ("stop", 6, ""), ("event", 7, "NA"), ("age", 8, ""), ("transplant", 9, "NA"), ("id", 10, ""),
        ])
        let j = try json(["survival", "cox", "--data", data, "--start", "start", "--stop", "stop", "--event", "event",
                          "--covariates", "age,year,surgery,transplant", "--cluster", "id"])
        XCTAssertEqual(j["n"] as? Int, 172)
        XCTAssertEqual(j["dropped_rows"] as? [String: Int],
                       ["time": 2, "event": 1, "covariates": 2, "strata": 0, "cluster": 1, "group": 0])
        let r = SurvivalFixture.section("cox", "heart_efron")
        let rows = j["coefficients"] as! [[String: Any]]
        assertClose(rows.map { number($0["estimate"]) }, numbers(r["coef"]), relative: 1e-8, absolute: 1e-12)
        let v = numbers(r["var"])
        assertClose(rows.map { number($0["robust_std_error"]) }, [0, 5, 10, 15].map { v[$0].squareRoot() }, relative: 1e-8, absolute: 1e-12)
        assertClose(number(j["loglik"]), numbers(r["loglik"])[1], relative: 1e-8, absolute: 1e-12)
    }

    /// survdiff(Surv(time, status) ~ sex + strata(ph_ecog), lung2) and survfit(... ~ sex) on lung.csv
    /// plus rows missing time, status, sex (group) and ph_ecog (strata).
    func testLogRankAndKaplanMeierDropRowsAsR() throws {
        let data = try extended("Tests/Fixtures/survival/lung.csv", gaps: [
            ("time", 1, "NA"), ("status", 2, ""), ("sex", 3, "NA"), ("ph_ecog", 4, ""), ("ph_ecog", 5, "NA"),
        ])
        let lr = try json(["survival", "logrank", "--data", data, "--time", "time", "--event", "status",
                           "--group", "sex", "--strata", "ph_ecog"])
        XCTAssertEqual(lr["dropped_rows"] as? [String: Int],
                       ["time": 1, "event": 1, "covariates": 0, "strata": 2, "cluster": 0, "group": 1])
        let r = SurvivalFixture.section("logrank", "lung_sex_strata")
        assertClose(number(lr["statistic"]), number(r["statistic"]), relative: 1e-8, absolute: 1e-12)
        let groups = lr["groups"] as! [[String: Any]]
        assertClose(groups.map { number($0["observed"]) }, numbers(r["observed"]), relative: 1e-8, absolute: 1e-12)
        // km ignores ph_ecog, so the two rows missing only ph_ecog are kept: 227 + 2 rows.
        let km = try json(["survival", "km", "--data", data, "--time", "time", "--event", "status", "--group", "sex"])
        XCTAssertEqual(km["dropped_rows"] as? [String: Int],
                       ["time": 1, "event": 1, "covariates": 0, "strata": 0, "cluster": 0, "group": 1])
        let n = (km["groups"] as! [[String: Any]]).map { $0["n"] as! Int }
        XCTAssertEqual(n.reduce(0, +), 229)
    }

    func testSurvivalMissingFailNamesTheFirstOffendingLine() throws {
        let data = try extended("Tests/Fixtures/survival/lung.csv", gaps: [("age", 7, ""), ("sex", 3, "NA")])
        let r = try EffektProcess.run(["survival", "cox", "--data", data, "--time", "time", "--event", "status",
                                       "--covariates", "age,sex", "--missing", "fail"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.err.trimmingCharacters(in: .whitespacesAndNewlines),
                       "Error: \(data), line 229, column age: the value is missing (empty or NA); fill it in, or leave out --missing fail to drop such rows as R's na.omit does.")
    }
}
