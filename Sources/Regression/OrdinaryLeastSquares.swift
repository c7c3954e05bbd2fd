// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// Ordinary (or analytically weighted) least squares of one outcome, with one covariance estimator.
///
/// `β̂ = (XᵀWX)⁻¹XᵀWy`; aliased columns (collinear with earlier ones, R's rank rule) are reported
/// in `aliasedTerms` and dropped, as `lm` shows `NA` for them. Covariance, df and R call per
/// estimator: see `CovarianceEstimator`. This is `MultipleOutcomes` with a single outcome column:
/// the same factorization and residual pass, not a second implementation.
///
/// Preconditions: only the first outcome column of `design.y` is fitted.
/// Complexity: `N·p²` (Gram) + `N·p²` (robust meat) + `O(p³)`.
/// Reference: R `lm`, estimatr `lm_robust` (Blair, Cooper, Coppock, Humphreys & Sonnet, v1.0.0).
public enum OrdinaryLeastSquares {
    /// Fits the first outcome of `design`.
    public static func fit(_ design: Design, covariance estimator: CovarianceEstimator = .hc2,
                           factorization: Factorization = .choleskyWithQRFallback) throws(RegressionError) -> RegressionResult {
        let one = design.y.columns == 1 ? design : try Design(
            x: design.x, terms: design.terms, y: design.y.selectingColumns([0]), outcomeNames: [design.outcomeNames[0]],
            weights: design.weights, clusters: design.clusters, droppedRows: design.droppedRows,
            interceptColumn: design.interceptColumn)
        return try MultipleOutcomes.fit(one, estimators: [estimator], scope: .full, factorization: factorization)
            .results[0][0]
    }

    /// Fits the first outcome of a specification (listwise deletion, dummies; see `ModelSpecification`).
    public static func fit(_ specification: ModelSpecification, covariance estimator: CovarianceEstimator = .hc2)
        throws(RegressionError) -> RegressionResult {
        try fit(specification.design(), covariance: estimator)
    }
}
