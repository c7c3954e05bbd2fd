// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
@testable import Regression

/// Against estimatr 1.0.0 `lm_lin(y ~ D, covariates = ~ x1 + x2)`: plain (HC2, classical),
/// weighted (HC2, weighted centring), clustered (CR2); 1e-8 relative.
final class LinAdjustmentTests: XCTestCase {
    func testMatchesLmLin() throws {
        let cases: [(String, Bool, Bool, CovarianceEstimator)] = [
            ("lin", false, false, .hc2), ("lin", false, false, .classical),
            ("lin_weighted", false, true, .hc2), ("lin_clustered", true, false, .cr2),
        ]
        for (name, clustered, weighted, e) in cases {
            let spec = Fixtures.specification(clustered: clustered, weighted: weighted, strata: false)
            let fit = try LinAdjustment.fit(spec, covariance: e)
            XCTAssertEqual(fit.terms, ["(Intercept)", "D", "x1_c", "x2_c", "D:x1_c", "D:x2_c"])
            assertMatches(fit, Fixtures.references(case: name, seType: Fixtures.rName(e)))
        }
    }
}
