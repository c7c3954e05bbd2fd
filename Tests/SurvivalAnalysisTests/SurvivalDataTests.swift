// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
@testable import SurvivalAnalysis

/// Input validation and the event table's counts (including delayed entry).
final class SurvivalDataTests: XCTestCase {
    func testNegativeTimeNamesTheRow() {
        XCTAssertThrowsError(try SurvivalData(time: [1, -2], event: [true, false])) { error in
            XCTAssertEqual(error as? SurvivalAnalysisError, .invalidTime(row: 2, value: -2))
            XCTAssertEqual("\(error)", "Row 2 has time -2.0; times must be finite and not negative.")
        }
    }

    func testStopNotAfterStart() {
        XCTAssertThrowsError(try SurvivalData(start: [0, 5], stop: [3, 5], event: [true, false])) { error in
            XCTAssertEqual(error as? SurvivalAnalysisError, .stopNotAfterStart(row: 2, start: 5, stop: 5))
        }
    }

    func testEventTableWithDelayedEntry() throws {
        // (0,2] event, (1,3] censored, (2,4] event, (0,4] censored.
        let data = try SurvivalData(start: [0, 1, 2, 0], stop: [2, 3, 4, 4], event: [true, false, true, false])
        let table = try EventTable(data: data)
        let s = table.strata[0]
        XCTAssertEqual(s.times, [2, 3, 4])
        XCTAssertEqual(s.atRisk, [3, 3, 2])
        XCTAssertEqual(s.events, [1, 0, 1])
        XCTAssertEqual(s.censored, [0, 1, 1])
        XCTAssertTrue(table.hasDelayedEntry)
    }

    func testEventTableByStratumAndGroup() throws {
        let data = try SurvivalData(time: [1, 1, 2, 3, 3, 4], event: [true, false, true, true, true, false])
        let table = try EventTable(data: data, strata: Grouping([0, 0, 0, 1, 1, 1]), groups: Grouping(["a", "b", "a", "a", "b", "b"]))
        XCTAssertEqual(table.strata.map(\.times), [[1, 2], [3, 4]])
        XCTAssertEqual(table.strata[0].atRiskByGroup, [[2, 1], [1, 0]])
        XCTAssertEqual(table.strata[1].eventsByGroup, [[1, 0], [1, 0]])
        XCTAssertEqual(table.groupLabels, ["a", "b"])
    }
}

final class CoxInputErrorTests: XCTestCase {
    /// R 4.2.2, survival 3.5-3, on these 7 rows: `coef(coxph(Surv(time, status) ~ age + sex + age2 + k, d))`
    /// with `age2 = 2 * age`, `k = 3` reports age2 and k as NA and the same age and sex coefficients
    /// as `~ age + sex`. Effekt drops the
    /// later collinear covariate the same way, names it, and warns.
    func testCollinearCovariateIsDroppedAndNamedAsRDoes() throws {
        let data = try SurvivalData(time: [1, 2, 3, 4, 5, 6, 7], event: [true, false, true, true, false, true, true])
        let age: [Double] = [30, 40, 50, 45, 35, 60, 41]
        let sex: [Double] = [0, 1, 1, 0, 1, 0, 0]
        let full = try CoxModel(data: data, covariates: [age, sex, age.map { 2 * $0 }, [Double](repeating: 3, count: 7)],
                                terms: ["age", "sex", "age2", "constant"])
        let reduced = try CoxModel(data: data, covariates: [age, sex], terms: ["age", "sex"])
        XCTAssertEqual(full.terms, ["age", "sex"])
        XCTAssertEqual(full.aliasedTerms, ["age2", "constant"])
        XCTAssertEqual(full.coefficients, reduced.coefficients)
        // R: age -0.001607969, sex -0.129662055 (printed to 7 significant digits; 1e-6 relative).
        XCTAssertEqual(full.coefficients[0], -0.001607969, accuracy: 1e-6 * 0.001607969)
        XCTAssertEqual(full.coefficients[1], -0.129662055, accuracy: 1e-6 * 0.129662055)
        XCTAssertEqual(full.logLikelihood, reduced.logLikelihood)
        XCTAssertEqual(full.likelihoodRatioTest.degreesOfFreedom, 2)
        XCTAssertEqual(full.warnings.count, reduced.warnings.count + 2)
        XCTAssertTrue(full.warnings.contains(.aliased(term: "age2")))
    }

    func testOnlyConstantCovariatesAreAnError() throws {
        let data = try SurvivalData(time: [1, 2, 3, 4, 5], event: [true, false, true, true, false])
        XCTAssertThrowsError(try CoxModel(data: data, covariates: [[1, 1, 1, 1, 1]], terms: ["one"])) { error in
            XCTAssertEqual(error as? SurvivalAnalysisError, .collinearCovariate(name: "one"))
        }
    }
}
