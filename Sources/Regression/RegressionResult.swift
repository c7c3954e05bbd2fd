// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import LinearAlgebra

/// A least-squares fit of one outcome with one covariance estimator: immutable values only.
///
/// Inference is t-based: `(β̂ₖ − βₖ)/SEₖ ~ t(dfₖ)`, with `dfₖ` from the estimator (see
/// `CovarianceEstimator`).
public struct RegressionResult: Sendable {
    /// The outcome's name.
    public let outcome: String
    /// The names of the estimated terms (aliased ones excluded), in design order.
    public let terms: [String]
    /// Terms dropped as collinear with earlier ones (R's `NA` coefficients).
    public let aliasedTerms: [String]
    public let coefficients: [Double]
    /// The full covariance, or `nil` when only variances were computed (`CovarianceScope.variancesOnly`).
    public let covariance: Matrix?
    /// `√diag(covariance)`.
    public let standardErrors: [Double]
    /// Degrees of freedom of each coefficient's t reference distribution.
    public let degreesOfFreedom: [Double]
    public let estimator: CovarianceEstimator
    /// `N`, the rows used.
    public let observationCount: Int
    /// `N − K`.
    public let residualDegreesOfFreedom: Int
    /// `1 − Σwe²/Σw(y − ȳ_w)²` (uncentred without an intercept), as `summary(lm)`.
    public let rSquared: Double
    /// `1 − (1 − R²)(N − 1)/(N − K)` (with `N` in place of `N − 1` without an intercept).
    public let adjustedRSquared: Double
    /// Number of clusters for cluster-robust estimators.
    public let clusterCount: Int?

    /// The coefficient of a term, if it was estimated.
    public func coefficient(_ term: String) -> Double? {
        terms.firstIndex(of: term).map { coefficients[$0] }
    }

    /// t statistics `β̂ₖ / SEₖ`.
    public var statistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided p-values from Student's t.
    public var pValues: [Double] {
        zip(statistics, degreesOfFreedom).map { t, df in
            (try? StudentT(degreesOfFreedom: df))?.twoSidedPValue(t) ?? .nan
        }
    }

    /// Confidence intervals `β̂ₖ ± t_{1−(1−level)/2, dfₖ} SEₖ`. Precondition: `0 < level < 1`.
    public func confidenceIntervals(level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        precondition(level > 0 && level < 1, "confidence level must lie strictly between 0 and 1")
        return coefficients.indices.map { k in
            let q = (try? StudentT(degreesOfFreedom: degreesOfFreedom[k]))?.quantile(1 - (1 - level) / 2) ?? .nan
            return (coefficients[k] - q * standardErrors[k], coefficients[k] + q * standardErrors[k])
        }
    }

    /// The coefficient table at the given confidence level.
    public func summary(level: Double = 0.95) -> CoefficientTable {
        let ci = confidenceIntervals(level: level)
        let p = pValues
        let t = statistics
        let rows = terms.indices.map { k in
            CoefficientRow(term: terms[k], estimate: coefficients[k], stdError: standardErrors[k], statistic: t[k],
                           pValue: p[k], confLow: ci[k].lower, confHigh: ci[k].upper, df: degreesOfFreedom[k])
        }
        return CoefficientTable(rows: rows, level: level, aliasedTerms: aliasedTerms)
    }

    /// The coefficient table with 95% intervals.
    public var summary: CoefficientTable { summary(level: 0.95) }
}
