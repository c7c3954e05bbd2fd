// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import Regression

/// Zero analytic weights: estimatr keeps such rows in N (so N − K and HC1's N/(N − K) count them)
/// while they add nothing to the fit. Reference: R 4.2.2, estimatr 1.0.0,
/// `lm_robust(y ~ d + x, data = d, weights = w, se_type = s[, clusters = g])` on the 12 rows below
/// (two with weight 0), printed with `sprintf("%.17g")`. Tolerance 1e-8 relative.
final class ZeroWeightTests: XCTestCase {
    let y: [Double] = [1.5, 2.0, 2.5, 3.1, 4.2, 2.2, 5.0, 1.1, 3.3, 2.8, 3.9, 1.9]
    let d: [Double] = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]
    let x: [Double] = [2, 3, 2.2, 4, 5, 1, 6, 2, 4.4, 3.1, 2.7, 1.5]
    let w: [Double] = [1, 2, 1, 0, 2, 1, 1.5, 1, 0, 1.2, 0.7, 1]
    let g: [String?] = ["a", "a", "b", "b", "c", "c", "a", "b", "c", "d", "d", "d"]

    private func fit(_ estimator: CovarianceEstimator) throws -> RegressionResult {
        let spec = ModelSpecification(outcomes: [NumericColumn(name: "y", values: y)], treatment: NumericColumn(name: "d", values: d),
                                      covariates: [NumericColumn(name: "x", values: x)],
                                      cluster: CategoricalColumn(name: "g", labels: g), weights: NumericColumn(name: "w", values: w))
        return try OrdinaryLeastSquares.fit(spec, covariance: estimator)
    }

    func testMatchesEstimatr() throws {
        let reference: [(CovarianceEstimator, Double, Double)] = [
            (.classical, 0.44495581815047142, 9), (.hc0, 0.44734333880711602, 9), (.hc1, 0.51654759416094875, 9),
            (.hc2, 0.54231781709827453, 9), (.hc3, 0.66158635742210781, 9),
            (.cr0, 0.17853112279884845, 3), (.cr1, 0.22790738206105746, 3), (.cr2, 0.22972341456443296, 1.8228272834565615),
        ]
        for (estimator, se, df) in reference {
            let r = try fit(estimator)
            assertClose(r.coefficient("d")!, 0.58885330183175033, relative: 1e-8)
            assertClose(r.standardErrors[1], se, relative: 1e-8)
            assertClose(r.degreesOfFreedom[1], df, relative: 1e-8)
            XCTAssertEqual(r.observationCount, 12)
        }
        // The same through the selected-variances pass (the treatment's variance only).
        let spec = ModelSpecification(outcomes: [NumericColumn(name: "y", values: y)], treatment: NumericColumn(name: "d", values: d),
                                      covariates: [NumericColumn(name: "x", values: x)],
                                      cluster: CategoricalColumn(name: "g", labels: g), weights: NumericColumn(name: "w", values: w))
        for (estimator, se, df) in reference {
            let r = try MultipleOutcomes.fit(spec.design(), estimators: [estimator], scope: .variances(of: ["d"]))
                .result(outcome: 0, estimator: estimator)
            assertClose(r.coefficient("d")!, 0.58885330183175033, relative: 1e-8)
            assertClose(r.standardErrors[1], se, relative: 1e-8)
            assertClose(r.degreesOfFreedom[1], df, relative: 1e-8)
        }
    }
}
