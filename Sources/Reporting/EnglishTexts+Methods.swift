// SPDX-License-Identifier: GPL-3.0-or-later
import Regression
import TrialAnalysis
import TrialModel

extension EnglishTexts {
    public func effectMethod(_ method: EffectMethod) -> String {
        let se = standardErrorName(method.standardErrors)
        switch method.estimator {
        case .lin:
            return "Lin's covariate adjustment" + (method.strata ? " with stratum fixed effects" : "") + ", \(se)"
        case .stratifiedDifferenceInMeans:
            return "difference in means within strata, weighted by stratum size (unadjusted), \(se)"
        case .differenceInMeans:
            return "difference in means (unadjusted), \(se)"
        }
    }

    public func hazardModel(_ model: HazardModel) -> String {
        switch model {
        case .cox: return "Cox model"
        case .coxStratified: return "Cox model with a baseline hazard per stratum"
        case .coxSpellsClustered: return "Cox model on spells of paid hours, robust standard errors by person"
        case .causeSpecificCox: return "cause-specific Cox model"
        case .causeSpecificCoxStratified: return "cause-specific Cox model with a baseline hazard per stratum"
        }
    }

    public func notEstimable(_ reason: NotEstimableReason, policy: ReportingPolicy) -> String {
        let why: String
        switch reason {
        case .emptyArm: why = "an arm is empty"
        case .tooFewPersons: why = "fewer than \(policy.minPersons) people in an arm"
        case .tooFewEvents: why = "fewer than \(policy.minEventsPerArm) events in an arm"
        case .noEvents: why = "no events"
        case .noVariation: why = "the outcome does not vary"
        case .nonConvergence: why = "the model did not converge"
        case .infiniteEstimate: why = "the estimate is infinite because the events occur in one arm only"
        case .undefinedStandardError: why = "the standard error cannot be computed"
        case .noCompleteRows: why = "no participant has the outcome recorded"
        case .degenerateData: why = "the data do not support the model"
        }
        return "not estimable (\(why))"
    }

    public func correction(_ correction: MetaRegressionCorrection) -> String {
        switch correction {
        case .splitControl: return "split control group"
        }
    }

    public func fallbackSentence(_ method: EffectMethod, policy: ReportingPolicy) -> String {
        switch method.fallback {
        case .tooFewPerParameter?:
            return "This scope is too small for covariate adjustment (at least \(policy.minPerArmPerParameter) people per arm per "
                + "adjustment parameter, here \(method.adjustmentParameters) parameters); the effects are therefore unadjusted "
                + "differences in means" + (method.strata ? ", weighted across strata." : ".")
        case .adjustmentNotEstimable?:
            return "The covariate adjustment could not be computed in this scope; the effects are unadjusted differences in means"
                + (method.strata ? ", weighted across strata." : ".")
        case nil: return ""
        }
    }

    public func methodsItems(_ m: MethodsNote, levelPercent: String) -> [(label: String, text: String)] {
        var items: [(String, String)] = [
            ("Confidence level", "\(levelPercent); intervals and p-values are based on the t distribution."),
            ("Effects", "Intention to treat: everyone randomised counts in the arm they were drawn to. The effect is the "
                + "difference between \(arms.treated) and \(arms.control), estimated by linear regression with Lin's (2013) covariate "
                + "adjustment (baseline covariates centred and interacted with treatment) and stratum fixed effects; one "
                + "factorisation of the design serves every week and window. Weeks after a final exit count as 0 hours. The "
                + "unadjusted difference in means is shown beside every effect."),
            ("Standard errors", "\(standardErrorName(m.standardErrors)) (robust to unequal variances, degrees of freedom as in the R package estimatr)."),
            ("Small scopes", "Covariate adjustment is used only when each arm has at least \(m.policy.minPerArmPerParameter) people "
                + "per adjustment parameter; otherwise the unadjusted difference in means weighted across strata is shown. A hazard "
                + "ratio is shown only when each arm has at least \(m.policy.minEventsPerArm) events. Intervals for shares are "
                + "truncated to the possible range (−100 to 100 percentage points)."),
            ("Survival analysis", "Kaplan–Meier with Greenwood standard errors and the log-rank test; Cox models with Efron's method "
                + "for tied events and a baseline hazard per stratum; spells of paid hours as (start, stop] with robust standard "
                + "errors by person; Aalen–Johansen cumulative incidence and cause-specific Cox models for competing exits."),
        ]
        if let permutations = m.permutations {
            let seed = m.inferenceSeed.map { " with seeds from \($0)" } ?? ""
            if let imported = m.importedAllocation {
                items.append(("Randomisation inference", importedInference(imported, permutations: permutations, seed: seed)))
            } else {
                items.append(("Randomisation inference", "\(permutations) replays of the logged draw (\(designName(m.design)))"
                    + "\(seed); p is the share of replays whose estimate is at least as large in absolute value as the observed one."))
            }
        }
        if let imported = m.importedAllocation {
            items.append(("Allocation", "Imported: the groups were drawn outside Effekt, which did not draw them and cannot replay "
                + "the draw. The design is assumed to have been \(assumedDesignName(imported.assumed)), as the trial file declares."))
        }
        items.append(("Multiple testing", "Holm and Benjamini–Hochberg adjustments within each scope's windows and across all "
            + "municipalities of a benefit type."))
        return items
    }

    func standardErrorName(_ estimator: CovarianceEstimator) -> String {
        "\(estimator.rawValue.uppercased()) standard errors"
    }

    func designName(_ design: DesignKind) -> String {
        switch design {
        case .permutedBlocks: return "stratified permuted blocks"
        case .complete: return "complete randomisation within strata"
        case .external: return "drawn outside Effekt"
        }
    }

    func assumedDesignName(_ design: AssumedDesign) -> String {
        switch design {
        case .completeWithinStrata: return "complete randomisation within strata (fixed numbers per arm in each stratum)"
        case .bernoulli: return "independent draws for each person with the arms' ratios as probabilities"
        case .permutedBlocks: return "permuted blocks within strata"
        }
    }

    func importedInference(_ note: ImportedAllocationNote, permutations: Int, seed: String) -> String {
        if let count = note.enumeratedAssignments {
            return "exact: all \(count) assignments the assumed design could have drawn were evaluated; p is the probability of "
                + "an assignment whose estimate is at least as large in absolute value as the observed one."
        }
        return "\(permutations) draws from the assumed design\(seed); p is the share of draws whose estimate is at least as "
            + "large in absolute value as the observed one."
    }

    public func importedAllocationSentence(assumed: AssumedDesign, imbalance: (statistic: String, df1: Int, df2: Int, p: String)?) -> String {
        let test = imbalance.map { "A joint test of imbalance in the baseline covariates across the arms (whole trial) gives "
            + "F(\($0.df1), \($0.df2)) = \($0.statistic), \($0.p); a small p would put the randomisation itself in doubt." }
            ?? "A joint test of imbalance could not be computed (no baseline covariates that vary within strata)."
        return "**The allocation was imported: Effekt did not draw it.** The trial file assumes "
            + "\(assumedDesignName(assumed)). " + test
    }
}
