// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import Regression
import TrialModel

/// A cell whose window estimates get randomization-inference p-values.
struct InferenceCell {
    let index: Int
    /// Positions of the cell's units in `dataset.units`.
    let rows: [Int]
    let estimation: EffectEstimation
    let table: OutcomeTable
    let covariates: [NumericColumn]
    /// The fast effect-only path, when it reproduces the observed Lin estimates (checked at
    /// creation to 1e-8 relative); nil means every replay refits the full design.
    let replay: LinEffectReplay?

    init(index: Int, rows: [Int], estimation: EffectEstimation, table: OutcomeTable, covariates: [NumericColumn],
         observed: [Double], method: String) {
        self.index = index
        self.rows = rows
        self.estimation = estimation
        self.table = table
        self.covariates = covariates
        var replay: LinEffectReplay?
        if method.hasPrefix("Lin"),
           let r = try? LinEffectReplay(outcomes: table.windowColumns.map(\.values),
                                        covariates: (covariates + estimation.stratumDummies).map(\.values)),
           let check = r.effects(treated: estimation.observedTreatment), check.count == observed.count,
           zip(check, observed).allSatisfy({ abs($0 - $1) <= 1e-8 * max(1e-3, abs($1)) }) {
            replay = r
        }
        self.replay = replay
    }

    /// The window effects for a re-drawn treatment of the cell's units.
    func effects(treatment: [Bool]) -> [Double] {
        if let fast = replay?.effects(treated: treatment) { return fast }
        guard let fit = try? estimation.estimate(table.windowColumns, treatment: treatment, covariates: covariates)
        else { return [Double](repeating: .nan, count: table.windowColumns.count) }
        return fit.estimates.map(\.effect)
    }
}

extension AnalysisRun {
    func consort(_ d: TrialDataset) -> ConsortFlow {
        let arms = plan.trial.arms.map(\.name)
        var randomized = [String: Int](), followed = [String: Int](), lost = [String: [String: Int]]()
        for u in d.units {
            randomized[u.arm, default: 0] += 1
            if u.history.record(week: plan.trial.followUpWeeks) != nil {
                followed[u.arm, default: 0] += 1
            } else {
                let reason = u.history.records.last.flatMap { $0.status.isAbsorbingExit ? $0.status.rawValue : nil } ?? "no_records"
                lost[u.arm, default: [:]][reason, default: 0] += 1
            }
        }
        return ConsortFlow(enrolled: d.enrolled.count,
                           randomized: arms.map { ArmCount(arm: $0, count: randomized[$0] ?? 0) },
                           followedUp: arms.map { ArmCount(arm: $0, count: followed[$0] ?? 0) },
                           lost: arms.flatMap { arm in (lost[arm] ?? [:]).keys.sorted().map { LossCount(arm: arm, reason: $0, count: lost[arm]![$0]!) } },
                           analysed: arms.filter { [plan.trial.controlArm, plan.treatedArm].contains($0) }
                               .map { ArmCount(arm: $0, count: randomized[$0] ?? 0) })
    }

    func balance(_ units: [TrialDataset.Unit]) -> [BaselineRow] {
        let table = BaselineBalance(participants: units.map { ($0.participant, $0.arm) }, trial: plan.trial)
        return table.rows.compactMap { row in
            guard let comparison = row.comparisons.first(where: { $0.arm == plan.treatedArm }) ?? row.comparisons.first else { return nil }
            let category: BaselineRow.Category
            switch comparison.category {
            case .satisfies: category = .satisfied
            case .requiresAdjustment: category = .adjustmentRequired
            case .doesNotSatisfy: category = .notSatisfied
            }
            return BaselineRow(covariate: row.level.map { "\(row.variable)=\($0)" } ?? row.variable, kind: row.isShare ? .share : .mean,
                               arms: row.arms.map { ArmBaseline(arm: $0.arm, mean: $0.mean, standardDeviation: row.isShare ? nil : $0.standardDeviation, n: $0.n) },
                               standardizedDifference: comparison.standardizedDifference, category: category)
        }
    }

    func headline(_ column: OutcomeTable.Column, _ e: EffectEstimation.Estimate, means: (control: Double, treated: Double),
                  method: String) -> EffectEstimate {
        let id = "\(column.outcome.rawValue)@\(column.window.map { "\($0.firstWeek)-\($0.lastWeek)" } ?? "all")"
        return EffectEstimate(id: id, outcome: column.outcome, window: column.window, controlMean: means.control,
                              treatedMean: means.treated, effect: e.effect, stdError: e.stdError, confLow: e.confLow,
                              confHigh: e.confHigh, df: e.df, pValue: e.pValue,
                              relativeEffect: means.control != 0 && means.control.isFinite ? e.effect / means.control : nil,
                              n: e.n, minimumDetectableEffect: MinimumDetectableEffect.compute(standardError: e.stdError,
                                                                                               degreesOfFreedom: e.df, alpha: 1 - plan.level),
                              method: method)
    }

    /// One replay of the logged design per permutation serves every inference cell.
    func randomizationInference(_ cells: inout [CellResults], _ riCells: [InferenceCell],
                                progress: ((Int, Int) -> Void)?) throws {
        guard !riCells.isEmpty else { return }
        let observed = riCells.flatMap { cells[$0.index].headline.map(\.effect) }
        let participants = dataset.units.map { (id: $0.participant.id, stratum: $0.stratum) }
        let total = plan.permutations
        let ri = try RandomizationInference(
            observed: observed, participants: participants, arms: plan.trial.arms, design: plan.design,
            treatedArm: plan.treatedArm, permutations: total, seed: plan.inferenceSeed,
            statistic: { indicator in
                riCells.flatMap { c in c.effects(treatment: c.rows.map { indicator[$0] }) }
            },
            progress: progress.map { report in { report($0, total) } })
        var k = 0
        for c in riCells {
            for j in cells[c.index].headline.indices {
                cells[c.index].headline[j].riPValue = ri.pValues[k]
                k += 1
            }
        }
    }

    /// Holm and BH within each family: a cell's window estimates (overall and benefit cells), and
    /// all municipality × benefit window estimates of one benefit type together.
    func adjustForMultiplicity(_ cells: inout [CellResults]) {
        func adjust(_ members: [(cell: Int, row: Int)]) {
            let p = members.map { Optional(cells[$0.cell].headline[$0.row].pValue).flatMap { $0.isFinite ? $0 : nil } }
            let holm = MultiplicityAdjustment.holm.adjust(p), bh = MultiplicityAdjustment.benjaminiHochberg.adjust(p)
            for (k, m) in members.enumerated() {
                cells[m.cell].headline[m.row].holmPValue = holm[k]
                cells[m.cell].headline[m.row].benjaminiHochbergPValue = bh[k]
            }
        }
        for (i, c) in cells.enumerated() where c.scope.level != .municipalityBenefit {
            adjust(c.headline.indices.map { (i, $0) })
        }
        for b in Set(cells.compactMap { $0.scope.level == .municipalityBenefit ? $0.scope.benefit : nil }).sorted() {
            adjust(cells.indices.filter { cells[$0].scope.level == .municipalityBenefit && cells[$0].scope.benefit == b }
                .flatMap { i in cells[i].headline.indices.map { (i, $0) } })
        }
    }

    /// A note where a cell's minimum detectable effect exceeds the overall effect of the same estimand.
    func noteUnderpoweredCells(_ cells: inout [CellResults]) {
        guard let overall = cells.first(where: { $0.scope.level == .overall }) else { return }
        let effects = Dictionary(overall.headline.map { ($0.id, $0.effect) }, uniquingKeysWith: { a, _ in a })
        for i in cells.indices where cells[i].scope.level != .overall {
            for h in cells[i].headline {
                if let e = effects[h.id], e.isFinite, h.minimumDetectableEffect.isFinite, h.minimumDetectableEffect > abs(e) {
                    cells[i].notes.append(AnalysisNote(kind: .underpowered, subject: h.id, value: e))
                }
            }
        }
    }

    var methods: MethodsNote {
        MethodsNote(
            confidenceLevel: plan.level,
            regression: "Intention-to-treat effects by OLS with Lin's (2013) interacted adjustment for the baseline covariates and stratum fixed effects; one factorization of the shared design for all weeks and windows. Weeks after an absorbing exit count as 0 hours.",
            standardErrors: "\(plan.covariance.rawValue.uppercased()) heteroskedasticity-robust standard errors with t-based intervals (degrees of freedom as estimatr).",
            survival: "Kaplan–Meier with Greenwood SE (log intervals), log-rank test; Cox proportional hazards with Efron ties, strata as separate baselines; spells of paid hours in (start, stop] form with robust SE clustered by participant; Aalen–Johansen cumulative incidence and cause-specific Cox for competing exits.",
            randomizationInference: plan.permutations > 0
                ? "\(plan.permutations) replays of the logged \(plan.trial.design.rawValue) design with seeds from \(plan.inferenceSeed) (SplitMix64); p = share of |replayed estimate| ≥ |observed| (as ri2::conduct_ri)."
                : nil,
            permutations: plan.permutations > 0 ? plan.permutations : nil,
            multiplicity: "Holm and Benjamini–Hochberg adjustments within each cell's window estimates and across all municipality estimates of a benefit type; site effects adjusted across sites.",
            software: ["Effekt \(provenance.effektVersion)", "OpenBLAS/LAPACKE", "R standalone math library (Rmath)", "SQLite (GRDB)"])
    }
}
