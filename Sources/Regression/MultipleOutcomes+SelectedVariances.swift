// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

extension MultipleOutcomes {
    /// `fit` for `CovarianceScope.variances(of:)` without CR2: `XᵀWX` and `XᵀWY` over row chunks (no
    /// split by cluster), the factorization, then `selectedVariancePass`.
    static func fitSelected(_ design: Design, estimators: [CovarianceEstimator], terms names: [String],
                            factorization: Factorization) throws(RegressionError) -> MultipleOutcomesResult {
        let n = design.observationCount, p = design.x.columns, outcomes = design.y.columns
        var columns = [Int]()
        for name in names {
            guard let column = design.terms.firstIndex(of: name) else { throw .unknownTerm(name, available: design.terms) }
            if !columns.contains(column) { columns.append(column) }
        }
        let cross = factorization == .householderQR ? nil : CrossProducts(design)
        let ls = try LeastSquaresFactorization(design, cross: cross, method: factorization)
        let k = ls.kept.count
        guard n > k else { throw .tooFewRows(rows: n, parameters: k) }
        // Coefficients and M in design coordinates, zero for aliased columns.
        var beta = Matrix(rows: p, columns: outcomes), m = Matrix(rows: p, columns: p)
        for (r, column) in ls.kept.enumerated() {
            for t in 0..<outcomes { beta[column, t] = ls.coefficients[r, t] }
            for (r2, column2) in ls.kept.enumerated() { m[column, column2] = ls.inverseGram[r, r2] }
        }
        let selected = columns.filter { ls.kept.contains($0) }
        let adjustments = leverageAdjustments(of: estimators)
        let wantsClusterScores = estimators.contains(where: \.usesClusterScores)
        let hasIntercept = design.interceptColumn.map { ls.kept.contains($0) } ?? false
        let means: [Double]?
        if let cross, hasIntercept, let intercept = design.interceptColumn {
            // Σwxᵢ is the intercept row of XᵀWX.
            means = (0..<outcomes).map { t in
                (0..<p).reduce(0) { $0 + cross.gram[intercept, $1] * beta[$1, t] } / cross.gram[intercept, intercept]
            }
        } else {
            means = weightedMeans(design, ls)
        }
        let sums = selectedVariancePass(design, coefficients: beta, inverseGram: m, selected: selected,
                                        leverageAdjustments: adjustments, clusterScores: wantsClusterScores, means: means)
        let terms = ls.kept.map { design.terms[$0] }
        let aliased = ls.aliased.sorted().map { design.terms[$0] }
        let positions = selected.map { ls.kept.firstIndex(of: $0)! }
        let residualDF = n - k, g = design.clusters?.count ?? 0, s = selected.count
        var results = [[RegressionResult]]()
        for estimator in estimators {
            var perOutcome = [RegressionResult]()
            let scale = estimator.scaleFactor(observations: n, parameters: k, clusters: g)
            let df = estimator.coefficientDegreesOfFreedom(observations: n, parameters: k, clusters: g, satterthwaite: nil)
            for t in 0..<outcomes {
                var variances = [Double](repeating: .nan, count: k)
                switch estimator {
                case .classical:
                    let sigma2 = sums.residualSumOfSquares[t] / Double(residualDF)
                    for r in 0..<k { variances[r] = sigma2 * ls.inverseGram[r, r] }
                case .hc0, .hc1, .hc2, .hc3:
                    let stored = sums.heteroskedastic[estimator.leverageAdjustment!]!
                    for (j, r) in positions.enumerated() { variances[r] = scale * stored[j + t * s] }
                case .cr0, .cr1:
                    for (j, r) in positions.enumerated() { variances[r] = scale * sums.clusterSquares[j + t * s] }
                case .cr2:
                    preconditionFailure("CR2 takes the variancesOnly path")
                }
                let r2 = 1 - sums.residualSumOfSquares[t] / sums.totalSumOfSquares[t]
                let adjusted = 1 - (1 - r2) * Double(hasIntercept ? n - 1 : n) / Double(residualDF)
                perOutcome.append(RegressionResult(
                    outcome: design.outcomeNames[t], terms: terms, aliasedTerms: aliased,
                    coefficients: ls.coefficients.column(t), covariance: nil,
                    standardErrors: variances.map { $0.squareRoot() },
                    degreesOfFreedom: df,
                    estimator: estimator, observationCount: n, residualDegreesOfFreedom: residualDF, rSquared: r2,
                    adjustedRSquared: adjusted, clusterCount: estimator.isClustered ? g : nil))
            }
            results.append(perOutcome)
        }
        return MultipleOutcomesResult(outcomeNames: design.outcomeNames, estimators: estimators, results: results,
                                      droppedRows: design.droppedRows, usedCholesky: ls.usedCholesky)
    }
}
