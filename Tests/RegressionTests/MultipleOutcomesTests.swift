// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import Regression
import LinearAlgebra

/// Three outcomes (continuous y, binary yb, y2) fitted at once against R's one-at-a-time fits,
/// and against our own single-outcome fits; every estimator, weighted and clustered.
final class MultipleOutcomesTests: XCTestCase {
    let outcomes = ["y", "yb", "y2"]

    func testAllOutcomesAtOnceEqualOneAtATimeFitsInR() throws {
        let settings: [(String, Bool, Bool, [CovarianceEstimator])] = [
            ("unweighted", false, false, [.classical, .hc0, .hc1, .hc2, .hc3]),
            ("weighted", false, true, [.classical, .hc0, .hc1, .hc2, .hc3]),
            ("clustered", true, false, [.cr0, .cr1, .cr2]),
            ("clustered_weighted", true, true, [.cr0, .cr1, .cr2]),
        ]
        for (name, clustered, weighted, estimators) in settings {
            let design = try Fixtures.specification(outcomes: outcomes, clustered: clustered, weighted: weighted).design()
            for scope in [CovarianceScope.full, .variancesOnly] {
                let fit = try MultipleOutcomes.fit(design, estimators: estimators, scope: scope)
                XCTAssertTrue(fit.usedCholesky)
                for (t, outcome) in outcomes.enumerated() {
                    for e in estimators {
                        let result = fit.result(outcome: t, estimator: e)
                        XCTAssertEqual(result.outcome, outcome)
                        assertMatches(result, Fixtures.references(case: name, seType: Fixtures.rName(e), outcome: outcome))
                    }
                }
            }
        }
    }

    func testVariancesOnlyAgreesWithFullCovarianceDiagonal() throws {
        let design = try Fixtures.specification(outcomes: outcomes, weighted: true).design()
        let estimators: [CovarianceEstimator] = [.hc0, .hc1, .hc2, .hc3]
        let full = try MultipleOutcomes.fit(design, estimators: estimators, scope: .full)
        let diagonal = try MultipleOutcomes.fit(design, estimators: estimators, scope: .variancesOnly)
        for e in estimators {
            for t in outcomes.indices {
                let a = full.result(outcome: t, estimator: e), b = diagonal.result(outcome: t, estimator: e)
                XCTAssertNotNil(a.covariance)
                XCTAssertNil(b.covariance)
                for k in a.standardErrors.indices { assertClose(b.standardErrors[k], a.standardErrors[k], relative: 1e-12) }
            }
        }
    }

    /// Many outcomes over more rows than one block (8192) and than two chunks of rows
    /// (`RowChunks.rowsPerChunk`, run concurrently), with clusters scattered over rows: equal to
    /// single-outcome fits by Householder QR.
    func testManyOutcomesAcrossBlocksEqualSingleFits() throws {
        var generator = SplitMix(seed: 7)
        let n = 2 * RowChunks.rowsPerChunk + 9_001, p = 4, outcomes = 6
        var x = Matrix(rows: n, columns: p)
        var y = Matrix(rows: n, columns: outcomes)
        var clusters = [Int](), weights = [Double]()
        for i in 0..<n {
            x[i, 0] = 1
            x[i, 1] = generator.next() < 0.5 ? 1 : 0
            x[i, 2] = generator.next() * 3
            x[i, 3] = generator.next() - 0.5
            for t in 0..<outcomes { y[i, t] = x[i, 1] * Double(t) + x[i, 2] + (generator.next() - 0.5) * (1 + x[i, 1]) }
            clusters.append(Int(generator.next() * 37))
            weights.append(0.5 + generator.next())
        }
        let assignment = ClusterAssignment(name: "g", index: clusters, count: 37)
        let design = try Design(x: x, terms: ["(Intercept)", "D", "a", "b"], y: y,
                                outcomeNames: (0..<outcomes).map { "y\($0)" }, weights: weights,
                                clusters: assignment, interceptColumn: 0)
        let all = CovarianceEstimator.allCases
        let together = try MultipleOutcomes.fit(design, estimators: all, scope: .variancesOnly)
        for t in 0..<outcomes {
            let single = try Design(x: x, terms: design.terms, y: y.selectingColumns([t]), outcomeNames: ["y\(t)"],
                                    weights: weights, clusters: assignment, interceptColumn: 0)
            let alone = try MultipleOutcomes.fit(single, estimators: all, factorization: .householderQR)
            for e in all {
                let a = together.result(outcome: t, estimator: e), b = alone.result(outcome: 0, estimator: e)
                for k in 0..<p {
                    assertClose(a.coefficients[k], b.coefficients[k], relative: 1e-10)
                    assertClose(a.standardErrors[k], b.standardErrors[k], relative: 1e-10, "\(e) \(k)")
                    assertClose(a.degreesOfFreedom[k], b.degreesOfFreedom[k], relative: 1e-10)
                }
                assertClose(a.rSquared, b.rSquared, relative: 1e-10)
            }
        }
    }
}

/// A small deterministic generator for test data (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
