// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport

/// `effekt survival …` end to end: the JSON contract (keys and values against R, 1e-7 relative)
/// and one-sentence errors for bad input. Runs the `effekt` binary built next to the test bundle
/// (`swift build --build-tests` builds it).
final class SurvivalCommandLineTests: XCTestCase {
    override func setUpWithError() throws { try EffektProcess.requireBuilt() }

    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try EffektProcess.run(["survival"] + arguments)
        return (r.status, r.out, r.err)
    }

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try run(arguments + ["--format", "json"])
        XCTAssertEqual(r.status, 0, r.err)
        return try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
    }

    private func fixture(_ name: String) -> String { SurvivalFixture.directory.appendingPathComponent(name).path }

    func testCoxJSONMatchesR() throws {
        let j = try json(["cox", "--data", fixture("heart.csv"), "--start", "start", "--stop", "stop", "--event", "event",
                          "--covariates", "age,year,surgery,transplant", "--cluster", "id"])
        let r = SurvivalFixture.section("cox", "heart_efron")
        let rows = j["coefficients"] as! [[String: Any]]
        XCTAssertEqual(rows.map { $0["term"] as! String }, ["age", "year", "surgery", "transplant"])
        assertClose(rows.map { number($0["estimate"]) }, numbers(r["coef"]), relative: 1e-7, absolute: 1e-12)
        let v = numbers(r["var"]), naive = numbers(r["naive_var"])
        assertClose(rows.map { number($0["robust_std_error"]) }, [0, 5, 10, 15].map { v[$0].squareRoot() }, relative: 1e-7, absolute: 1e-12)
        assertClose(rows.map { number($0["std_error"]) }, [0, 5, 10, 15].map { naive[$0].squareRoot() }, relative: 1e-7, absolute: 1e-12)
        for key in ["hazard_ratio", "conf_low", "conf_high", "statistic", "p_value"] {
            XCTAssertNotNil(rows[0][key], key)
        }
        XCTAssertEqual(j["n"] as? Int, 172)
        XCTAssertEqual(j["events"] as? Int, 75)
        assertClose(number(j["loglik"]), numbers(r["loglik"])[1], relative: 1e-7, absolute: 1e-12)
        assertClose(number(j["loglik_null"]), numbers(r["loglik"])[0], relative: 1e-7, absolute: 1e-12)
        let tests = j["tests"] as! [String: [String: Any]]
        assertClose(number(tests["wald"]!["statistic"]), number(r["wald"]), relative: 1e-7, absolute: 1e-12)
        assertClose(number(tests["score"]!["statistic"]), number(r["score"]), relative: 1e-7, absolute: 1e-12)
        XCTAssertEqual(tests["likelihood_ratio"]!["df"] as? Int, 4)
        XCTAssertNotNil(tests["likelihood_ratio"]!["p_value"])
        assertClose(number(j["concordance"]), number(r["concordance"]), relative: 1e-7, absolute: 1e-12)
        XCTAssertEqual(j["converged"] as? Bool, true)
        XCTAssertEqual(j["iterations"] as? Int, 4)
    }

    func testKaplanMeierJSON() throws {
        let j = try json(["km", "--data", fixture("lung.csv"), "--time", "time", "--event", "status", "--group", "sex",
                          "--times", "3,50,100,200,365,500,750,1000", "--conf-type", "log-log"])
        let groups = j["groups"] as! [[String: Any]]
        let reference = (SurvivalFixture.reference["km"] as! [String: Any])["lung_loglog"] as! [[String: Any]]
        XCTAssertEqual(groups.map { $0["group"] as! String }, ["1", "2"])
        for (g, r) in zip(groups, reference) {
            XCTAssertEqual(number(g["n"]), number(r["n"]))
            XCTAssertEqual(number(g["events"]), number(r["events"]))
            assertClose(number(g["median"]), number(r["median"]), relative: 1e-7, absolute: 1e-12)
            let at = g["at"] as! [[String: Any]]
            assertClose(at.map { number($0["survival"]) }, numbers(r["at_surv"]), relative: 1e-7, absolute: 1e-12)
            assertClose(at.map { number($0["std_error"]) }, numbers(r["at_std_err"]), relative: 1e-7, absolute: 1e-12)
            assertClose(at.map { number($0["conf_low"]) }, numbers(r["at_lower"]), relative: 1e-7, absolute: 1e-12)
            assertClose(at.map { number($0["conf_high"]) }, numbers(r["at_upper"]), relative: 1e-7, absolute: 1e-12)
            assertClose(at.map { number($0["n_risk"]) }, numbers(r["at_n_risk"]), relative: 1e-7, absolute: 1e-12)
            assertClose(at.map { number($0["time"]) }, numbers(r["at_time"]), relative: 1e-7, absolute: 1e-12)
        }
    }

    func testLogRankJSON() throws {
        let j = try json(["logrank", "--data", fixture("lung.csv"), "--time", "time", "--event", "status",
                          "--group", "sex", "--strata", "ph_ecog"])
        let r = SurvivalFixture.section("logrank", "lung_sex_strata")
        assertClose(number(j["statistic"]), number(r["statistic"]), relative: 1e-7, absolute: 1e-12)
        assertClose(number(j["p_value"]), number(r["p_value"]), relative: 1e-7, absolute: 1e-12)
        XCTAssertEqual(j["df"] as? Int, 1)
        let groups = j["groups"] as! [[String: Any]]
        assertClose(groups.map { number($0["observed"]) }, numbers(r["observed"]), relative: 1e-7, absolute: 1e-12)
        assertClose(groups.map { number($0["expected"]) }, numbers(r["expected"]), relative: 1e-7, absolute: 1e-12)
    }

    func testCumulativeIncidenceJSONWithLabels() throws {
        let j = try json(["cif", "--data", fixture("mgus2.csv"), "--time", "etime", "--event", "elabel", "--group", "female",
                          "--outcomes", "pcm,death", "--times", "12,60,120,240,360"])
        let groups = j["groups"] as! [[String: Any]]
        for (g, key) in zip(groups, ["female=0", "female=1"]) {
            let r = SurvivalFixture.section("cif", key)
            let outcomes = g["outcomes"] as! [[String: Any]]
            XCTAssertEqual(outcomes.map { $0["outcome"] as! String }, ["pcm", "death"])
            let pcm = outcomes[0]["at"] as! [[String: Any]], death = outcomes[1]["at"] as! [[String: Any]]
            assertClose(pcm.map { number($0["estimate"]) }, numbers(r["pcm"]), relative: 1e-7, absolute: 1e-12)
            assertClose(pcm.map { number($0["std_error"]) }, numbers(r["pcm_se"]), relative: 1e-7, absolute: 1e-12)
            assertClose(death.map { number($0["estimate"]) }, numbers(r["death"]), relative: 1e-7, absolute: 1e-12)
            assertClose(death.map { number($0["std_error"]) }, numbers(r["death_se"]), relative: 1e-7, absolute: 1e-12)
        }
    }

    /// R's `Surv` also reads status coded 1 = censored, 2 = event (as in `survival::lung`).
    /// R 4.2.2, survival 3.5-3, on the fixture with status recoded to 1/2:
    /// `d <- read.csv("lung.csv"); d$status <- d$status + 1; coef(coxph(Surv(time, status) ~ age + sex, d))`
    /// = 0.017313659953059422, -0.50558439192232274 (1e-7 relative).
    func testRsOneTwoEventCoding() throws {
        let text = try String(contentsOfFile: fixture("lung.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].replacingOccurrences(of: "\"", with: "").split(separator: ",").map(String.init)
        let k = try XCTUnwrap(header.firstIndex(of: "status"))
        for i in 1..<lines.count {
            var f = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f[k] = f[k] == "1" ? "2" : "1"
            lines[i] = f.joined(separator: ",")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-lung12-\(UUID().uuidString).csv")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let coded12 = try json(["cox", "--data", url.path, "--time", "time", "--event", "status", "--covariates", "age,sex"])
        let coded01 = try json(["cox", "--data", fixture("lung.csv"), "--time", "time", "--event", "status", "--covariates", "age,sex"])
        let c12 = try XCTUnwrap(coded12["coefficients"] as? [[String: Any]]), c01 = try XCTUnwrap(coded01["coefficients"] as? [[String: Any]])
        XCTAssertEqual(c12.map { $0["estimate"] as! Double }, c01.map { $0["estimate"] as! Double })
        XCTAssertEqual(c12[0]["estimate"] as! Double, 0.017313659953059422, accuracy: 1e-7 * 0.017313659953059422)
        XCTAssertEqual(c12[1]["estimate"] as! Double, -0.50558439192232274, accuracy: 1e-7 * 0.50558439192232274)
    }

    // MARK: Bad input: one sentence naming file, line, column and value; non-zero exit.

    private func failure(_ csv: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-survival-\(UUID().uuidString).csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try run([arguments[0], "--data", url.path] + arguments.dropFirst())
        XCTAssertNotEqual(r.status, 0, file: file, line: line)
        let message = r.err.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(message.split(separator: "\n").count, 1, "one line: \(message)", file: file, line: line)
        XCTAssertFalse(message.contains("Fatal") || message.contains("Stack") || message.contains("SurvivalInputError"),
                       message, file: file, line: line)
        XCTAssertTrue(r.out.isEmpty, file: file, line: line)
        return message.replacingOccurrences(of: url.path, with: "data.csv")
    }

    func testNegativeTime() throws {
        let m = try failure("t,e,x\n1,1,0\n-3,0,1\n", ["km", "--time", "t", "--event", "e"])
        XCTAssertEqual(m, "Error: data.csv, line 3, column t: time -3.0 is negative; times must be 0 or more.")
    }

    func testStopNotAfterStart() throws {
        let m = try failure("a,b,e,x\n0,2,1,0\n4,4,0,1\n", ["cox", "--start", "a", "--stop", "b", "--event", "e", "--covariates", "x"])
        XCTAssertEqual(m, "Error: data.csv, line 3: stop 4.0 is not after start 4.0; each (start, stop] interval must be non-empty.")
    }

    func testUndeclaredEventCode() throws {
        let m = try failure("t,e,g\n1,1,a\n2,3,b\n", ["logrank", "--time", "t", "--event", "e", "--group", "g"])
        XCTAssertEqual(m, "Error: data.csv, line 3, column e: event code \"3\" is not declared; use 0 (censored) or 1 (event), or R's 1 (censored) and 2 (event).")
        let c = try failure("t,e\n1,pcm\n2,moved\n", ["cif", "--time", "t", "--event", "e", "--outcomes", "pcm,death", "--times", "1"])
        XCTAssertEqual(c, "Error: data.csv, line 3, column e: event code \"moved\" is not declared; use 0 (censored) or one of pcm, death.")
    }

    func testNoEvents() throws {
        let m = try failure("t,e,x\n1,0,0\n2,0,1\n", ["cox", "--time", "t", "--event", "e", "--covariates", "x"])
        XCTAssertEqual(m, "Error: data.csv has 0 events among 2 rows; the analysis needs at least one event.")
    }

    func testUnknownColumn() throws {
        let m = try failure("t,e,x\n1,1,0\n", ["cox", "--time", "t", "--event", "e", "--covariates", "age"])
        XCTAssertEqual(m, "Error: data.csv has no column \"age\"; its columns are t, e, x.")
    }

    func testNonNumericValue() throws {
        let m = try failure("t,e,x\n1,1,0\n2,1,abc\n", ["cox", "--time", "t", "--event", "e", "--covariates", "x"])
        XCTAssertEqual(m, "Error: data.csv, line 3, column x: \"abc\" is not a number.")
    }
}
