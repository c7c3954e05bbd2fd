// SPDX-License-Identifier: GPL-3.0-or-later
import Regression

/// A cell whose window estimates get randomization-inference p-values.
struct InferenceCell {
    let index: Int
    /// Positions of the cell's units in `dataset.units`.
    let rows: [Int]
    let estimation: EffectEstimation
    let table: OutcomeTable
    let covariates: [NumericColumn]
    /// The observed cell's estimator, kept by every replay.
    let method: EffectMethod
    /// The fast effect-only path, when it reproduces the observed Lin estimates (checked at
    /// creation to 1e-8 relative); nil means every replay refits the full design.
    let replay: LinReplay?

    /// Lin's effect alone for a re-drawn treatment: from per-stratum sums when the stratum
    /// dummies partition the rows (always, as `EffectEstimation` builds them), else by selecting
    /// the treated rows.
    enum LinReplay {
        case stratified(StratifiedLinEffectReplay)
        case rowSelection(LinEffectReplay)

        func effects(treated: [Bool]) -> [Double]? {
            switch self {
            case let .stratified(r): r.effects(treated: treated)
            case let .rowSelection(r): r.effects(treated: treated)
            }
        }

        func effects(batch: [[Bool]]) -> [[Double]?] {
            switch self {
            case let .stratified(r): r.effects(batch: batch)
            case let .rowSelection(r): batch.map { r.effects(treated: $0) }
            }
        }
    }

    init(index: Int, rows: [Int], estimation: EffectEstimation, table: OutcomeTable, covariates: [NumericColumn],
         observed: [Double], method: EffectMethod) {
        self.index = index
        self.rows = rows
        self.estimation = estimation
        self.table = table
        self.covariates = covariates
        self.method = method
        var replay: LinReplay?
        if method.estimator == .lin {
            let outcomes = table.windowColumns.map(\.values)
            if let r = StratifiedLinEffectReplay(outcomes: outcomes, covariates: covariates.map(\.values),
                                                 strata: estimation.stratumDummies.map(\.values)) {
                replay = .stratified(r)
            } else if let r = try? LinEffectReplay(outcomes: outcomes,
                                                   covariates: (covariates + estimation.stratumDummies).map(\.values)) {
                replay = .rowSelection(r)
            }
            let reproduces = replay?.effects(treated: estimation.observedTreatment).map { check in
                check.count == observed.count && zip(check, observed).allSatisfy { abs($0 - $1) <= 1e-8 * max(1e-3, abs($1)) }
            } ?? false
            if !reproduces { replay = nil }
        }
        self.replay = replay
    }

    /// The window effects for a re-drawn treatment of the cell's units.
    func effects(treatment: [Bool]) -> [Double] {
        replay?.effects(treated: treatment) ?? refit(treatment)
    }

    /// The window effects for a batch of re-drawn treatments (the fast path's sums for all of
    /// them at once), each refitted in full where the fast path has no estimate.
    func effects(treatments: [[Bool]]) -> [[Double]] {
        guard let replay else { return treatments.map(refit) }
        return zip(replay.effects(batch: treatments), treatments).map { fast, treatment in fast ?? refit(treatment) }
    }

    private func refit(_ treatment: [Bool]) -> [Double] {
        // A replay that draws one arm only has no effect: NaN, which never counts as extreme.
        guard let fit = try? estimation.estimate(table.windowColumns, treatment: treatment, covariates: covariates, method: method)
        else { return [Double](repeating: .nan, count: table.windowColumns.count) }
        return fit.estimates.map(\.effect)
    }
}
