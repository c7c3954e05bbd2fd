// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import TrialModel

/// Heterogeneity across municipalities for one estimand: site effects with CIs (each site's own
/// `EffectEstimation`), Cochran's Q test of equal effects, Holm and Benjamini–Hochberg adjusted
/// site p-values, and random-effects meta-regressions of the site effect on
/// - the control group's success rate, with the split-control correction
///   (`SplitControlModerator`: a random half of each site's control group measures the rate,
///   the other half is the comparison group), and
/// - each municipality attribute in the plan's optional attribute file (caseload, internship share…).
struct SiteAnalysis {
    let units: [TrialDataset.Unit]
    let plan: AnalysisPlan

    func heterogeneity(column: OutcomeTable.Column, municipalities: [String]) -> SiteHeterogeneity? {
        var sites = [SiteEffect]()
        var inputs = [SplitControlModerator.SiteInput]()
        var omitted = [SiteOmission]()
        for m in municipalities {
            let rows = units.indices.filter { units[$0].participant.municipality == m }
            let subset = rows.map { units[$0] }
            let treatedCount = subset.filter { $0.arm == plan.treatedArm }.count
            let minimum = plan.trial.reporting.minPersons
            guard treatedCount >= max(2, minimum), subset.count - treatedCount >= max(4, minimum) else {
                omitted.append(SiteOmission(municipality: m, reason: treatedCount == 0 || treatedCount == subset.count ? .emptyArm : .tooFewPersons))
                continue
            }
            let estimation = EffectEstimation(units: subset, plan: plan)
            let sub = OutcomeTable.Column(outcome: column.outcome, window: column.window, week: column.week,
                                          values: rows.map { column.values[$0] })
            let covariates = estimation.covariateColumns()
            // The same small-cell policy as the cell's own estimate: Lin only with enough people
            // per adjustment parameter, else the difference in means.
            let e: EffectEstimation.Estimate
            do {
                e = try estimation.estimate([sub], treatment: estimation.observedTreatment, covariates: covariates,
                                            method: estimation.method(covariates: covariates)).estimates[0]
            } catch {
                omitted.append(SiteOmission(municipality: m, reason: .degenerateData))
                continue
            }
            guard e.stdError.isFinite, e.stdError > 0 else {
                omitted.append(SiteOmission(municipality: m, reason: estimation.isConstant(sub) ? .noVariation : .undefinedStandardError))
                continue
            }
            let means = estimation.armMeans(sub)
            let ci = column.outcome.bounded(e.confLow, e.confHigh)
            sites.append(SiteEffect(municipality: m, effect: e.effect, stdError: e.stdError, confLow: ci.low,
                                    confHigh: ci.high, pValue: e.pValue, controlMean: means.control, n: e.n))
            let finite = zip(subset, sub.values).filter { $0.1.isFinite }
            inputs.append(.init(site: m, treated: finite.filter { $0.0.arm == plan.treatedArm }.map(\.1),
                                control: finite.filter { $0.0.arm == plan.trial.controlArm }.map(\.1)))
        }
        guard sites.count >= 2 else { return nil }
        let holm = MultiplicityAdjustment.holm.adjust(sites.map(\.pValue))
        let bh = MultiplicityAdjustment.benjaminiHochberg.adjust(sites.map(\.pValue))
        for k in sites.indices { sites[k].holmPValue = holm[k]; sites[k].benjaminiHochbergPValue = bh[k] }
        let q = MetaAnalysis.equalityTest(effects: sites.map(\.effect), standardErrors: sites.map(\.stdError))
        var regressions = [MetaRegression]()
        if inputs.count >= 3 {
            let r = SplitControlModerator.metaRegression(inputs, seed: plan.inferenceSeed, level: plan.level)
            if r.slope.isFinite {
                regressions.append(MetaRegression(moderator: "control_success_rate", slope: r.slope, stdError: r.slopeSE,
                                                  confLow: r.confLow, confHigh: r.confHigh, pValue: r.pValue, sites: r.sites,
                                                  correction: .splitControl))
            }
        }
        let attributes = Set(plan.siteAttributes.values.flatMap(\.keys)).sorted()
        for a in attributes {
            let with = sites.filter { plan.siteAttributes[$0.municipality]?[a] != nil }
            guard with.count >= 3 else { continue }
            let r = MetaAnalysis.regression(effects: with.map(\.effect), standardErrors: with.map(\.stdError),
                                            moderator: with.map { plan.siteAttributes[$0.municipality]![a]! }, level: plan.level)
            if r.slope.isFinite {
                regressions.append(MetaRegression(moderator: a, slope: r.slope, stdError: r.slopeSE, confLow: r.confLow,
                                                  confHigh: r.confHigh, pValue: r.pValue, sites: with.count, correction: nil))
            }
        }
        return SiteHeterogeneity(outcome: column.outcome, window: column.window, sites: sites, equalityStatistic: q.statistic,
                                 equalityDegreesOfFreedom: q.df, equalityPValue: q.pValue, metaRegressions: regressions,
                                 omitted: omitted)
    }
}
