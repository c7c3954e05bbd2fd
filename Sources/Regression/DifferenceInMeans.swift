// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions

/// Neyman's difference in means `τ̂ = ȳ₁ − ȳ₀` with its conservative variance, unblocked or
/// combining within-block differences, as estimatr's `difference_in_means`.
///
/// - Standard: `SE² = s₁²/n₁ + s₀²/n₀`; Welch–Satterthwaite df
///   `SE⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₀²/n₀)²/(n₀ − 1))`.
/// - Blocked (every block has ≥ 2 units per arm): `τ̂ = Σ_b (N_b/N) τ̂_b`,
///   `SE² = Σ_b (N_b/N)² SE_b²`, df `N − 2B`.
/// - Matched pairs (blocks of two units; also used, as estimatr does, when blocks of two are
///   mixed with larger ones): `τ̂ = Σ_b (N_b/N) τ̂_b`, `SE² = Σ_b (τ̂_b − τ̂)² / (B(B − 1))`, df `B − 1`.
///
/// Weighted or clustered differences in means are regressions of `y` on `D` (estimatr runs
/// `lm_robust` with HC2 or CR2 for them): use `OrdinaryLeastSquares` with those estimators.
///
/// Preconditions: treatment coded 0/1, both arms present (in every block).
/// Complexity: O(N).
/// References: Neyman (1923); Gerber & Green (2012), *Field Experiments*, ch. 3–4; Imai (2008)
/// for matched pairs; estimatr 1.0.0 `difference_in_means`.
public enum DifferenceInMeans {
    /// Which variance formula applied.
    public enum Kind: Sendable { case standard, blocked, matchedPairs }

    /// Estimates the effect of `treatment` (0/1) on `outcome`, within `blocks` when given.
    /// Rows with a missing outcome, treatment or block are dropped.
    public static func estimate(outcome: NumericColumn, treatment: NumericColumn,
                                blocks: CategoricalColumn? = nil) throws(RegressionError) -> TreatmentEffect {
        let n = treatment.values.count
        guard outcome.values.count == n else {
            throw .columnLengthMismatch(column: outcome.name, length: outcome.values.count, expected: n)
        }
        if let blocks, blocks.labels.count != n {
            throw .columnLengthMismatch(column: blocks.name, length: blocks.labels.count, expected: n)
        }
        let rows = (0..<n).filter {
            outcome.values[$0].isFinite && treatment.values[$0].isFinite && (blocks == nil || blocks!.labels[$0] != nil)
        }
        for i in rows where treatment.values[i] != 0 && treatment.values[i] != 1 {
            throw .nonBinaryTreatment(column: treatment.name, value: treatment.values[i])
        }
        if let first = rows.first, rows.allSatisfy({ treatment.values[$0] == treatment.values[first] }) {
            throw .constantTreatment(column: treatment.name, value: treatment.values[first])
        }
        guard let blocks else {
            let arm = try Arm.split(rows, outcome: outcome, treatment: treatment, block: "all")
            return TreatmentEffect(term: treatment.name, estimate: arm.difference, standardError: arm.variance.squareRoot(),
                                   degreesOfFreedom: arm.welchDF, observationCount: rows.count, droppedRows: n - rows.count,
                                   kind: .standard)
        }
        var groups = [String: [Int]]()
        for i in rows { groups[blocks.labels[i]!, default: []].append(i) }
        let labels = ModelSpecification.levels(of: blocks, rows: rows)
        let pairs = groups.values.contains { $0.count == 2 }
        var differences = [Double](), sizes = [Double](), variances = [Double]()
        for label in labels {
            let arm = try Arm.split(groups[label]!, outcome: outcome, treatment: treatment, block: label, pairs: pairs)
            differences.append(arm.difference)
            sizes.append(Double(groups[label]!.count))
            variances.append(arm.variance)
        }
        let total = Double(rows.count)
        let estimate = zip(differences, sizes).reduce(0) { $0 + $1.0 * $1.1 / total }
        let b = Double(labels.count)
        if pairs {
            let ss = differences.reduce(0) { $0 + ($1 - estimate) * ($1 - estimate) }
            return TreatmentEffect(term: treatment.name, estimate: estimate, standardError: (ss / (b * (b - 1))).squareRoot(),
                                   degreesOfFreedom: b - 1, observationCount: rows.count, droppedRows: n - rows.count,
                                   kind: .matchedPairs)
        }
        let variance = zip(variances, sizes).reduce(0) { $0 + $1.0 * ($1.1 / total) * ($1.1 / total) }
        return TreatmentEffect(term: treatment.name, estimate: estimate, standardError: variance.squareRoot(),
                               degreesOfFreedom: total - 2 * b, observationCount: rows.count, droppedRows: n - rows.count,
                               kind: .blocked)
    }

    /// Means and Neyman variance of one (block's) comparison.
    struct Arm {
        var difference: Double
        var variance: Double
        var welchDF: Double

        static func split(_ rows: [Int], outcome: NumericColumn, treatment: NumericColumn, block: String,
                          pairs: Bool = false) throws(RegressionError) -> Arm {
            let treated = rows.filter { treatment.values[$0] == 1 }.map { outcome.values[$0] }
            let control = rows.filter { treatment.values[$0] == 0 }.map { outcome.values[$0] }
            let minimum = pairs ? 1 : 2
            guard treated.count >= minimum, control.count >= minimum else {
                throw .blockWithoutBothArms(block: block, treated: treated.count, control: control.count)
            }
            let (m1, v1) = meanAndVariance(treated), (m0, v0) = meanAndVariance(control)
            let a = v1 / Double(treated.count), b = v0 / Double(control.count)
            let df = (a + b) * (a + b) / (a * a / Double(treated.count - 1) + b * b / Double(control.count - 1))
            return Arm(difference: m1 - m0, variance: a + b, welchDF: df)
        }

        static func meanAndVariance(_ v: [Double]) -> (Double, Double) {
            let mean = v.reduce(0, +) / Double(v.count)
            guard v.count > 1 else { return (mean, .nan) }
            return (mean, v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1))
        }
    }
}

/// One estimated treatment effect with t-based inference (difference in means).
public struct TreatmentEffect: Sendable {
    public let term: String
    public let estimate: Double
    public let standardError: Double
    public let degreesOfFreedom: Double
    public let observationCount: Int
    public let droppedRows: Int
    public let kind: DifferenceInMeans.Kind

    public var statistic: Double { estimate / standardError }
    public var pValue: Double { (try? StudentT(degreesOfFreedom: degreesOfFreedom))?.twoSidedPValue(statistic) ?? .nan }

    /// `τ̂ ± t_{1−(1−level)/2, df} SE`.
    public func confidenceInterval(level: Double = 0.95) -> (lower: Double, upper: Double) {
        precondition(level > 0 && level < 1, "confidence level must lie strictly between 0 and 1")
        let q = (try? StudentT(degreesOfFreedom: degreesOfFreedom))?.quantile(1 - (1 - level) / 2) ?? .nan
        return (estimate - q * standardError, estimate + q * standardError)
    }

    /// A one-row coefficient table.
    public func summary(level: Double = 0.95) -> CoefficientTable {
        let ci = confidenceInterval(level: level)
        return CoefficientTable(rows: [CoefficientRow(term: term, estimate: estimate, stdError: standardError,
                                                      statistic: statistic, pValue: pValue, confLow: ci.lower,
                                                      confHigh: ci.upper, df: degreesOfFreedom)],
                                level: level, aliasedTerms: [])
    }
}
