// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import Regression
import TrialModel

/// Intention-to-treat effects of the treated arm on many outcomes at once: Lin's (2013)
/// interacted covariate adjustment with stratum fixed effects, one factorization of the shared
/// design for every outcome (`MultipleOutcomes`), and the plan's standard errors (HC2 by default).
///
/// Covariates: the trial's numeric baseline covariates and one dummy per level (but the first)
/// of its categorical covariates. In a cell, a covariate or dummy is left out when it is
/// constant, and a dummy when fewer than 5 participants of either arm have it (so that no
/// leverage reaches 1 and HC2 stays defined). Strata enter as fixed effects when the cell holds
/// more than one. The small-cell policy (`method(covariates:)`) and a design that cannot be
/// fitted both lead to the difference in means with stratum weights, and `EffectMethod` says so.
///
/// Equivalent R call: `estimatr::lm_lin(y ~ treated, covariates = ~ x1 + … + stratum, se_type = "HC2")`.
/// Complexity: O(N p² + N p T) for N participants, p columns and T outcomes.
struct EffectEstimation {
    struct Estimate: Sendable {
        let effect: Double
        let stdError: Double
        let df: Double
        let pValue: Double
        let confLow: Double
        let confHigh: Double
        let n: Int
    }

    let units: [TrialDataset.Unit]
    let plan: AnalysisPlan
    /// Per unit: in the treated arm; in the control arm (and not the treated one).
    private let isTreated: [Bool]
    private let isControl: [Bool]
    /// Stratum fixed effects, when the units span more than one stratum: the categorical column,
    /// and the same as the dummies `ModelSpecification` makes from it on complete rows (first
    /// level in R's `factor` order dropped) — built once, not once per fit.
    private let strata: CategoricalColumn?
    let stratumDummies: [NumericColumn]

    /// Precomputes what every fit of these units shares. Complexity: O(N + strata · N).
    init(units: [TrialDataset.Unit], plan: AnalysisPlan) {
        self.units = units
        self.plan = plan
        isTreated = units.map { $0.arm == plan.treatedArm }
        isControl = zip(units, isTreated).map { !$1 && $0.arm == plan.trial.controlArm }
        let labels = units.map { $0.stratum.label }
        let distinct = Array(Set(labels))
        if distinct.count > 1 {
            let column = CategoricalColumn(name: "stratum", labels: labels)
            strata = column
            // ModelSpecification.levels: numeric order when every label is a number, else lexicographic.
            let levels = distinct.allSatisfy { Double($0) != nil } ? distinct.sorted { Double($0)! < Double($1)! } : distinct.sorted()
            let code = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
            let codes = labels.map { code[$0]! }
            stratumDummies = levels.indices.dropFirst().map { k in
                NumericColumn(name: "\(column.name)\(levels[k])", values: codes.map { $0 == k ? 1 : 0 })
            }
        } else {
            strata = nil
            stratumDummies = []
        }
    }

    /// Covariate columns for these units (see the type's documentation).
    func covariateColumns() -> [NumericColumn] {
        let treated = isTreated
        var columns = [NumericColumn]()
        let baseline = plan.trial.baselineCovariates, categorical = plan.trial.categoricalCovariates
        // The units read their covariates once, by the names of the trial they were built with.
        let read = units.allSatisfy { $0.covariateNames.baseline == baseline && $0.covariateNames.categorical == categorical }
        for (k, name) in baseline.enumerated() {
            let v = read ? units.map { $0.baselineNumbers[k] } : units.map { $0.participant.value(of: name)?.number ?? .nan }
            let finite = v.filter(\.isFinite)
            if let first = finite.first, finite.contains(where: { $0 != first }) {
                columns.append(NumericColumn(name: name, values: v))
            }
        }
        for (k, name) in categorical.enumerated() {
            let labels = read ? units.map { $0.categoricalLabels[k] } : units.map { $0.participant.value(of: name)?.description }
            let levels = Set(labels.compactMap { $0 }).sorted()
            for level in levels.dropFirst() {
                let v = labels.map { $0 == nil ? Double.nan : ($0 == level ? 1.0 : 0.0) }
                var ok = true
                for arm in [true, false] {
                    let ones = zip(v, treated).filter { $0.1 == arm && $0.0 == 1 }.count
                    let zeros = zip(v, treated).filter { $0.1 == arm && $0.0 == 0 }.count
                    if ones < 5 || zeros < 5 { ok = false }
                }
                if ok { columns.append(NumericColumn(name: "\(name)_\(level)", values: v)) }
            }
        }
        return columns
    }

    /// The treatment indicator of the plan's treated arm.
    var observedTreatment: [Bool] { isTreated }

    /// What `estimate` returns: one estimate per outcome column, the method used and the rows
    /// left out for a missing outcome.
    struct Fit {
        let estimates: [Estimate]
        let method: EffectMethod
        let dropped: Int
    }

    /// The estimator the small-cell policy chooses for these units (`ReportingPolicy`): Lin's
    /// adjustment when each arm has at least `min_per_arm_per_parameter` people per adjustment
    /// parameter (covariates and stratum dummies), otherwise the difference in means with stratum
    /// weights. Chosen once from the observed arms; randomization-inference replays keep it.
    func method(covariates: [NumericColumn]) -> EffectMethod {
        let parameters = covariates.count + stratumDummies.count
        let treated = isTreated.filter { $0 }.count, control = isControl.filter { $0 }.count
        if parameters == 0 || min(treated, control) >= plan.trial.reporting.minPerArmPerParameter * parameters {
            return EffectMethod(estimator: .lin, strata: strata != nil, standardErrors: plan.covariance,
                                adjustmentParameters: parameters)
        }
        return fallback(.tooFewPerParameter, parameters: parameters)
    }

    private func fallback(_ reason: EffectMethod.Fallback, parameters: Int) -> EffectMethod {
        EffectMethod(estimator: strata == nil ? .differenceInMeans : .stratifiedDifferenceInMeans, strata: strata != nil,
                     standardErrors: .hc2, adjustmentParameters: parameters, fallback: reason)
    }

    /// Effects on every column, with `treatment` as the treated indicator (the observed one, or a
    /// replay's), by `method` (Lin's adjustment falls back to the difference in means when its
    /// design cannot be fitted, and the returned method says so).
    func estimate(_ outcomes: [OutcomeTable.Column], treatment: [Bool], covariates: [NumericColumn],
                  method: EffectMethod, estimators: [CovarianceEstimator]? = nil) throws -> Fit {
        let d = NumericColumn(name: "treated", values: treatment.map { $0 ? 1 : 0 })
        let y = outcomes.map { NumericColumn(name: $0.name, values: $0.values) }
        let estimator = plan.covariance
        guard method.estimator == .lin else { return try differenceInMeans(y, treatment: d, method: method) }
        let fixed = strata.map { [$0] } ?? []
        do {
            // With every row complete, the fixed effects' dummies are those built in `init`, and
            // passing them as trailing covariates gives LinAdjustment the very same design.
            let n = units.count
            let complete = !fixed.isEmpty && treatment.count == n
                && (y + covariates).allSatisfy { $0.values.count == n && $0.values.allSatisfy(\.isFinite) }
            let spec = complete
                ? ModelSpecification(outcomes: y, treatment: d, covariates: covariates + stratumDummies, fixedEffects: [])
                : ModelSpecification(outcomes: y, treatment: d, covariates: covariates, fixedEffects: fixed)
            let design = try LinAdjustment.design(spec)
            let fit = try MultipleOutcomes.fit(design, estimators: estimators ?? [estimator], scope: .variances(of: ["treated"]))
            return Fit(estimates: outcomes.indices.map { extract(fit.result(outcome: $0, estimator: estimator)) },
                       method: method, dropped: fit.droppedRows)
        } catch {
            // A constant treatment has no effect to estimate, adjusted or not.
            if case RegressionError.constantTreatment = error { throw error }
            return try differenceInMeans(y, treatment: d, method: fallback(.adjustmentNotEstimable,
                                                                           parameters: method.adjustmentParameters))
        }
    }

    /// The (stratified) difference in means of every column (`DifferenceInMeans`, as
    /// `estimatr::difference_in_means(blocks = stratum)`). Strata in which an arm has fewer than
    /// two people with the outcome are pooled into one block; when that block still lacks two per
    /// arm, the unblocked difference is used. An outcome with fewer than two people in an arm
    /// gives NaN numbers (reported as not estimable).
    private func differenceInMeans(_ y: [NumericColumn], treatment d: NumericColumn, method: EffectMethod) throws -> Fit {
        var dropped = 0
        let estimates = try y.map { column -> Estimate in
            let complete = column.values.filter(\.isFinite).count
            dropped = max(dropped, column.values.count - complete)
            for blocks in candidateBlocks(column) {
                do {
                    let e = try DifferenceInMeans.estimate(outcome: column, treatment: d, blocks: blocks)
                    let ci = e.confidenceInterval(level: plan.level)
                    return Estimate(effect: e.estimate, stdError: e.standardError, df: e.degreesOfFreedom, pValue: e.pValue,
                                    confLow: ci.lower, confHigh: ci.upper, n: e.observationCount)
                } catch let error as RegressionError {
                    if case .constantTreatment = error { throw error }
                    continue
                }
            }
            return Estimate(effect: .nan, stdError: .nan, df: .nan, pValue: .nan, confLow: .nan, confHigh: .nan, n: complete)
        }
        return Fit(estimates: estimates, method: method, dropped: dropped)
    }

    /// The blockings to try, in order: the strata; the strata with too-small ones pooled; none.
    private func candidateBlocks(_ column: NumericColumn) -> [CategoricalColumn?] {
        guard let strata else { return [nil] }
        var counts = [String: (treated: Int, control: Int)]()
        for (i, label) in strata.labels.enumerated() where column.values[i].isFinite {
            guard let label else { continue }
            if isTreated[i] { counts[label, default: (0, 0)].treated += 1 } else { counts[label, default: (0, 0)].control += 1 }
        }
        let small = Set(counts.filter { $0.value.treated < 2 || $0.value.control < 2 }.keys)
        guard !small.isEmpty else { return [strata, nil] }
        let pooled = CategoricalColumn(name: strata.name, labels: strata.labels.map { label in
            label.map { small.contains($0) ? "\u{0}pooled" : $0 }
        })
        return [pooled, nil]
    }

    func extract(_ r: RegressionResult) -> Estimate {
        guard let k = r.terms.firstIndex(of: "treated") else {
            return Estimate(effect: .nan, stdError: .nan, df: .nan, pValue: .nan, confLow: .nan, confHigh: .nan, n: r.observationCount)
        }
        let ci = r.confidenceIntervals(level: plan.level)[k]
        return Estimate(effect: r.coefficients[k], stdError: r.standardErrors[k], df: r.degreesOfFreedom[k],
                        pValue: r.pValues[k], confLow: ci.lower, confHigh: ci.upper, n: r.observationCount)
    }

    /// Unadjusted arm means of a column (NaN values left out).
    func armMeans(_ column: OutcomeTable.Column) -> (control: Double, treated: Double) {
        var sums = (c: 0.0, t: 0.0), counts = (c: 0, t: 0)
        for (i, v) in zip(isTreated.indices, column.values) where v.isFinite {
            if isTreated[i] { sums.t += v; counts.t += 1 } else if isControl[i] { sums.c += v; counts.c += 1 }
        }
        return (counts.c > 0 ? sums.c / Double(counts.c) : .nan, counts.t > 0 ? sums.t / Double(counts.t) : .nan)
    }
}

extension EffectEstimation {
    /// Persons with the column's value recorded, per compared arm.
    func armCounts(_ column: OutcomeTable.Column) -> (control: Int, treated: Int) {
        var counts = (control: 0, treated: 0)
        for (i, v) in column.values.enumerated() where v.isFinite {
            if observedTreatment[i] { counts.treated += 1 } else { counts.control += 1 }
        }
        return counts
    }

    /// True when the column takes one value in each arm (no within-arm variation: an SE of 0).
    func isConstant(_ column: OutcomeTable.Column) -> Bool {
        var first: (control: Double?, treated: Double?) = (nil, nil)
        for (i, v) in column.values.enumerated() where v.isFinite {
            if observedTreatment[i] {
                if let f = first.treated { if f != v { return false } } else { first.treated = v }
            } else {
                if let f = first.control { if f != v { return false } } else { first.control = v }
            }
        }
        return true
    }

    /// The unadjusted difference in arm means with its Welch interval
    /// (`DifferenceInMeans` without blocks); nil when an arm has fewer than two values.
    func unadjustedDifference(_ column: OutcomeTable.Column) -> (effect: Double, confLow: Double, confHigh: Double)? {
        let d = NumericColumn(name: "treated", values: observedTreatment.map { $0 ? 1 : 0 })
        guard let e = try? DifferenceInMeans.estimate(outcome: NumericColumn(name: column.name, values: column.values),
                                                      treatment: d) else { return nil }
        let ci = e.confidenceInterval(level: plan.level)
        return (e.estimate, ci.lower, ci.upper)
    }
}
