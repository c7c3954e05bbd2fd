// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import Distributions

/// Reference values from R 4.2.2 (Debian r-base-core 4.2.2.20221110-2), printed with
/// `sprintf("%.17g", ...)`; the exact calls stand beside each value. Tolerance 1e-14 relative:
/// both sides run the same Rmath code, so only the last bits may differ.
final class DistributionsTests: XCTestCase {
    func testNormal() throws {
        assertClose(Normal.standard.cdf(1.96), 0.97500210485177963, relative: 1e-14)          // pnorm(1.96)
        assertClose(Normal.standard.quantile(0.975), 1.9599639845400536, relative: 1e-14)     // qnorm(0.975)
        assertClose(Normal.standard.survival(1.96) + Normal.standard.cdf(1.96), 1, relative: 1e-14)
        let n = try Normal(mean: 2, standardDeviation: 3)
        assertClose(n.cdf(2), 0.5, relative: 1e-14)
        assertClose(n.quantile(n.cdf(4.2)), 4.2, relative: 1e-12)
    }

    func testStudentT() throws {
        assertClose(try StudentT(degreesOfFreedom: 7.5).cdf(2.1), 0.96438146427096094, relative: 1e-14)   // pt(2.1, 7.5)
        assertClose(try StudentT(degreesOfFreedom: 4).survival(-3), 0.9800290159641406, relative: 1e-14)  // pt(-3, 4, lower.tail = FALSE)
        assertClose(try StudentT(degreesOfFreedom: 13.25).quantile(0.975), 2.1562324139605566, relative: 1e-14) // qt(0.975, 13.25)
        assertClose(try StudentT(degreesOfFreedom: 5).density(0.3), 0.35982432834900979, relative: 1e-14) // dt(0.3, 5)
        let t = try StudentT(degreesOfFreedom: 9)
        assertClose(t.twoSidedPValue(-1.7), 2 * t.cdf(-1.7), relative: 1e-13)
    }

    func testChiSquaredAndF() throws {
        assertClose(try ChiSquared(degreesOfFreedom: 1).survival(3.84), 0.050043521248705224, relative: 1e-14) // pchisq(3.84, 1, lower.tail = FALSE)
        assertClose(try ChiSquared(degreesOfFreedom: 3).quantile(0.95), 7.8147279032511792, relative: 1e-14)   // qchisq(0.95, 3)
        assertClose(try ChiSquared(degreesOfFreedom: 0.5).cdf(1e-3), 0.16495975076841282, relative: 1e-14)     // pchisq(1e-3, 0.5)
        assertClose(try FisherF(numerator: 3, denominator: 40).survival(2.5), 0.073254352017949942, relative: 1e-14) // pf(2.5, 3, 40, lower.tail = FALSE)
        assertClose(try FisherF(numerator: 2, denominator: 17).quantile(0.99), 6.1121137157978787, relative: 1e-14)  // qf(0.99, 2, 17)
    }

    func testInvalidParametersAreErrors() {
        XCTAssertThrowsError(try StudentT(degreesOfFreedom: 0))
        XCTAssertThrowsError(try Normal(mean: 0, standardDeviation: -1))
        XCTAssertEqual(DistributionsError.nonPositiveDegreesOfFreedom(0).description,
                       "Degrees of freedom must be positive; got 0.0.")
    }
}
