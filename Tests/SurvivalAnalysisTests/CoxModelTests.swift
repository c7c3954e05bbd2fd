// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
import LinearAlgebra
@testable import SurvivalAnalysis

/// Cox models against R's `coxph` (survival 3.5-3): coefficients, variance (model-based and
/// robust), log-likelihoods, the three tests, concordance and iteration count.
/// Tolerance 1e-7 relative: both stop at the same Newton step, so estimates agree far closer
/// than the convergence criterion.
final class CoxModelTests: XCTestCase {
    private func check(_ key: String, _ fit: CoxModel, file: StaticString = #filePath, line: UInt = #line) {
        let r = SurvivalFixture.section("cox", key)
        assertClose(fit.coefficients, numbers(r["coef"]), relative: 1e-7, absolute: 1e-12, "\(key) coef", file: file, line: line)
        assertClose(fit.covariance.elements, numbers(r["var"]), relative: 1e-7, absolute: 1e-12, "\(key) var", file: file, line: line)
        if let naive = r["naive_var"] {
            assertClose(fit.modelCovariance.elements, numbers(naive), relative: 1e-7, absolute: 1e-12, "\(key) naive var", file: file, line: line)
        }
        let loglik = numbers(r["loglik"])
        assertClose(fit.logLikelihoodNull, loglik[0], relative: 1e-7, absolute: 1e-12, "\(key) loglik0", file: file, line: line)
        assertClose(fit.logLikelihood, loglik[1], relative: 1e-7, absolute: 1e-12, "\(key) loglik", file: file, line: line)
        assertClose(fit.likelihoodRatioTest.statistic, 2 * (loglik[1] - loglik[0]), relative: 1e-6, absolute: 1e-12, "\(key) LR", file: file, line: line)
        assertClose(fit.scoreTest.statistic, number(r["score"]), relative: 1e-7, absolute: 1e-12, "\(key) score", file: file, line: line)
        assertClose(fit.waldTest.statistic, number(r["wald"]), relative: 1e-7, absolute: 1e-12, "\(key) wald", file: file, line: line)
        if let rscore = r["robust_score"] {
            assertClose(fit.robustScoreTest?.statistic ?? .nan, number(rscore), relative: 1e-7, absolute: 1e-12, "\(key) robust score", file: file, line: line)
        }
        assertClose(fit.concordance, number(r["concordance"]), relative: 1e-7, absolute: 1e-12, "\(key) concordance", file: file, line: line)
        XCTAssertEqual(fit.iterations, Int(number(r["iter"])), "\(key) iterations", file: file, line: line)
        XCTAssertEqual(fit.eventCount, Int(number(r["nevent"])), file: file, line: line)
        XCTAssertTrue(fit.converged, file: file, line: line)
        XCTAssertEqual(fit.warnings, [], file: file, line: line)
    }

    private func lung() throws -> (SurvivalData, [[Double]]) {
        let t = try SurvivalFixture.table("lung.csv")
        return (try SurvivalData(time: t["time"], event: t["status"].map { $0 == 1 }), [t["age"], t["sex"], t["ph_ecog"]])
    }

    private func weekly() throws -> (SurvivalData, [[Double]], SurvivalFixture.Table) {
        let t = try SurvivalFixture.table("weekly.csv")
        return (try SurvivalData(time: t["time"], event: t["status"].map { $0 == 1 }), [t["treat"], t["age"], t["x3"]], t)
    }

    func testLungEfron() throws {
        let (data, x) = try lung()
        check("lung_efron", try CoxModel(data: data, covariates: x))
    }

    func testLungBreslow() throws {
        let (data, x) = try lung()
        check("lung_breslow", try CoxModel(data: data, covariates: x, ties: .breslow))
    }

    func testWeeklyTiesEfron() throws {
        let (data, x, _) = try weekly()
        check("weekly_efron", try CoxModel(data: data, covariates: x))
    }

    func testWeeklyTiesBreslow() throws {
        let (data, x, _) = try weekly()
        check("weekly_breslow", try CoxModel(data: data, covariates: x, ties: .breslow))
    }

    func testWeeklyStrata() throws {
        let (data, x, t) = try weekly()
        check("weekly_strata", try CoxModel(data: data, covariates: x, strata: Grouping(t["stratum"])))
    }

    func testStartStopTimeVaryingCovariateClusteredByPerson() throws {
        let t = try SurvivalFixture.table("weekly_split.csv")
        let data = try SurvivalData(start: t["start"], stop: t["stop"], event: t["status"].map { $0 == 1 })
        let fit = try CoxModel(data: data, covariates: [t["treat"], t["age"], t["x3"], t["treat_late"]],
                               variance: .clustered(Grouping(t["id"])))
        check("weekly_split_cluster", fit)
    }

    func testHeartStartStopEfronClustered() throws {
        let t = try SurvivalFixture.table("heart.csv")
        let data = try SurvivalData(start: t["start"], stop: t["stop"], event: t["event"].map { $0 == 1 })
        let fit = try CoxModel(data: data, covariates: [t["age"], t["year"], t["surgery"], t["transplant"]],
                               variance: .clustered(Grouping(t["id"])))
        check("heart_efron", fit)
    }

    func testHeartStartStopBreslow() throws {
        let t = try SurvivalFixture.table("heart.csv")
        let data = try SurvivalData(start: t["start"], stop: t["stop"], event: t["event"].map { $0 == 1 })
        check("heart_breslow", try CoxModel(data: data, covariates: [t["age"], t["year"], t["surgery"], t["transplant"]], ties: .breslow))
    }

    func testOvarianRobust() throws {
        let t = try SurvivalFixture.table("ovarian.csv")
        let data = try SurvivalData(time: t["futime"], event: t["fustat"].map { $0 == 1 })
        check("ovarian_robust", try CoxModel(data: data, covariates: [t["age"], t["rx"]], variance: .robust))
    }

    func testCauseSpecific() throws {
        let t = try SurvivalFixture.table("mgus2.csv")
        let outcome = t["ecode"].map { Int($0) }
        check("mgus2_pcm", try CoxModel.causeSpecific(time: t["etime"], outcome: outcome, cause: 1, covariates: [t["age"], t["female"]]))
        check("mgus2_death", try CoxModel.causeSpecific(time: t["etime"], outcome: outcome, cause: 2, covariates: [t["age"], t["female"]]))
    }

    func testSummaryUsesRobustErrors() throws {
        let t = try SurvivalFixture.table("ovarian.csv")
        let data = try SurvivalData(time: t["futime"], event: t["fustat"].map { $0 == 1 })
        let fit = try CoxModel(data: data, covariates: [t["age"], t["rx"]], terms: ["age", "rx"], variance: .robust)
        let rows = fit.summary()
        XCTAssertEqual(rows.map(\.term), ["age", "rx"])
        for (j, row) in rows.enumerated() {
            let se = fit.covariance[j, j].squareRoot()
            assertClose(row.robustStandardError ?? .nan, se, relative: 1e-7, absolute: 1e-12)
            assertClose(row.standardError, fit.modelCovariance[j, j].squareRoot(), relative: 1e-7, absolute: 1e-12)
            assertClose(row.confidenceLow, exp(row.estimate - 1.959963984540054 * se), relative: 1e-12, absolute: 1e-12)
            assertClose(row.statistic, row.estimate / se, relative: 1e-12, absolute: 1e-12)
        }
    }

    func testPerfectSeparationWarnsInsteadOfThrowing() throws {
        // x = 1 rows all fail before every x = 0 row: β → ∞.
        let data = try SurvivalData(time: [1, 2, 3, 4, 5, 6, 7, 8], event: [true, true, true, true, true, true, false, true])
        let fit = try CoxModel(data: data, covariates: [[1, 1, 1, 1, 0, 0, 0, 0]])
        XCTAssertFalse(fit.warnings.isEmpty)
        XCTAssertTrue(fit.warnings.map(\.description).joined().contains("infinite"), "\(fit.warnings)")
    }

    func testNoEventsIsAnError() throws {
        let data = try SurvivalData(time: [1, 2, 3], event: [false, false, false])
        XCTAssertThrowsError(try CoxModel(data: data, covariates: [[0, 1, 0]])) { error in
            XCTAssertEqual(error as? SurvivalAnalysisError, .noEvents(subjects: 3))
            XCTAssertEqual("\(error)", "The analysis needs at least one event; the data has 0 events among 3 subjects.")
        }
    }
}

/// The evaluation's block and parallel paths give the same likelihood, score and information as
/// one sequential block (which the R comparisons above exercise).
final class CoxEvaluationPathTests: XCTestCase {
    private func compare(_ data: SurvivalData, _ x: [[Double]], strata: Grouping? = nil) throws {
        let table = try EventTable(data: data, strata: strata)
        let sets = CoxRiskSets(data: data, covariates: x, table: table)
        let beta = (0..<x.count).map { 0.1 * Double($0 + 1) - 0.15 }
        for ties in CoxModel.Ties.allCases {
            let (reference, referenceTerms) = sets.evaluate(beta, ties: ties, hazardTerms: true, parallelRows: .max)
            for (cellsPerBlock, parallel) in [(7, Int.max), (7, 1), (1, 1), (100_000, 1)] {
                let (e, terms) = sets.evaluate(beta, ties: ties, hazardTerms: true, blockCells: cellsPerBlock, parallelRows: parallel)
                let tag = "\(ties) block \(cellsPerBlock) parallel \(parallel)"
                assertClose(e.logLikelihood, reference.logLikelihood, relative: 1e-12, absolute: 1e-12, tag)
                assertClose(e.score, reference.score, relative: 1e-10, absolute: 1e-9, tag)
                assertClose(e.information, reference.information, relative: 1e-10, absolute: 1e-12, tag)
                assertClose(terms!.hazard, referenceTerms!.hazard, relative: 1e-12, absolute: 1e-12, tag)
                assertClose(terms!.tiedWeightedMean, referenceTerms!.tiedWeightedMean, relative: 1e-10, absolute: 1e-12, tag)
            }
        }
    }

    func testRightCensoredWithStrata() throws {
        let t = try SurvivalFixture.table("weekly.csv")
        let data = try SurvivalData(time: t["time"], event: t["status"].map { $0 == 1 })
        try compare(data, [t["treat"], t["age"], t["x3"]], strata: Grouping(t["stratum"]))
    }

    func testStartStop() throws {
        let t = try SurvivalFixture.table("heart.csv")
        let data = try SurvivalData(start: t["start"], stop: t["stop"], event: t["event"].map { $0 == 1 })
        try compare(data, [t["age"], t["year"], t["surgery"], t["transplant"]])
    }

    func testReplicatedDataUsesTheParallelPathAndKeepsBreslowEstimates() throws {
        // Each row 20 times (60,000 rows): Breslow's β̂ is unchanged and its variance shrinks 20-fold.
        let t = try SurvivalFixture.table("weekly.csv")
        let k = 20
        func rep(_ v: [Double]) -> [Double] { Array((0..<k).map { _ in v }.joined()) }
        let data = try SurvivalData(time: rep(t["time"]), event: rep(t["status"]).map { $0 == 1 })
        let fit = try CoxModel(data: data, covariates: [rep(t["treat"]), rep(t["age"]), rep(t["x3"])], ties: .breslow)
        let r = SurvivalFixture.section("cox", "weekly_breslow")
        assertClose(fit.coefficients, numbers(r["coef"]), relative: 1e-7, absolute: 1e-12)
        assertClose(fit.covariance.elements.map { $0 * Double(k) }, numbers(r["var"]), relative: 1e-7, absolute: 1e-12)
    }
}
