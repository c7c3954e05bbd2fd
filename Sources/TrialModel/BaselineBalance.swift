// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The What Works Clearinghouse's baseline-equivalence category for an effect size |g|
/// (WWC Procedures and Standards Handbook 5.0, 2022, section on baseline equivalence).
public enum EquivalenceCategory: String, Sendable, Codable, CaseIterable {
    /// |g| ≤ 0.05: satisfies baseline equivalence.
    case satisfies
    /// 0.05 < |g| ≤ 0.25: satisfies only with statistical adjustment for the covariate.
    case requiresAdjustment = "requires_adjustment"
    /// |g| > 0.25: does not satisfy.
    case doesNotSatisfy = "does_not_satisfy"

    public init(effectSize g: Double) {
        let a = abs(g)
        self = a <= 0.05 ? .satisfies : a <= 0.25 ? .requiresAdjustment : .doesNotSatisfy
    }
}

/// How a standardized difference was computed.
public enum StandardizedDifferenceMethod: String, Sendable, Codable {
    /// Hedges' g: ω · (x̄ₜ − x̄꜀) / s_pooled, s_pooled² = ((nₜ−1)sₜ² + (n꜀−1)s꜀²)/(nₜ+n꜀−2),
    /// ω = 1 − 3/(4(nₜ+n꜀) − 9). Used for continuous covariates (and for 0/1 covariates when a
    /// share is 0 or 1, where the Cox index is undefined).
    case hedgesG = "hedges_g"
    /// Cox index, WWC's effect size for dichotomous variables:
    /// ω · (logit pₜ − logit p꜀) / 1.65, with the same ω.
    case coxIndex = "cox_index"
}

/// Mean and standard deviation (n − 1 denominator) of one covariate in one arm. For 0/1
/// covariates and categorical levels the mean is the share.
public struct ArmSummary: Hashable, Sendable, Codable {
    public let arm: String
    public let n: Int
    public let mean: Double
    public let standardDeviation: Double
}

/// One arm compared with the control arm on one covariate.
public struct BalanceComparison: Hashable, Sendable, Codable {
    public let arm: String
    public let standardizedDifference: Double
    public let method: StandardizedDifferenceMethod
    public let category: EquivalenceCategory
}

/// One row of the baseline table: a covariate, or one level of a categorical covariate.
public struct BalanceRow: Hashable, Sendable, Codable {
    public let variable: String
    /// The level for a categorical covariate's row; nil for a numeric covariate.
    public let level: String?
    /// True when the row is a share (0/1 values or a categorical level).
    public let isShare: Bool
    public let arms: [ArmSummary]
    /// Every non-control arm against the control arm.
    public let comparisons: [BalanceComparison]
}

/// The baseline balance table by arm (what `effekt balance` prints).
public struct BaselineBalance: Hashable, Sendable, Codable {
    public let controlArm: String
    public let rows: [BalanceRow]

    /// Builds the table from randomized participants.
    ///
    /// - Parameters:
    ///   - participants: each participant with the arm assigned.
    ///   - trial: supplies the arms (table order), the control arm, `baseline.covariates`
    ///     (numeric; non-numeric values count as missing) and `baseline.categorical`.
    /// - Complexity: O(n × covariates).
    public init(participants: [(participant: Participant, arm: String)], trial: TrialDefinition) {
        controlArm = trial.controlArm
        let armNames = trial.arms.map(\.name)
        var rows = [BalanceRow]()
        for v in trial.baselineCovariates {
            var values = [String: [Double]]()
            for (p, arm) in participants { if let x = p.value(of: v)?.number { values[arm, default: []].append(x) } }
            let binary = values.values.allSatisfy { $0.allSatisfy { $0 == 0 || $0 == 1 } }
            rows.append(BaselineBalance.row(variable: v, level: nil, isShare: binary, values: values, arms: armNames, control: trial.controlArm))
        }
        for v in trial.categoricalCovariates {
            var levels = Set<String>()
            for (p, _) in participants { if let x = p.value(of: v)?.description, !x.isEmpty { levels.insert(x) } }
            for level in levels.sorted() {
                var values = [String: [Double]]()
                for (p, arm) in participants {
                    if let x = p.value(of: v)?.description, !x.isEmpty { values[arm, default: []].append(x == level ? 1 : 0) }
                }
                rows.append(BaselineBalance.row(variable: v, level: level, isShare: true, values: values, arms: armNames, control: trial.controlArm))
            }
        }
        self.rows = rows
    }

    static func summary(_ arm: String, _ x: [Double]) -> ArmSummary {
        let n = x.count
        guard n > 0 else { return ArmSummary(arm: arm, n: 0, mean: .nan, standardDeviation: .nan) }
        let mean = x.reduce(0, +) / Double(n)
        let ss = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return ArmSummary(arm: arm, n: n, mean: mean, standardDeviation: n > 1 ? (ss / Double(n - 1)).squareRoot() : .nan)
    }

    static func row(variable: String, level: String?, isShare: Bool, values: [String: [Double]], arms: [String], control: String) -> BalanceRow {
        let summaries = arms.map { summary($0, values[$0] ?? []) }
        let c = summaries[arms.firstIndex(of: control)!]
        let comparisons = summaries.filter { $0.arm != control }.map { t in
            let (d, method) = standardizedDifference(treated: t, control: c, isShare: isShare)
            return BalanceComparison(arm: t.arm, standardizedDifference: d, method: method,
                                     category: d.isNaN ? .doesNotSatisfy : EquivalenceCategory(effectSize: d))
        }
        return BalanceRow(variable: variable, level: level, isShare: isShare, arms: summaries, comparisons: comparisons)
    }

    /// Hedges' g, or the Cox index for shares strictly between 0 and 1 (see `StandardizedDifferenceMethod`).
    /// Returns 0 when both arms have no spread and equal means; NaN when an arm is empty.
    public static func standardizedDifference(treated t: ArmSummary, control c: ArmSummary, isShare: Bool) -> (Double, StandardizedDifferenceMethod) {
        guard t.n > 0, c.n > 0 else { return (.nan, .hedgesG) }
        let total = Double(t.n + c.n)
        let omega = total > 2.25 ? 1 - 3 / (4 * total - 9) : 1
        if isShare, t.mean > 0, t.mean < 1, c.mean > 0, c.mean < 1 {
            let logit = { (p: Double) in log(p / (1 - p)) as Double }
            return (omega * (logit(t.mean) - logit(c.mean)) / 1.65, .coxIndex)
        }
        let vt = t.n > 1 ? t.standardDeviation * t.standardDeviation : 0
        let vc = c.n > 1 ? c.standardDeviation * c.standardDeviation : 0
        let pooled = total > 2 ? (((Double(t.n) - 1) * vt + (Double(c.n) - 1) * vc) / (total - 2)).squareRoot() : 0
        if pooled == 0 { return (t.mean == c.mean ? 0 : .infinity * (t.mean - c.mean).sign.multiplier, .hedgesG) }
        return (omega * (t.mean - c.mean) / pooled, .hedgesG)
    }
}

private extension FloatingPointSign {
    var multiplier: Double { self == .minus ? -1 : 1 }
}
