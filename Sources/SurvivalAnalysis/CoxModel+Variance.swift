// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

extension CoxModel {
    /// `Σ_c L_c L_cᵀ` with `L_c` the score residuals summed within cluster `c` (each row its own
    /// cluster when `clusters` is nil). Complexity: O(n p + C p²).
    static func clusterSums(_ residuals: [Double], p: Int, clusters: Grouping?) -> Matrix {
        let n = residuals.count / p
        var sums: [Double]
        let count: Int
        if let clusters {
            count = clusters.count
            sums = [Double](repeating: 0, count: count * p)
            for i in 0..<n {
                let c = Int(clusters.codes[i])
                for j in 0..<p { sums[c * p + j] += residuals[i * p + j] }
            }
        } else {
            count = n
            sums = residuals
        }
        // Rows of `sums` are clusters; as a column-major p × C matrix it is Lᵀ.
        let lt = Matrix(rows: p, columns: count, columnMajor: sums)
        return (try? Matrix.product(lt, .none, lt, .transposed)) ?? Matrix(rows: p, columns: p, repeating: .nan)
    }

    /// The sandwich `V M V` with `M = Σ_c L_c L_cᵀ` (R's `t(dfbeta) %*% dfbeta` collapsed by cluster).
    static func sandwich(_ residuals: [Double], p: Int, clusters: Grouping?, bread: Matrix) throws(SurvivalAnalysisError) -> Matrix {
        let meat = clusterSums(residuals, p: p, clusters: clusters)
        do {
            return try Matrix.product(Matrix.product(bread, .none, meat, .none), .none, bread, .none)
        } catch {
            throw .singularInformation(detail: "\(error)")
        }
    }

    /// `βᵀ V⁻¹ β` (R's `coxph.wtest`).
    static func waldStatistic(_ beta: [Double], covariance: Matrix) -> Double {
        quadraticForm(score: beta, meat: covariance)
    }

    /// `uᵀ M⁻¹ u` through a Cholesky factor; NaN when `M` is not positive definite.
    static func quadraticForm(score u: [Double], meat: Matrix) -> Double {
        guard let chol = try? Cholesky(meat), let solved = try? chol.solve(u) else { return .nan }
        return zip(u, solved).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
