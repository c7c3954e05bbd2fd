// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// One factorization of a shared design `X` (with weights `W`) and the least-squares
/// coefficients it gives for every outcome column of `Y`.
///
/// Cholesky path: `G = XᵀWX` is equilibrated to unit diagonal (`D G D`, `D = diag(G)^{-1/2}`) and
/// factored (`dpotrf`); when `dpocon` reports a reciprocal condition number below 1e-10 (or the
/// factorization fails, or a column is zero) the Householder QR of `W^{1/2}X` with R's `lm` rank
/// rule decides instead, which drops later collinear columns exactly as `lm` does.
///
/// Complexity: Cholesky path `N·p²` (Gram) + `2·N·p·T` (XᵀWY) + `O(p³)`; QR path
/// `2·N·p²` + `4·N·p·T`. Memory: one `N × p` copy of `X` when weighted or on the QR path, one
/// `N × T` copy of `Y` on the QR path.
/// Reference: Golub & Van Loan, *Matrix Computations* (4th ed.), §5.3 (normal equations vs QR).
struct LeastSquaresFactorization: Sendable {
    /// Original indices of the columns used, in order.
    let kept: [Int]
    /// Original indices of the aliased columns.
    let aliased: [Int]
    /// `M = (X_keptᵀ W X_kept)⁻¹`.
    let inverseGram: Matrix
    /// `k × T` coefficients, rows in `kept` order.
    let coefficients: Matrix
    /// Which path was taken.
    let usedCholesky: Bool

    /// Threshold on the reciprocal condition number of the equilibrated Gram matrix.
    static let conditionThreshold = 1e-10

    /// Factors the design; `cross` holds `XᵀWX` and `XᵀWY` for the Cholesky path (computed here when `nil`).
    init(_ design: Design, cross: CrossProducts?, method: Factorization) throws(RegressionError) {
        do {
            if method == .choleskyWithQRFallback,
               let fit = try LeastSquaresFactorization.cholesky(design, cross: cross ?? CrossProducts(design)) {
                self = fit
            } else {
                self = try LeastSquaresFactorization.householder(design)
            }
        } catch let error as LinearAlgebraError {
            throw .numerical(error)
        } catch let error as RegressionError {
            throw error
        } catch {
            fatalError("unexpected error \(error)")
        }
        if kept.isEmpty { throw .emptyDesign }
    }

    private init(kept: [Int], aliased: [Int], inverseGram: Matrix, coefficients: Matrix, usedCholesky: Bool) {
        self.kept = kept
        self.aliased = aliased
        self.inverseGram = inverseGram
        self.coefficients = coefficients
        self.usedCholesky = usedCholesky
    }

    /// The Cholesky path, or `nil` when the design is ill conditioned or rank deficient.
    private static func cholesky(_ design: Design, cross: CrossProducts) throws -> LeastSquaresFactorization? {
        let p = design.x.columns
        let gram = cross.gram, crossY = cross.crossY
        let diagonal = gram.diagonalEntries
        guard diagonal.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let scale = diagonal.map { 1 / $0.squareRoot() }
        var equilibrated = gram
        for j in 0..<p { for i in 0..<p { equilibrated[i, j] *= scale[i] * scale[j] } }
        var oneNorm = 0.0
        for j in 0..<p { oneNorm = max(oneNorm, (0..<p).reduce(0) { $0 + abs(equilibrated[$1, j]) }) }
        let factor: Cholesky
        do { factor = try Cholesky(equilibrated) } catch { return nil }
        guard try factor.reciprocalConditionNumber(oneNorm: oneNorm) >= conditionThreshold else { return nil }
        var rhs = crossY
        for t in 0..<rhs.columns { for i in 0..<p { rhs[i, t] *= scale[i] } }
        var beta = try factor.solve(rhs)
        for t in 0..<beta.columns { for i in 0..<p { beta[i, t] *= scale[i] } }
        var m = try factor.inverse()
        for j in 0..<p { for i in 0..<p { m[i, j] *= scale[i] * scale[j] } }
        return LeastSquaresFactorization(kept: Array(0..<p), aliased: [], inverseGram: m, coefficients: beta,
                                         usedCholesky: true)
    }

    /// The QR path with `lm`'s rank rule.
    private static func householder(_ design: Design) throws -> LeastSquaresFactorization {
        var xs = design.x
        var ys = design.y
        if let w = design.weights {
            let root = w.map { $0.squareRoot() }
            for j in 0..<xs.columns { for i in 0..<xs.rows { xs.elements[i + j * xs.rows] *= root[i] } }
            for j in 0..<ys.columns { for i in 0..<ys.rows { ys.elements[i + j * ys.rows] *= root[i] } }
        }
        let qr = try QRDecomposition(xs, pivoting: .keepOrder)
        let kept = qr.keptColumns
        // `QRDecomposition` lists kept columns in factor order; with `.keepOrder` that is the original order.
        let beta = try qr.leastSquares(ys)
        let m = try qr.inverseGram()
        return LeastSquaresFactorization(kept: kept, aliased: qr.aliasedColumns, inverseGram: m, coefficients: beta,
                                         usedCholesky: false)
    }
}
