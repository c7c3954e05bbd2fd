// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import Regression
import LinearAlgebra

/// `CovarianceScope.variances(of:)`: the variances of named terms only, by the parallel
/// selected-variances pass (`MultipleOutcomes.selectedVariancePass`), against R (estimatr
/// `lm_robust`, see `Tests/Fixtures/regression/`) and against the all-terms path.
final class SelectedVariancesTests: XCTestCase {
    let outcomes = ["y", "yb", "y2"]
    let estimators: [CovarianceEstimator] = [.classical, .hc0, .hc1, .hc2, .hc3]
    let clusterEstimators: [CovarianceEstimator] = [.cr0, .cr1]

    /// One term (the fused sweep), two terms (scatter of cluster scores) and six terms (one-hot
    /// product of cluster scores) — each against R at 1e-8, with the other terms' SEs NaN.
    func testSelectedTermsAgreeWithEstimatr() throws {
        let selections: [[String]] = [["D"], ["D", "x1"], ["(Intercept)", "D", "x1", "x2", "s2", "s4"]]
        let settings: [(String, Bool, Bool, [CovarianceEstimator])] = [
            ("unweighted", false, false, estimators), ("weighted", false, true, estimators),
            ("clustered", true, false, clusterEstimators), ("clustered_weighted", true, true, clusterEstimators),
        ]
        for (name, clustered, weighted, estimators) in settings {
            let design = try Fixtures.specification(outcomes: outcomes, clustered: clustered, weighted: weighted).design()
            for selection in selections {
                let fit = try MultipleOutcomes.fit(design, estimators: estimators, scope: .variances(of: selection))
                let rTerms = Set(selection.map(Fixtures.rTerm))
                for (t, outcome) in outcomes.enumerated() {
                    for e in estimators {
                        let result = fit.result(outcome: t, estimator: e)
                        XCTAssertNil(result.covariance)
                        assertMatches(result, Fixtures.references(case: name, seType: Fixtures.rName(e), outcome: outcome),
                                      terms: e == .classical ? nil : rTerms)
                        // Every coefficient is estimated; only the selected terms have SEs (all, for classical).
                        let refs = Fixtures.references(case: name, seType: Fixtures.rName(e), outcome: outcome)
                        for (k, term) in result.terms.enumerated() {
                            let ref = refs.first { $0.term == Fixtures.rTerm(term) }!
                            assertClose(result.coefficients[k], ref.estimate, relative: 1e-8, "\(name) \(term)")
                            XCTAssertEqual(result.standardErrors[k].isNaN, e != .classical && !selection.contains(term),
                                           "\(name) \(e) \(term)")
                        }
                    }
                }
            }
        }
    }

    /// Each estimator alone, and HC with CR, for one term: the one-sweep path (at most one HC type),
    /// with and without weights and clusters, against R.
    func testOneSweepPathForEachEstimatorAgreesWithEstimatr() throws {
        let settings: [(String, Bool, Bool, [[CovarianceEstimator]])] = [
            ("unweighted", false, false, [[.hc0], [.hc1], [.hc2], [.hc3], [.classical, .hc2]]),
            ("weighted", false, true, [[.hc0], [.hc1], [.hc2], [.hc3]]),
            ("clustered", true, false, [[.cr0], [.cr1]]),
            ("clustered_weighted", true, true, [[.cr1]]),
        ]
        for (name, clustered, weighted, sets) in settings {
            let design = try Fixtures.specification(outcomes: outcomes, clustered: clustered, weighted: weighted).design()
            for estimators in sets {
                let fit = try MultipleOutcomes.fit(design, estimators: estimators, scope: .variances(of: ["D"]))
                for (t, outcome) in outcomes.enumerated() {
                    for e in estimators {
                        assertMatches(fit.result(outcome: t, estimator: e),
                                      Fixtures.references(case: name, seType: Fixtures.rName(e), outcome: outcome),
                                      terms: e == .classical ? nil : ["D"])
                    }
                }
            }
        }
        // HC and CR together in one sweep (R's values are per estimator; the data set is the clustered one).
        let design = try Fixtures.specification(outcomes: outcomes, clustered: true).design()
        let fit = try MultipleOutcomes.fit(design, estimators: [.hc2, .cr1], scope: .variances(of: ["D"]))
        for (t, outcome) in outcomes.enumerated() {
            assertMatches(fit.result(outcome: t, estimator: .cr1),
                          Fixtures.references(case: "clustered", seType: "stata", outcome: outcome), terms: ["D"])
            assertMatches(fit.result(outcome: t, estimator: .hc2),
                          Fixtures.references(case: "unweighted", seType: "HC2", outcome: outcome), terms: ["D"])
        }
    }

    /// CR2 needs the Bell–McCaffrey adjustment of every term: it takes the all-terms path.
    func testCR2FallsBackToAllTerms() throws {
        let design = try Fixtures.specification(outcomes: outcomes, clustered: true).design()
        let fit = try MultipleOutcomes.fit(design, estimators: [.cr1, .cr2], scope: .variances(of: ["D"]))
        for (t, outcome) in outcomes.enumerated() {
            for e in [CovarianceEstimator.cr1, .cr2] {
                let result = fit.result(outcome: t, estimator: e)
                assertMatches(result, Fixtures.references(case: "clustered", seType: Fixtures.rName(e), outcome: outcome))
                XCTAssertTrue(result.standardErrors.allSatisfy(\.isFinite))
            }
        }
    }

    /// x3 = x1 + 2·x2 is aliased (QR path): selecting it gives no variance and no error; the other
    /// selected term agrees with sandwich's `vcovHC` on `lm`.
    func testAliasedSelectedTermHasNoVariance() throws {
        let design = try Fixtures.specification(covariates: ["x1", "x2", "x3"]).design()
        let fit = try MultipleOutcomes.fit(design, estimators: [.hc2], scope: .variances(of: ["x3", "D"]))
        XCTAssertFalse(fit.usedCholesky)
        let result = fit.result(outcome: 0, estimator: .hc2)
        XCTAssertEqual(result.aliasedTerms, ["x3"])
        assertMatches(result, Fixtures.references(case: "rank_deficient", package: "sandwich", seType: "HC2"),
                      terms: ["D"], inference: false)
    }

    /// No term selected: coefficients, R² and the classical SEs (always all) are still exact.
    func testEmptySelectionKeepsCoefficientsAndClassical() throws {
        let design = try Fixtures.specification(outcomes: outcomes, clustered: true).design()
        let fit = try MultipleOutcomes.fit(design, estimators: [.classical, .hc1, .cr1], scope: .variances(of: []))
        for (t, outcome) in outcomes.enumerated() {
            assertMatches(fit.result(outcome: t, estimator: .classical),
                          Fixtures.references(case: "unweighted", seType: "classical", outcome: outcome))
            XCTAssertTrue(fit.result(outcome: t, estimator: .hc1).standardErrors.allSatisfy(\.isNaN))
            XCTAssertTrue(fit.result(outcome: t, estimator: .cr1).standardErrors.allSatisfy(\.isNaN))
        }
    }

    func testUnknownTermIsAnError() throws {
        let design = try Fixtures.specification().design()
        XCTAssertThrowsError(try MultipleOutcomes.fit(design, estimators: [.hc2], scope: .variances(of: ["treated"]))) {
            let error = $0 as? RegressionError
            XCTAssertEqual(error, .unknownTerm("treated", available: design.terms))
            XCTAssertTrue(error!.description.contains("'treated' is not in the design"))
            XCTAssertTrue(error!.description.contains("'D'"))
        }
    }

    /// More rows than three chunks (`RowChunks.rowsPerChunk`), weights, 23 clusters, several
    /// outcomes: the selected variances equal the all-terms path's (a different algorithm: Z = XM,
    /// rows grouped by cluster) to 1e-10, and two runs give bit-identical results.
    func testAcrossChunksEqualsAllTermsPathAndIsDeterministic() throws {
        var generator = SplitMix(seed: 11)
        let n = 3 * RowChunks.rowsPerChunk + 1_234, p = 5, outcomes = 4
        var x = Matrix(rows: n, columns: p), y = Matrix(rows: n, columns: outcomes)
        var clusters = [Int](), weights = [Double]()
        for i in 0..<n {
            x[i, 0] = 1
            x[i, 1] = generator.next() < 0.5 ? 1 : 0
            x[i, 2] = generator.next() * 3 + 10
            x[i, 3] = generator.next() - 0.5
            x[i, 4] = generator.next() < 0.3 ? 1 : 0
            for t in 0..<outcomes {
                y[i, t] = 50 + x[i, 1] * Double(t) + x[i, 2] + (generator.next() - 0.5) * (1 + x[i, 1] + x[i, 3])
            }
            clusters.append(Int(generator.next() * 23))
            weights.append(0.5 + generator.next())
        }
        let terms = ["(Intercept)", "D", "a", "b", "c"]
        for weighted in [false, true] {
            let design = try Design(x: x, terms: terms, y: y, outcomeNames: (0..<outcomes).map { "y\($0)" },
                                    weights: weighted ? weights : nil,
                                    clusters: ClusterAssignment(name: "g", index: clusters, count: 23), interceptColumn: 0)
            let all: [CovarianceEstimator] = [.classical, .hc0, .hc1, .hc2, .hc3, .cr0, .cr1]
            let reference = try MultipleOutcomes.fit(design, estimators: all, scope: .variancesOnly)
            // One term with one HC type and CR1: the one-sweep path.
            for estimators in [[CovarianceEstimator.hc2, .cr1], [.hc1, .cr0]] {
                let fit = try MultipleOutcomes.fit(design, estimators: estimators, scope: .variances(of: ["D"]))
                for e in estimators {
                    for t in 0..<outcomes {
                        assertClose(fit.result(outcome: t, estimator: e).standardErrors[1],
                                              reference.result(outcome: t, estimator: e).standardErrors[1], relative: 1e-10, "\(e)")
                    }
                }
            }
            for selection in [["D"], ["D", "b"], ["(Intercept)", "D", "a", "b", "c"]] {
                let fit = try MultipleOutcomes.fit(design, estimators: all, scope: .variances(of: selection))
                let again = try MultipleOutcomes.fit(design, estimators: all, scope: .variances(of: selection))
                for e in all {
                    for t in 0..<outcomes {
                        let a = fit.result(outcome: t, estimator: e), b = reference.result(outcome: t, estimator: e)
                        let c = again.result(outcome: t, estimator: e)
                        for k in 0..<p {
                            assertClose(a.coefficients[k], b.coefficients[k], relative: 1e-10)
                            if selection.contains(terms[k]) || e == .classical {
                                assertClose(a.standardErrors[k], b.standardErrors[k], relative: 1e-10, "\(e) \(terms[k]) \(selection)")
                            }
                            XCTAssertEqual(a.standardErrors[k].bitPattern, c.standardErrors[k].bitPattern)
                            XCTAssertEqual(a.coefficients[k].bitPattern, c.coefficients[k].bitPattern)
                        }
                        assertClose(a.rSquared, b.rSquared, relative: 1e-10)
                        XCTAssertEqual(a.degreesOfFreedom, b.degreesOfFreedom)
                    }
                }
            }
        }
    }

    /// y = 1,2,3 | 4,6,8 on an intercept and D: τ̂ = 4, residuals −1,0,1 | −2,0,2,
    /// z_D = (−1/3, −1/3, −1/3, 1/3, 1/3, 1/3), so HC0 Var = (1 + 1 + 4 + 4)/9 = 10/9 and with
    /// clusters {1,4}, {2,5}, {3,6}: CR0 Var = ((1/3 − 2/3)² + 0 + (−1/3 + 2/3)²) = 2/9.
    func testHandComputedCase() throws {
        let x = Matrix(rows: 6, columns: 2, columnMajor: [1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1])
        let y = Matrix(rows: 6, columns: 1, columnMajor: [1, 2, 3, 4, 6, 8])
        let design = try Design(x: x, terms: ["(Intercept)", "D"], y: y, outcomeNames: ["y"],
                                clusters: ClusterAssignment(name: "g", index: [0, 1, 2, 0, 1, 2], count: 3),
                                interceptColumn: 0)
        let fit = try MultipleOutcomes.fit(design, estimators: [.hc0, .cr0], scope: .variances(of: ["D"]))
        let hc0 = fit.result(outcome: 0, estimator: .hc0), cr0 = fit.result(outcome: 0, estimator: .cr0)
        XCTAssertEqual(hc0.coefficients[1], 4, accuracy: 1e-14)
        XCTAssertEqual(hc0.standardErrors[1] * hc0.standardErrors[1], 10.0 / 9, accuracy: 1e-14)
        XCTAssertEqual(cr0.standardErrors[1] * cr0.standardErrors[1], 2.0 / 9, accuracy: 1e-14)
        XCTAssertTrue(hc0.standardErrors[0].isNaN)
    }
}
