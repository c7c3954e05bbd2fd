// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import Randomization
import Regression
import TrialModel
@testable import TrialAnalysis

/// Randomization inference on the shipped JobFirst trial (4,857 participants, its logged
/// permuted-block design and strata) through the analysis' path — replays in batches, Lin's
/// effect from per-stratum sums (`InferenceCell.effects(treatments:)`) — against the path it
/// replaced: one replay at a time, the treated rows selected and `X₁ᵀX₁` formed
/// (`LinEffectReplay`). Same draws (every indicator the batched path sees is one the old path
/// sees), statistics equal to 1e-12 relative to max(|τ̂|, sd(y)) (see
/// StratifiedLinEffectReplayTests for why not |τ̂| alone), identical counts and p-values.
final class BatchedInferenceTests: XCTestCase {
    /// Statistics by treatment indicator, written from both workers.
    final class Recorded: @unchecked Sendable {
        private var values = [[Bool]: [Double]]()
        private let lock = NSLock()
        func store(_ indicator: [Bool], _ v: [Double]) { lock.lock(); values[indicator] = v; lock.unlock() }
        var all: [[Bool]: [Double]] { lock.lock(); defer { lock.unlock() }; return values }
    }

    func testBatchedStratifiedReplaysEqualTheRowSelectionReplays() throws {
        let d = try ShippedTrial.dataset("jobfirst")
        let plan = AnalysisPlan(trial: d.trial, permutations: 40)
        let estimation = EffectEstimation(units: d.units, plan: plan)
        let table = OutcomeTable(units: d.units, plan: plan)
        let covariates = estimation.covariateColumns()
        let method = estimation.method(covariates: covariates)
        XCTAssertEqual(method.estimator, .lin)
        let observed = try estimation.estimate(table.windowColumns, treatment: estimation.observedTreatment,
                                               covariates: covariates, method: method).estimates.map(\.effect)
        let cell = InferenceCell(index: 0, rows: Array(d.units.indices), estimation: estimation, table: table,
                                 covariates: covariates, observed: observed, method: method)
        guard case .stratified = try XCTUnwrap(cell.replay) else { return XCTFail("the strata did not give the stratified path") }
        let rowSelection = try LinEffectReplay(outcomes: table.windowColumns.map(\.values),
                                               covariates: (covariates + estimation.stratumDummies).map(\.values))
        let participants = d.units.map { (id: $0.participant.id, stratum: $0.stratum) }
        let batched = Recorded(), single = Recorded()
        let new = try RandomizationInference(
            observed: observed, participants: participants, arms: d.trial.arms, design: plan.design, treatedArm: plan.treatedArm,
            permutations: plan.permutations, seed: plan.inferenceSeed, batch: 16, statistics: { indicators in
                let values = cell.effects(treatments: indicators)
                for (i, v) in zip(indicators, values) { batched.store(i, v) }
                return values
            })
        let old = try RandomizationInference(
            observed: observed, participants: participants, arms: d.trial.arms, design: plan.design, treatedArm: plan.treatedArm,
            permutations: plan.permutations, seed: plan.inferenceSeed, statistic: { indicator in
                let v = rowSelection.effects(treated: indicator) ?? []
                single.store(indicator, v)
                return v
            })
        XCTAssertEqual(new.atLeastAsExtreme, old.atLeastAsExtreme)
        XCTAssertEqual(new.pValues, old.pValues)
        let a = batched.all, b = single.all
        XCTAssertEqual(a.count, plan.permutations)
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        let scale = table.windowColumns.map { column in
            let v = column.values.filter(\.isFinite), m = v.reduce(0, +) / Double(v.count)
            return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
        }
        var worst = 0.0, worstOfEffect = 0.0
        for (indicator, fast) in a {
            let reference = try XCTUnwrap(b[indicator])
            XCTAssertEqual(fast.count, reference.count)
            for (o, (x, y)) in zip(fast, reference).enumerated() {
                let relative = abs(x - y) / max(abs(y), scale[o])
                worst = max(worst, relative)
                worstOfEffect = max(worstOfEffect, abs(x - y) / abs(y))
                XCTAssertLessThanOrEqual(relative, 1e-12, "outcome \(o): \(x) vs \(y)")
            }
        }
        print("JobFirst, \(a.count) replays × \(observed.count) effects: worst difference \(worst) relative to max(|τ̂|, sd(y)), \(worstOfEffect) relative to |τ̂|")
    }
}
