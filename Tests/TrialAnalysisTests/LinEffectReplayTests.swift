// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Randomization
import Regression
import TrialModel
@testable import TrialAnalysis

/// The effect-only Lin paths used by randomization inference (row selection, and per-stratum
/// sums) equal the full interacted fit
/// (`EffectEstimation.estimate`, itself checked against estimatr `lm_lin` in RAgreementTests)
/// for the observed assignment and for re-drawn ones, to 1e-9 relative.
final class LinEffectReplayTests: XCTestCase {
    func testReplayEqualsTheFullLinFitOnFlexJob() throws {
        let d = try ShippedTrial.dataset("flexjob")
        let plan = AnalysisPlan(trial: d.trial, permutations: 0)
        let units = d.units
        let estimation = EffectEstimation(units: units, plan: plan)
        let table = OutcomeTable(units: units, plan: plan)
        let covariates = estimation.covariateColumns()
        let replay = try LinEffectReplay(outcomes: table.windowColumns.map(\.values),
                                         covariates: (covariates + estimation.stratumDummies).map(\.values))
        let stratified = try XCTUnwrap(StratifiedLinEffectReplay(outcomes: table.windowColumns.map(\.values),
                                                                 covariates: covariates.map(\.values),
                                                                 strata: estimation.stratumDummies.map(\.values)))
        var g = SeededGenerator(seed: 99)
        var treatments = [estimation.observedTreatment]
        for _ in 0..<5 {
            var t = estimation.observedTreatment
            g.shuffle(&t)
            treatments.append(t)
        }
        for t in treatments {
            let lin = EffectMethod(estimator: .lin, strata: true, standardErrors: .hc2, adjustmentParameters: covariates.count)
            let full = try estimation.estimate(table.windowColumns, treatment: t, covariates: covariates, method: lin).estimates.map(\.effect)
            let fast = try XCTUnwrap(replay.effects(treated: t)), sums = try XCTUnwrap(stratified.effects(treated: t))
            XCTAssertEqual(full.count, fast.count)
            XCTAssertEqual(full.count, sums.count)
            for (a, b) in zip(fast, full) { XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b))) }
            for (a, b) in zip(sums, full) { XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b))) }
        }
    }

    /// A treatment vector with too few treated rows for the arm-specific fit gives nil (the caller refits).
    func testDegenerateReplayFallsBack() throws {
        let outcomes = [[1.0, 2, 3, 4, 5, 6]]
        let covariates = [[0.5, 1.5, 0.2, 0.9, 1.1, 0.3]]
        let replay = try LinEffectReplay(outcomes: outcomes, covariates: covariates)
        XCTAssertNil(replay.effects(treated: [true, false, false, false, false, false]))
        let r = replay.effects(treated: [true, true, true, false, false, false])
        XCTAssertNotNil(r)
    }
}
