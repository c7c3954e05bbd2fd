// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// Least squares of many outcomes on one shared design — the weekly effect curve — with ONE
/// factorization of the design for all outcomes and every requested covariance estimator.
///
/// Model: `Y = X B + E`, `Y` `N × T`, `X` `N × p`, analytic weights `W`. Coefficients
/// `B = (XᵀWX)⁻¹ XᵀWY` for all `T` columns at once; each column gets the covariances of
/// `CovarianceEstimator`. Every outcome column gives what a separate fit of that column would
/// (the tests check this against `lm_robust` one outcome at a time). Single-outcome OLS is this
/// code with `T = 1`.
///
/// Algorithm: (1) `CrossProducts`: `XᵀWX` and `XᵀWY` — split by cluster when CR0/CR1 are
/// requested, so that their scores `XgᵀWgYg − XgᵀWgXg·B` need no residuals; (2)
/// `LeastSquaresFactorization`: equilibrated Cholesky with a conditioning check, else QR with
/// `lm`'s rank rule; (3) only when HC, classical or CR2 (or the QR path) need residuals, one
/// row-blocked pass (`residualPass`) builds `E = Y − XB` block by block and every meat with BLAS-3.
///
/// Preconditions: a `Design` (complete rows, positive weights, `interceptColumn` all ones);
/// cluster-robust estimators need `design.clusters` with at least two clusters.
/// Complexity (Cholesky path): `2·N·p·T` (XᵀWY) + `N·p²` (Gram) + `O(p³)`; CR0/CR1 add
/// `O(G·p²·T)`; a residual pass adds `2·N·p·T` (residuals) + `2·N·p²` (`Z = XM`, HC) + per HC type
/// `2·N·p·T` (variances only) or `T·N·p²` (full) + `O(N·p²)` per CR2 pass.
/// Memory: row blocks of 8192 rows; no `N × T` temporary; `G·p·(p + T)` for split cross products.
public enum MultipleOutcomes {
    /// Fits every outcome column of `design.y` and computes each requested covariance estimator.
    public static func fit(_ design: Design, estimators: [CovarianceEstimator], scope: CovarianceScope = .full,
                           factorization: Factorization = .choleskyWithQRFallback) throws(RegressionError) -> MultipleOutcomesResult {
        let estimators = Array(uniqued(estimators))
        for estimator in estimators where estimator.isClustered {
            guard let clusters = design.clusters else { throw .clusterRequired(estimator: estimator) }
            guard clusters.count >= 2 else { throw .tooFewClusters(column: clusters.name, count: clusters.count) }
        }
        if case .variances(let names) = scope, !estimators.contains(.cr2) {
            return try fitSelected(design, estimators: estimators, terms: names, factorization: factorization)
        }
        let n = design.observationCount, p = design.x.columns, outcomes = design.y.columns
        let wantsClusterScores = estimators.contains(where: \.usesClusterScores)
        let splitByCluster = wantsClusterScores && factorization == .choleskyWithQRFallback
            && design.clusters.map { $0.count * p * (p + outcomes) <= 1 << 24 } ?? false
        let cross: CrossProducts? = factorization == .householderQR ? nil
            : splitByCluster ? CrossProducts(splittingByCluster: design) : CrossProducts(design)
        let ls = try LeastSquaresFactorization(design, cross: cross, method: factorization)
        let k = ls.kept.count
        guard n > k else { throw .tooFewRows(rows: n, parameters: k) }
        let m = ls.inverseGram
        let hasIntercept = design.interceptColumn.map { ls.kept.contains($0) } ?? false
        // CR0/CR1 scores from the split cross products (no residuals needed) on the Cholesky path.
        let scoresFromCross = ls.usedCholesky && (cross?.split ?? false) && hasIntercept
        let needsPass = !scoresFromCross || estimators.contains { !$0.usesClusterScores }
        let adjustments = leverageAdjustments(of: estimators)
        let fullMeats = scope == .full || outcomes * k * k <= 2 * k * k + 2 * k * outcomes
        let bellMcCaffrey: BellMcCaffrey?
        do {
            bellMcCaffrey = estimators.contains(.cr2) ? try BellMcCaffrey(design, kept: ls.kept, inverseGram: m) : nil
        } catch { throw .numerical(error) }
        var sums: ResidualPassSums
        if needsPass {
            let scoresInPass = wantsClusterScores && !scoresFromCross
            sums = residualPass(design, kept: ls.kept, coefficients: ls.coefficients, inverseGram: m,
                                request: ResidualPassRequest(
                                    leverageAdjustments: adjustments, fullMeats: fullMeats,
                                    clusterScores: scoresInPass, bellMcCaffrey: bellMcCaffrey,
                                    means: weightedMeans(design, ls), sortByCluster: scoresInPass || bellMcCaffrey != nil))
        } else {
            sums = ResidualPassSums(residualSumOfSquares: [], totalSumOfSquares: [], heteroskedastic: [:],
                                    clusterScores: [], adjustedClusterScores: [])
            (sums.residualSumOfSquares, sums.totalSumOfSquares) = sumsOfSquares(cross!, ls, intercept: design.interceptColumn!)
        }
        if scoresFromCross && wantsClusterScores {
            sums.clusterScores = clusterScores(cross!, coefficients: ls.coefficients, clusters: design.clusters!.count)
        }
        let terms = ls.kept.map { design.terms[$0] }
        let aliased = ls.aliased.sorted().map { design.terms[$0] }
        let residualDF = n - k
        let g = design.clusters?.count ?? 0
        var results = [[RegressionResult]]()
        for estimator in estimators {
            var perOutcome = [RegressionResult]()
            for t in 0..<outcomes {
                let (covariance, variances) = try covarianceOf(estimator, outcome: t, sums: sums, m: m, n: n, k: k,
                                                               g: g, outcomes: outcomes, fullMeats: fullMeats)
                let df = estimator.coefficientDegreesOfFreedom(observations: n, parameters: k, clusters: g,
                                                               satterthwaite: bellMcCaffrey?.degreesOfFreedom)
                let r2 = 1 - sums.residualSumOfSquares[t] / sums.totalSumOfSquares[t]
                let adjusted = 1 - (1 - r2) * Double(hasIntercept ? n - 1 : n) / Double(residualDF)
                perOutcome.append(RegressionResult(
                    outcome: design.outcomeNames[t], terms: terms, aliasedTerms: aliased,
                    coefficients: ls.coefficients.column(t), covariance: covariance,
                    standardErrors: variances.map { $0.squareRoot() }, degreesOfFreedom: df, estimator: estimator,
                    observationCount: n, residualDegreesOfFreedom: residualDF, rSquared: r2, adjustedRSquared: adjusted,
                    clusterCount: estimator.isClustered ? g : nil))
            }
            results.append(perOutcome)
        }
        return MultipleOutcomesResult(outcomeNames: design.outcomeNames, estimators: estimators, results: results,
                                      droppedRows: design.droppedRows, usedCholesky: ls.usedCholesky)
    }

    /// The distinct leverage adjustments the HC estimators among `estimators` need, in first-seen order.
    static func leverageAdjustments(of estimators: [CovarianceEstimator]) -> [LeverageAdjustment] {
        uniqued(estimators.compactMap(\.leverageAdjustment))
    }

    /// Residual and total sums of squares from shifted sums (Cholesky path with an intercept):
    /// with `c` the shift, `r = XᵀW(y − c) = XᵀWy − c·XᵀW1`, `b = β̂ − c·e_intercept`,
    /// `RSS = Σw(y − c)² − bᵀr` and `TSS = Σw(y − c)² − (Σw(y − c))²/Σw`.
    static func sumsOfSquares(_ cross: CrossProducts, _ ls: LeastSquaresFactorization,
                              intercept: Int) -> ([Double], [Double]) {
        let p = cross.gram.rows, totalWeight = cross.gram[intercept, intercept]
        var rss = [Double](), tss = [Double]()
        for t in 0..<cross.crossY.columns {
            let c = cross.shift[t]
            var explained = 0.0
            for i in 0..<p {
                let r = cross.crossY[i, t] - c * cross.gram[i, intercept]
                let b = ls.coefficients[i, t] - (i == intercept ? c : 0)
                explained += b * r
            }
            rss.append(cross.shiftedSquares[t] - explained)
            tss.append(cross.shiftedSquares[t] - cross.shiftedSum[t] * cross.shiftedSum[t] / totalWeight)
        }
        return (rss, tss)
    }

    /// CR0/CR1 scores `Xgᵀ Wg Yg − (Xgᵀ Wg Xg) B` for every cluster (all columns kept).
    static func clusterScores(_ cross: CrossProducts, coefficients: Matrix, clusters: Int) -> [Double] {
        let p = cross.gram.rows, outcomes = coefficients.columns
        var scores = cross.clusterCrossY
        scores.withUnsafeMutableBufferPointer { s in
            cross.clusterGrams.withUnsafeBufferPointer { grams in
                coefficients.elements.withUnsafeBufferPointer { b in
                    for g in 0..<clusters {
                        BLAS.gemm(.none, .none, m: p, n: outcomes, k: p, alpha: -1, a: grams.baseAddress! + g * p * p, lda: p,
                                  b: b.baseAddress!, ldb: p, beta: 1, c: s.baseAddress! + g * p * outcomes, ldc: p)
                    }
                }
            }
        }
        return scores
    }

    /// Weighted outcome means from the fit (`ȳ_w = (Σwᵢxᵢ)ᵀβ̂ / Σw`, exact when the intercept is
    /// in the design), or `nil` without an intercept (uncentred R², as `summary.lm`).
    static func weightedMeans(_ design: Design, _ ls: LeastSquaresFactorization) -> [Double]? {
        guard let intercept = design.interceptColumn, ls.kept.contains(intercept) else { return nil }
        let n = design.observationCount
        let sums = design.x.elements.withUnsafeBufferPointer { x in
            ls.kept.map { column in
                var s = 0.0
                if let w = design.weights {
                    for i in 0..<n { s += w[i] * x[i + column * n] }
                } else {
                    for i in 0..<n { s += x[i + column * n] }
                }
                return s
            }
        }
        let total = design.weights.map { $0.reduce(0, +) } ?? Double(n)
        return (0..<design.y.columns).map { t in
            (0..<ls.kept.count).reduce(0) { $0 + sums[$1] * ls.coefficients[$1, t] } / total
        }
    }

    /// The covariance (when full) and variances of one outcome under one estimator.
    static func covarianceOf(_ estimator: CovarianceEstimator, outcome t: Int, sums: ResidualPassSums, m: Matrix,
                             n: Int, k: Int, g: Int, outcomes: Int,
                             fullMeats: Bool) throws(RegressionError) -> (Matrix?, [Double]) {
        do {
            switch estimator {
            case .classical:
                let v = (sums.residualSumOfSquares[t] / Double(n - k)) * m
                return (v, v.diagonalEntries)
            case .hc0, .hc1, .hc2, .hc3:
                let scale = estimator.scaleFactor(observations: n, parameters: k, clusters: g)
                let stored = sums.heteroskedastic[estimator.leverageAdjustment!]!
                if fullMeats {
                    var meat = Matrix(rows: k, columns: k, columnMajor: Array(stored[(t * k * k)..<((t + 1) * k * k)]))
                    meat.symmetrizeFromUpper()
                    let v = scale * (try m.sandwich(meat))
                    return (v, v.diagonalEntries)
                }
                return (nil, (0..<k).map { scale * stored[$0 + t * k] })
            case .cr0, .cr1, .cr2:
                let scores = estimator == .cr2 ? sums.adjustedClusterScores : sums.clusterScores
                var s = Matrix(rows: k, columns: g)
                for cluster in 0..<g {
                    let base = cluster * k * outcomes + t * k
                    for i in 0..<k { s[i, cluster] = scores[base + i] }
                }
                let p = try Matrix.product(m, .none, s, .none)
                var v = try Matrix.product(p, .none, p, .transposed)
                let scale = estimator.scaleFactor(observations: n, parameters: k, clusters: g)
                if scale != 1 { v = scale * v }
                return (v, v.diagonalEntries)
            }
        } catch { throw .numerical(error) }
    }
}

/// The elements of `values` without repeats, in first-seen order.
func uniqued<T: Hashable>(_ values: [T]) -> [T] {
    var seen = Set<T>()
    return values.filter { seen.insert($0).inserted }
}

/// The fits of every outcome under every requested covariance estimator.
public struct MultipleOutcomesResult: Sendable {
    public let outcomeNames: [String]
    public let estimators: [CovarianceEstimator]
    /// `results[e][t]`: estimator `estimators[e]`, outcome `t`.
    public let results: [[RegressionResult]]
    /// Rows removed by listwise deletion.
    public let droppedRows: Int
    /// Whether the Cholesky path was used (else Householder QR).
    public let usedCholesky: Bool

    /// The fit of outcome `t` under `estimator` (which must have been requested).
    public func result(outcome t: Int, estimator: CovarianceEstimator) -> RegressionResult {
        guard let e = estimators.firstIndex(of: estimator) else {
            preconditionFailure("estimator \(estimator) was not requested")
        }
        return results[e][t]
    }
}
