// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import Regression

/// OLS against estimatr 1.0.0 `lm_robust` and sandwich 3.0-2 (Tests/Fixtures/regression).
/// Tolerance 1e-8 relative for estimates, SEs, df, CIs; 1e-6 for p-values (tail probabilities
/// amplify the SE's last digits).
final class OrdinaryLeastSquaresTests: XCTestCase {
    func check(_ caseName: String, clustered: Bool, weighted: Bool, estimators: [CovarianceEstimator],
               factorization: Factorization, file: StaticString = #filePath, line: UInt = #line) throws {
        for outcome in ["y", "yb", "y2"] {
            let design = try Fixtures.specification(outcomes: [outcome], clustered: clustered, weighted: weighted).design()
            for e in estimators {
                let fit = try OrdinaryLeastSquares.fit(design, covariance: e, factorization: factorization)
                let refs = Fixtures.references(case: caseName, seType: Fixtures.rName(e), outcome: outcome)
                assertMatches(fit, refs, file: file, line: line)
                assertClose(fit.rSquared, refs[0].rSquared, relative: 1e-8, "R² \(caseName) \(e)", file: file, line: line)
                let sandwich = Fixtures.references(case: caseName, package: "sandwich", seType: Fixtures.rName(e), outcome: outcome)
                if !sandwich.isEmpty { assertMatches(fit, sandwich, inference: false, file: file, line: line) }
            }
        }
    }

    let heteroskedastic: [CovarianceEstimator] = [.classical, .hc0, .hc1, .hc2, .hc3]
    let clusterRobust: [CovarianceEstimator] = [.cr0, .cr1, .cr2]

    func testUnweightedAgainstEstimatrAndSandwich() throws {
        for f in [Factorization.choleskyWithQRFallback, .householderQR] {
            try check("unweighted", clustered: false, weighted: false, estimators: heteroskedastic, factorization: f)
        }
    }

    func testWeightedAgainstEstimatrAndSandwich() throws {
        for f in [Factorization.choleskyWithQRFallback, .householderQR] {
            try check("weighted", clustered: false, weighted: true, estimators: heteroskedastic, factorization: f)
        }
    }

    func testUnequalClustersAgainstEstimatr() throws {
        for f in [Factorization.choleskyWithQRFallback, .householderQR] {
            try check("clustered", clustered: true, weighted: false, estimators: clusterRobust, factorization: f)
        }
    }

    func testWeightedClustersAgainstEstimatr() throws {
        try check("clustered_weighted", clustered: true, weighted: true, estimators: clusterRobust,
                  factorization: .choleskyWithQRFallback)
    }

    /// x3 = x1 + 2·x2: `lm` (and we) alias x3; estimatr 1.0.0 aliases x2 instead, so against
    /// estimatr only the terms both estimate identically are compared; sandwich on `lm` covers all.
    func testRankDeficientDesignAliasesLikeLm() throws {
        let spec = Fixtures.specification(covariates: ["x1", "x2", "x3"])
        let common: Set<String> = ["(Intercept)", "D", "factor(s)2", "factor(s)3", "factor(s)4"]
        for e in [CovarianceEstimator.classical, .hc2] {
            let fit = try OrdinaryLeastSquares.fit(spec.design(), covariance: e)
            XCTAssertEqual(fit.aliasedTerms, ["x3"])
            XCTAssertFalse(fit.terms.contains("x3"))
            assertMatches(fit, Fixtures.references(case: "rank_deficient", seType: Fixtures.rName(e)), terms: common)
            assertMatches(fit, Fixtures.references(case: "rank_deficient", package: "sandwich", seType: Fixtures.rName(e)),
                          inference: false)
        }
        var clustered = spec
        clustered.cluster = Fixtures.categorical(Fixtures.main, "g")
        let cr2 = try OrdinaryLeastSquares.fit(clustered.design(), covariance: .cr2)
        assertMatches(cr2, Fixtures.references(case: "rank_deficient", seType: "CR2"), terms: common)
    }

    /// y = 1,2,3 | 4,6,8: τ̂ = 4; classical SE² = (10/4)·(2/3) = 5/3; HC2 SE² = 4/3 + 1/3 = 5/3.
    func testHandComputedCase() throws {
        let spec = ModelSpecification(outcomes: [NumericColumn(name: "y", values: [1, 2, 3, 4, 6, 8])],
                                      treatment: NumericColumn(name: "D", values: [0, 0, 0, 1, 1, 1]))
        for e in [CovarianceEstimator.classical, .hc2] {
            let fit = try OrdinaryLeastSquares.fit(spec, covariance: e)
            XCTAssertEqual(fit.coefficient("D")!, 4, accuracy: 1e-14)
            XCTAssertEqual(fit.coefficient("(Intercept)")!, 2, accuracy: 1e-14)
            XCTAssertEqual(fit.standardErrors[1], (5.0 / 3).squareRoot(), accuracy: 1e-14)
            XCTAssertEqual(fit.degreesOfFreedom[1], 4)
            assertMatches(fit, Fixtures.references(case: "hand", seType: Fixtures.rName(e)))
        }
    }

    func testConfidenceLevelsAndCoefficientTable() throws {
        let fit = try OrdinaryLeastSquares.fit(Fixtures.specification(), covariance: .hc2)
        let ci90 = fit.confidenceIntervals(level: 0.90)[1], ci99 = fit.confidenceIntervals(level: 0.99)[1]
        XCTAssertLessThan(ci90.upper - ci90.lower, ci99.upper - ci99.lower)
        let table = fit.summary(level: 0.9)
        XCTAssertEqual(table.rows.map(\.term), ["(Intercept)", "D", "x1", "x2", "s2", "s3", "s4"])
        XCTAssertEqual(table["D"]!.confLow, ci90.lower)
        XCTAssertEqual(fit.observationCount, 203)
    }
}
