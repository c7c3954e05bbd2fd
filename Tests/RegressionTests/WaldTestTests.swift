// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import LinearAlgebra
@testable import Regression

/// The joint Wald test on hand-computed cases: χ²₂'s survival function is exp(−w/2) and χ²₁'s is
/// 2(1 − Φ(√w)), so both p-values are known in closed form.
final class WaldTestTests: XCTestCase {
    func testDiagonalCovarianceIsTheSumOfSquaredZStatistics() throws {
        // b = (1, 2), V = diag(1, 4): W = 1²/1 + 2²/4 = 2; p = exp(−1).
        var v = Matrix(rows: 2, columns: 2)
        v[0, 0] = 1
        v[1, 1] = 4
        let test = try WaldTest(coefficients: [1, 2], covariance: v)
        XCTAssertEqual(test.statistic, 2, accuracy: 1e-14)
        XCTAssertEqual(test.degreesOfFreedom, 2)
        XCTAssertEqual(test.pValue, exp(-1), accuracy: 1e-14)
    }

    func testCorrelatedCoefficients() throws {
        // b = (1, 1), V = [[2, 1], [1, 2]]: V⁻¹ = [[2, −1], [−1, 2]] / 3, W = (2 − 1 − 1 + 2)/3 = 2/3.
        var v = Matrix(rows: 2, columns: 2)
        v[0, 0] = 2; v[1, 1] = 2; v[0, 1] = 1; v[1, 0] = 1
        let test = try WaldTest(coefficients: [1, 1], covariance: v)
        XCTAssertEqual(test.statistic, 2.0 / 3, accuracy: 1e-14)
        XCTAssertEqual(test.pValue, exp(-1.0 / 3), accuracy: 1e-14)
    }

    func testOneCoefficientIsTheSquaredZTest() throws {
        // b = 1.96, V = 1: W = 1.96², p = 2(1 − Φ(1.96)) = 0.0499957902...
        var v = Matrix(rows: 1, columns: 1)
        v[0, 0] = 1
        let test = try WaldTest(coefficients: [1.96], covariance: v)
        XCTAssertEqual(test.pValue, erfc(1.96 / 2.0.squareRoot()), accuracy: 1e-13)
    }

    func testASingularBlockAndAnUnknownTermAreErrors() throws {
        var v = Matrix(rows: 2, columns: 2)
        v[0, 0] = 1; v[1, 1] = 1; v[0, 1] = 1; v[1, 0] = 1
        XCTAssertThrowsError(try WaldTest(coefficients: [1, 1], covariance: v))
        XCTAssertThrowsError(try WaldTest(coefficients: [], covariance: Matrix(rows: 0, columns: 0)))
    }
}
