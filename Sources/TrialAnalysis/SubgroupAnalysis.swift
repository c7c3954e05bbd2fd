// SPDX-License-Identifier: GPL-3.0-or-later
import Regression
import TrialModel

/// Effects within the levels of a subgroup variable, and the test that they are equal.
///
/// Per level: the cell's estimator (`EffectEstimation`) on that level's participants. The
/// interaction test regresses the outcome on the treated indicator, the level dummies and their
/// products with the treated indicator (plus stratum fixed effects), with the plan's SE type, and
/// forms the Wald statistic `b′ V⁻¹ b` of the L − 1 interaction coefficients, referred to χ²(L − 1).
/// Equivalent R call: `car::linearHypothesis(lm_robust(y ~ treated * level + stratum, se_type = "HC2"),
/// <interaction terms> = 0, test = "Chisq")`.
/// A level with fewer than 5 participants in either arm gets no estimate and is left out of the test.
struct SubgroupAnalysis {
    let units: [TrialDataset.Unit]
    let plan: AnalysisPlan

    func effects(column: OutcomeTable.Column) -> [SubgroupEffect] {
        var out = [SubgroupEffect]()
        let unitArms = units.map(\.arm)
        for subgroup in plan.trial.subgroups {
            let labels = units.map { $0.participant.value(of: subgroup.variable)?.description }
            let levels = Set(labels.compactMap { $0 }).sorted().filter { level in
                let arms = zip(unitArms, labels).filter { $0.1 == level }.map(\.0)
                return arms.filter { $0 == plan.treatedArm }.count >= 5 && arms.filter { $0 == plan.trial.controlArm }.count >= 5
            }
            guard levels.count >= 2 else { continue }
            let interaction = interactionPValue(column: column, labels: labels, levels: levels)
            for level in levels {
                let rows = labels.indices.filter { labels[$0] == level }
                let subset = rows.map { units[$0] }
                let estimation = EffectEstimation(units: subset, plan: plan)
                let sub = OutcomeTable.Column(outcome: column.outcome, window: column.window, week: column.week,
                                              values: rows.map { column.values[$0] })
                let covariates = estimation.covariateColumns()
                guard let e = try? estimation.estimate([sub], treatment: estimation.observedTreatment, covariates: covariates,
                                                       method: estimation.method(covariates: covariates)).estimates[0],
                      e.stdError.isFinite, e.stdError > 0 else { continue }
                let ci = column.outcome.bounded(e.confLow, e.confHigh)
                out.append(SubgroupEffect(variable: subgroup.variable, level: level, outcome: column.outcome, effect: e.effect,
                                          confLow: ci.low, confHigh: ci.high, pValue: e.pValue, n: e.n,
                                          interactionPValue: interaction, prespecified: subgroup.prespecified))
            }
        }
        return out
    }

    private func interactionPValue(column: OutcomeTable.Column, labels: [String?], levels: [String]) -> Double {
        let rows = labels.indices.filter { labels[$0].map(levels.contains) ?? false }
        let treated = rows.map { units[$0].arm == plan.treatedArm ? 1.0 : 0 }
        var covariates = [NumericColumn]()
        var interactionTerms = [String]()
        for level in levels.dropFirst() {
            let dummy = rows.map { labels[$0] == level ? 1.0 : 0 }
            covariates.append(NumericColumn(name: "level_\(level)", values: dummy))
            let term = "treated:level_\(level)"
            covariates.append(NumericColumn(name: term, values: zip(dummy, treated).map { $0 * $1 }))
            interactionTerms.append(term)
        }
        let strata = rows.map { units[$0].stratum.label }
        let spec = ModelSpecification(outcomes: [NumericColumn(name: column.name, values: rows.map { column.values[$0] })],
                                      treatment: NumericColumn(name: "treated", values: treated), covariates: covariates,
                                      fixedEffects: Set(strata).count > 1 ? [CategoricalColumn(name: "stratum", labels: strata)] : [])
        guard let fit = try? OrdinaryLeastSquares.fit(spec, covariance: plan.covariance) else { return .nan }
        let present = interactionTerms.filter { fit.terms.contains($0) }
        guard !present.isEmpty, let test = try? fit.waldTest(terms: present) else { return .nan }
        return test.pValue
    }
}
