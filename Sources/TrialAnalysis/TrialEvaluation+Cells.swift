// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import Regression
import TrialModel

extension TrialEvaluation {
    func consort(_ d: TrialDataset) -> ConsortFlow {
        var tally = ConsortTally(arms: plan.trial.arms.map(\.name), followUpWeeks: plan.trial.followUpWeeks)
        for u in d.units {
            let last = u.history.records.last
            tally.add(arm: u.arm, lastWeek: last?.week, lastStatus: last?.status)
        }
        let compared = [plan.trial.controlArm, plan.treatedArm]
        return ConsortFlow(enrolled: d.enrolledCount, randomized: tally.randomized, followedUp: tally.followedUp,
                           lost: tally.arms.flatMap { arm in
                               tally.lost.compactMap { entry in
                                   entry.arms.first { $0.arm == arm && $0.count > 0 }.map { LossCount(arm: arm, reason: entry.reason.rawValue, count: $0.count) }
                               }
                           },
                           analysed: tally.randomized.filter { compared.contains($0.arm) })
    }

    func balance(_ units: [TrialDataset.Unit]) -> [BaselineRow] {
        let table = BaselineBalance(participants: units.map { ($0.participant, $0.arm) }, trial: plan.trial)
        return table.rows.compactMap { row in
            guard let comparison = row.comparisons.first(where: { $0.arm == plan.treatedArm }) ?? row.comparisons.first else { return nil }
            return BaselineRow(covariate: row.level.map { "\(row.variable)=\($0)" } ?? row.variable, kind: row.isShare ? .share : .mean,
                               arms: row.arms.map { ArmBaseline(arm: $0.arm, mean: $0.mean, standardDeviation: row.isShare ? nil : $0.standardDeviation, n: $0.n) },
                               standardizedDifference: comparison.standardizedDifference, category: comparison.category)
        }
    }

    /// The window estimate of a column, not estimable (NaN numbers, with the reason) when an arm
    /// is empty or smaller than `min_persons`, or its standard error or interval is not finite;
    /// a share's interval truncated to [−1, 1]; the unadjusted difference beside it.
    func headline(_ column: OutcomeTable.Column, _ e: EffectEstimation.Estimate, estimation: EffectEstimation,
                  method: EffectMethod) -> EffectEstimate {
        let id = "\(column.outcome.rawValue)@\(column.window.map { "\($0.firstWeek)-\($0.lastWeek)" } ?? "all")"
        let means = estimation.armMeans(column)
        let counts = estimation.armCounts(column)
        let reason = notEstimable(e, counts: counts, column: column, estimation: estimation)
        let nan = Double.nan
        let ci = column.outcome.bounded(e.confLow, e.confHigh)
        let unadjusted = estimation.unadjustedDifference(column).map { u -> UnadjustedDifference in
            let b = column.outcome.bounded(u.confLow, u.confHigh)
            return UnadjustedDifference(effect: u.effect, confLow: b.low, confHigh: b.high)
        }
        let ok = reason == nil
        return EffectEstimate(
            id: id, outcome: column.outcome, window: column.window, controlMean: means.control, treatedMean: means.treated,
            controlN: counts.control, treatedN: counts.treated,
            effect: ok ? e.effect : nan, stdError: ok ? e.stdError : nan, confLow: ok ? ci.low : nan,
            confHigh: ok ? ci.high : nan, intervalTruncated: ok && ci.truncated, df: ok ? e.df : nan,
            pValue: ok ? e.pValue : nan, unadjusted: ok ? unadjusted : nil,
            relativeEffect: ok && means.control != 0 && means.control.isFinite ? e.effect / means.control : nil, n: e.n,
            minimumDetectableEffect: ok ? MinimumDetectableEffect.compute(standardError: e.stdError, degreesOfFreedom: e.df,
                                                                          alpha: 1 - plan.level) : nan,
            method: method, notEstimable: reason)
    }

    private func notEstimable(_ e: EffectEstimation.Estimate, counts: (control: Int, treated: Int),
                              column: OutcomeTable.Column, estimation: EffectEstimation) -> NotEstimableReason? {
        if counts.control + counts.treated == 0 { return .noCompleteRows }
        if counts.control == 0 || counts.treated == 0 { return .emptyArm }
        if min(counts.control, counts.treated) < plan.trial.reporting.minPersons { return .tooFewPersons }
        if estimation.isConstant(column) { return .noVariation }
        if !(e.stdError.isFinite && e.stdError > 0 && e.confLow.isFinite && e.confHigh.isFinite && e.effect.isFinite) {
            return .undefinedStandardError
        }
        return nil
    }

    /// One replay of the logged design per permutation serves every inference cell. Returns the
    /// randomization-inference p-values per cell index and headline row.
    func randomizationInference(_ cells: [CellDraft], _ riCells: [InferenceCell],
                                progress: ((Int, Int) -> Void)?) throws -> [Int: [Double]] {
        guard !riCells.isEmpty else { return [:] }
        let observed = riCells.flatMap { cells[$0.index].headline.map(\.effect) }
        let participants = dataset.units.map { (id: $0.participant.id, stratum: $0.stratum) }
        let total = plan.permutations
        let statistic: @Sendable ([Bool]) -> [Double] = { indicator in
            riCells.flatMap { c in c.effects(treatment: c.rows.map { indicator[$0] }) }
        }
        let statistics: @Sendable ([[Bool]]) -> [[Double]] = { indicators in
            var out = [[Double]](repeating: [], count: indicators.count)
            for c in riCells {
                let effects = c.effects(treatments: indicators.map { indicator in c.rows.map { indicator[$0] } })
                for (k, e) in effects.enumerated() { out[k] += e }
            }
            return out
        }
        let ri: RandomizationInference
        if let space = importedAssignmentSpace {
            let count = space.count(atMost: RandomizationInference.enumerationLimit) ?? total
            ri = RandomizationInference(observed: observed, space: space, treatedArm: plan.treatedArm, permutations: total,
                                        seed: plan.inferenceSeed, statistic: statistic,
                                        batch: RandomizationInference.replayBatch, statistics: statistics,
                                        progress: progress.map { report in { report($0, count) } })
        } else {
            ri = try RandomizationInference(
                observed: observed, participants: participants, arms: plan.trial.arms, design: plan.design,
                treatedArm: plan.treatedArm, permutations: total, seed: plan.inferenceSeed,
                batch: RandomizationInference.replayBatch, statistics: statistics,
                progress: progress.map { report in { report($0, total) } })
        }
        var out = [Int: [Double]](), k = 0
        for c in riCells {
            let count = cells[c.index].headline.count
            // A not-estimable observed effect has no randomization p-value either.
            out[c.index] = (0..<count).map { j in cells[c.index].headline[j].effect.isFinite ? ri.pValues[k + j] : .nan }
            k += count
        }
        return out
    }

    /// Holm and BH within each family: a cell's window estimates (overall and benefit cells), and
    /// all municipality × benefit window estimates of one benefit type together. Not-estimable
    /// estimates are left out of the family. Returns per cell index and headline row.
    func multiplicityAdjustments(_ cells: [CellDraft]) -> [Int: [(holm: Double?, bh: Double?)]] {
        var out = [Int: [(holm: Double?, bh: Double?)]]()
        for (i, c) in cells.enumerated() { out[i] = c.headline.map { _ in (nil, nil) } }
        func adjust(_ members: [(cell: Int, row: Int)]) {
            let p = members.map { Optional(cells[$0.cell].headline[$0.row].pValue).flatMap { $0.isFinite ? $0 : nil } }
            let holm = MultiplicityAdjustment.holm.adjust(p), bh = MultiplicityAdjustment.benjaminiHochberg.adjust(p)
            for (k, m) in members.enumerated() { out[m.cell]![m.row] = (holm[k], bh[k]) }
        }
        for (i, c) in cells.enumerated() where c.scope.level != .municipalityBenefit {
            adjust(c.headline.indices.map { (i, $0) })
        }
        for b in Set(cells.compactMap { $0.scope.level == .municipalityBenefit ? $0.scope.benefit : nil }).sorted() {
            adjust(cells.indices.filter { cells[$0].scope.level == .municipalityBenefit && cells[$0].scope.benefit == b }
                .flatMap { i in cells[i].headline.indices.map { (i, $0) } })
        }
        return out
    }

    /// A note where a cell's minimum detectable effect exceeds the overall effect of the same estimand.
    func underpoweredNotes(_ cells: [CellDraft]) -> [Int: [AnalysisNote]] {
        guard let overall = cells.first(where: { $0.scope.level == .overall }) else { return [:] }
        let effects = Dictionary(overall.headline.map { ($0.id, $0.effect) }, uniquingKeysWith: { a, _ in a })
        var out = [Int: [AnalysisNote]]()
        for i in cells.indices where cells[i].scope.level != .overall {
            for h in cells[i].headline {
                if let e = effects[h.id], e.isFinite, h.minimumDetectableEffect.isFinite, h.minimumDetectableEffect > abs(e) {
                    out[i, default: []].append(AnalysisNote(kind: .underpowered, subject: h.id, value: e))
                }
            }
        }
        return out
    }

    var methods: MethodsNote {
        MethodsNote(confidenceLevel: plan.level, standardErrors: plan.covariance, design: plan.trial.design,
                    permutations: plan.permutations > 0 ? plan.permutations : nil,
                    inferenceSeed: plan.permutations > 0 ? plan.inferenceSeed : nil, policy: plan.trial.reporting,
                    software: ["Effekt \(provenance.effektVersion)", "OpenBLAS/LAPACKE", "Rmath", "SQLite (GRDB)"],
                    importedAllocation: importedAllocationNote)
    }
}
