// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import SurvivalAnalysis

/// The hand-worked examples of Therneau & Grambsch (2000), appendix A: six rows,
/// time (1, 1, 6, 6, 8, 9), status (1, 0, 1, 1, 0, 1), x (1, 1, 1, 0, 0, 0). Every expected value
/// below is a closed-form expression in `r = exp(β)` from the book, not a number copied from R.
/// Tolerance 1e-10 relative (exact arithmetic up to rounding), 1e-7 where the fit stops at R's ε.
final class TherneauGrambschTests: XCTestCase {
    let time: [Double] = [1, 1, 6, 6, 8, 9]
    let status = [true, false, true, true, false, true]
    let x: [Double] = [1, 1, 1, 0, 0, 0]

    private func riskSets() throws -> CoxRiskSets {
        let data = try SurvivalData(time: time, event: status)
        return CoxRiskSets(data: data, covariates: [x], table: try EventTable(data: data))
    }

    // MARK: Breslow (appendix A.1)

    private func breslow(_ beta: Double) -> (loglik: Double, u: Double, imat: Double, score: [Double]) {
        let r = exp(beta)
        let a = 3 * (r + 1) * (r + 1), b = (r + 3) * (r + 3)
        return (2 * beta - (log(3 * r + 3) + 2 * log(r + 3)),
                (6 + 3 * r - r * r) / ((r + 1) * (r + 3)),
                r / ((r + 1) * (r + 1)) + 6 * r / ((r + 3) * (r + 3)),
                [(2 * r + 3) / a, -r / a, -r / a + 3 * (3 - r) / b, r / a - r * (r + 1) / b, r / a + 2 * r / b, r / a + 2 * r / b])
    }

    func testBreslowLikelihoodScoreAndInformation() throws {
        let sets = try riskSets()
        for beta in [0.0, 0.5, 1.4752849, -1.0] {
            let (e, _) = sets.evaluate([beta], ties: .breslow)
            let truth = breslow(beta)
            assertClose(e.logLikelihood, truth.loglik, relative: 1e-12, absolute: 1e-12, "loglik at \(beta)")
            assertClose(e.score[0], truth.u, relative: 1e-12, absolute: 1e-12, "U at \(beta)")
            assertClose(e.information[0], truth.imat, relative: 1e-12, absolute: 1e-12, "I at \(beta)")
            assertClose(sets.scoreResiduals([beta], ties: .breslow), truth.score, relative: 1e-12, absolute: 1e-12, "score residuals at \(beta)")
        }
    }

    func testBreslowScoreResidualsAtZeroAreTheBookFractions() throws {
        assertClose(try riskSets().scoreResiduals([0], ties: .breslow),
                    [5.0 / 12, -1.0 / 12, 7.0 / 24, -1.0 / 24, 5.0 / 24, 5.0 / 24], relative: 1e-12, absolute: 1e-12)
    }

    func testBreslowOneStepIsEightFifths() throws {
        let data = try SurvivalData(time: time, event: status)
        let fit = try CoxModel(data: data, covariates: [x], ties: .breslow, maxIterations: 1)
        assertClose(fit.coefficients[0], 8.0 / 5, relative: 1e-12, absolute: 1e-12)
        XCTAssertFalse(fit.converged)
        XCTAssertEqual(fit.iterations, 1)
    }

    func testBreslowConvergedEstimate() throws {
        let data = try SurvivalData(time: time, event: status)
        let fit = try CoxModel(data: data, covariates: [x], ties: .breslow)
        XCTAssertEqual((fit.coefficients[0] * 1e7).rounded() / 1e7, 1.4752849)
        let truth = breslow(fit.coefficients[0])
        assertClose(fit.logLikelihood, truth.loglik, relative: 1e-12, absolute: 1e-12)
        assertClose(fit.modelCovariance[0, 0], 1 / truth.imat, relative: 1e-10, absolute: 1e-12)
        assertClose(fit.logLikelihoodNull, breslow(0).loglik, relative: 1e-12, absolute: 1e-12)
        assertClose(fit.scoreTest.statistic, breslow(0).u * breslow(0).u / breslow(0).imat, relative: 1e-12, absolute: 1e-12)
    }

    // MARK: Efron (appendix A.2)

    private func efron(_ beta: Double) -> (loglik: Double, u: Double, imat: Double, score: [Double]) {
        let r = exp(beta)
        func t(_ v: Double) -> Double { v - v * v }
        let a = r + 1, b = r + 3, d = r + 5
        let abd2 = (a * b * d) * (a * b * d)
        let tail = 2 * r * (177 + r * (282 + r * (182 + r * (50 + 5 * r)))) / (3 * abd2)
        return (2 * beta - (log(3 * r + 3) + log((r + 5) / 2) + log(r + 3)),
                (30 + 23 * r - r * r * r) / ((r + 1) * (r + 3) * (r + 5)),
                t(r / (r + 1)) + t(r / (r + 5)) + t(r / (r + 3)),
                [(2 * r + 3) / (3 * a * a), -r / (3 * a * a),
                 (675 + r * (1305 + r * (756 + r * (-4 + r * (-79 - 13 * r))))) / (3 * abd2),
                 r * (1 / (3 * a * a) - a / (2 * b * b) - b / (2 * d * d)), tail, tail])
    }

    func testEfronLikelihoodScoreAndInformation() throws {
        let sets = try riskSets()
        for beta in [0.0, 0.7, 1.676857, -0.5] {
            let (e, _) = sets.evaluate([beta], ties: .efron)
            let truth = efron(beta)
            assertClose(e.logLikelihood, truth.loglik, relative: 1e-12, absolute: 1e-12, "loglik at \(beta)")
            assertClose(e.score[0], truth.u, relative: 1e-12, absolute: 1e-12, "U at \(beta)")
            assertClose(e.information[0], truth.imat, relative: 1e-12, absolute: 1e-12, "I at \(beta)")
            assertClose(sets.scoreResiduals([beta], ties: .efron), truth.score, relative: 1e-12, absolute: 1e-12, "score residuals at \(beta)")
        }
    }

    func testEfronEstimateIsTheClosedFormRoot() throws {
        let data = try SurvivalData(time: time, event: status)
        let fit = try CoxModel(data: data, covariates: [x])
        let exact = log(cos(acos((45.0 / 23) * (3.0 / 23).squareRoot()) / 3) * 2 * (23.0 / 3).squareRoot())
        assertClose(fit.coefficients[0], exact, relative: 1e-7, absolute: 1e-12)
        assertClose(fit.modelCovariance[0, 0], 1 / efron(fit.coefficients[0]).imat, relative: 1e-10, absolute: 1e-12)
        XCTAssertTrue(fit.converged)
    }

    func testRobustVarianceIsTheSandwichOfScoreResiduals() throws {
        let data = try SurvivalData(time: time, event: status)
        let fit = try CoxModel(data: data, covariates: [x], ties: .breslow, variance: .robust)
        let v = fit.modelCovariance[0, 0]
        let meat = breslow(fit.coefficients[0]).score.reduce(0) { $0 + $1 * $1 }
        assertClose(fit.covariance[0, 0], v * meat * v, relative: 1e-9, absolute: 1e-12)
    }
}
