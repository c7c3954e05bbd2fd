// SPDX-License-Identifier: GPL-3.0-or-later
import Regression

/// How an intention-to-treat effect was estimated. A value, not prose: the report's language
/// renders it.
///
/// - `lin`: Lin's (2013) interacted covariate adjustment, with stratum fixed effects when the
///   cell spans more than one stratum (`estimatr::lm_lin`).
/// - `stratifiedDifferenceInMeans`: Σₛ (nₛ/N)(ȳ₁ₛ − ȳ₀ₛ) over strata, with variance
///   Σₛ (nₛ/N)² (s²₁ₛ/n₁ₛ + s²₀ₛ/n₀ₛ) (`estimatr::difference_in_means(blocks = stratum)`);
///   the unadjusted fallback of the small-cell policy.
/// - `differenceInMeans`: ȳ₁ − ȳ₀ with the plan's robust SE (one stratum, or the unadjusted
///   comparison shown beside every adjusted effect).
public struct EffectMethod: Codable, Sendable, Hashable {
    public enum Estimator: String, Codable, Sendable {
        case lin
        case stratifiedDifferenceInMeans = "stratified_difference_in_means"
        case differenceInMeans = "difference_in_means"
    }

    /// Why the adjusted estimator was not used.
    public enum Fallback: String, Codable, Sendable {
        /// An arm has fewer than `min_per_arm_per_parameter` × the adjustment parameters.
        case tooFewPerParameter = "too_few_per_parameter"
        /// The adjusted design could not be fitted (rank deficient or leverage 1).
        case adjustmentNotEstimable = "adjustment_not_estimable"
    }

    public let estimator: Estimator
    /// Strata entered the estimate (fixed effects for Lin, weights for the stratified difference).
    public let strata: Bool
    public let standardErrors: CovarianceEstimator
    /// Adjustment parameters (covariates and stratum dummies) of the Lin design for this cell.
    public let adjustmentParameters: Int
    public let fallback: Fallback?

    public init(estimator: Estimator, strata: Bool, standardErrors: CovarianceEstimator,
                adjustmentParameters: Int, fallback: Fallback? = nil) {
        self.estimator = estimator
        self.strata = strata
        self.standardErrors = standardErrors
        self.adjustmentParameters = adjustmentParameters
        self.fallback = fallback
    }
}

/// The Cox model behind a hazard ratio. Every model uses Efron's ties.
public enum HazardModel: String, Codable, Sendable, Hashable {
    /// Time to the first event, one baseline hazard.
    case cox
    /// Time to the first event, a baseline hazard per randomization stratum.
    case coxStratified = "cox_stratified"
    /// Spells in (start, stop] form, robust variance clustered by participant.
    case coxSpellsClustered = "cox_spells_clustered"
    /// One exit's cause-specific hazard (other exits censor).
    case causeSpecificCox = "cause_specific_cox"
    /// The same with a baseline hazard per randomization stratum.
    case causeSpecificCoxStratified = "cause_specific_cox_stratified"
}

/// Why a number is not shown as an estimate. Reports print "not estimable (reason)"; the results
/// JSON writes the estimate's numbers as `null` with `"not_estimable": "<code>"`.
public enum NotEstimableReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// One of the compared arms has nobody in this cell.
    case emptyArm = "empty_arm"
    /// An arm has fewer people than `min_persons`: nothing about it may be published.
    case tooFewPersons = "too_few_persons"
    /// An arm has fewer events than `min_events_per_arm`: the hazard ratio is unstable.
    case tooFewEvents = "too_few_events"
    /// No event at all in the cell.
    case noEvents = "no_events"
    /// The outcome does not vary, so its standard error is zero or undefined.
    case noVariation = "no_variation"
    /// The model's iterations did not converge.
    case nonConvergence = "non_convergence"
    /// The estimate diverges (e.g. every event in one arm: a hazard ratio of 0 or ∞).
    case infiniteEstimate = "infinite_estimate"
    /// The standard error or the interval is not a finite number.
    case undefinedStandardError = "undefined_standard_error"
    /// No participant has the outcome recorded.
    case noCompleteRows = "no_complete_rows"
    /// The estimator refused the data (e.g. a design of deficient rank, times all equal).
    case degenerateData = "degenerate_data"
}
