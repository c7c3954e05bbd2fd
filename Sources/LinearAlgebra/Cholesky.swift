// SPDX-License-Identifier: GPL-3.0-or-later
import COpenBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factorisation `A = RᵀR` of a symmetric positive-definite matrix (`dpotrf`).
///
/// `R` is upper triangular. Used for normal equations (`XᵀX`), information matrices in
/// Newton–Raphson, and the inverse `(RᵀR)⁻¹` (`dpotri`).
///
/// Precondition: `A` square and symmetric (only the upper triangle is read).
/// Complexity: n³/3 flops to factor; n² per right-hand side to solve.
/// Reference: LAPACK Users' Guide, §2.4.2 (xPOTRF, xPOTRS, xPOTRI).
public struct Cholesky: Sendable {
    /// The upper-triangular factor (strict lower triangle is zero).
    public let factor: Matrix

    /// Factors `a`. Throws `.notPositiveDefinite` when a pivot is not positive.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else {
            throw .dimensionMismatch(operation: "factor (Cholesky)", left: "\(a.rows)×\(a.columns)", right: "square")
        }
        var r = a
        let n = Int32(a.rows)
        if n > 0 {
            let info = r.elements.withUnsafeMutableBufferPointer {
                LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), n, $0.baseAddress, n)
            }
            try checkLAPACK("dpotrf", info) { .notPositiveDefinite(routine: "dpotrf", order: $0) }
        }
        for j in 0..<a.columns { for i in (j + 1)..<max(j + 1, a.rows) { r[i, j] = 0 } }
        factor = r
    }

    /// The order `n` of the factored matrix.
    public var order: Int { factor.rows }

    /// Solves `A X = B` for `X` (`dpotrs`).
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else {
            throw .dimensionMismatch(operation: "solve (Cholesky)", left: "\(order)×\(order)", right: "\(b.rows)×\(b.columns)")
        }
        var x = b
        if order == 0 || b.columns == 0 { return x }
        let info = factor.elements.withUnsafeBufferPointer { pr in
            x.elements.withUnsafeMutableBufferPointer { px in
                LAPACKE_dpotrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(order), Int32(b.columns),
                               pr.baseAddress, Int32(order), px.baseAddress, Int32(order))
            }
        }
        try checkLAPACK("dpotrs", info) { .singular(routine: "dpotrs", index: $0) }
        return x
    }

    /// Solves `A x = b` for one right-hand side.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).elements
    }

    /// The inverse `A⁻¹ = (RᵀR)⁻¹` (`dpotri`), both triangles filled.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        try Cholesky.inverse(ofFactor: factor)
    }

    /// `(RᵀR)⁻¹` for an upper-triangular `R` (from Cholesky or QR).
    public static func inverse(ofFactor r: Matrix) throws(LinearAlgebraError) -> Matrix {
        var m = r
        let n = Int32(r.rows)
        if n == 0 { return m }
        let info = m.elements.withUnsafeMutableBufferPointer {
            LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), n, $0.baseAddress, n)
        }
        try checkLAPACK("dpotri", info) { .singular(routine: "dpotri", index: $0) }
        m.symmetrizeFromUpper()
        return m
    }

    /// `log det A = 2 Σ log R_kk`.
    public var logDeterminant: Double {
        factor.diagonalEntries.reduce(0) { $0 + 2 * log($1) }
    }
}


extension Cholesky {
    /// An estimate of the reciprocal condition number `1 / (‖A‖₁ ‖A⁻¹‖₁)` of the factored matrix
    /// (`dpocon`), given `‖A‖₁` of the original matrix. Near 0: numerically singular.
    ///
    /// Complexity: O(n²).
    public func reciprocalConditionNumber(oneNorm: Double) throws(LinearAlgebraError) -> Double {
        let n = Int32(order)
        if n == 0 { return 1 }
        var rcond = 0.0
        let info = factor.elements.withUnsafeBufferPointer {
            LAPACKE_dpocon(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), n, $0.baseAddress, n, oneNorm, &rcond)
        }
        try checkLAPACK("dpocon", info) { .noConvergence(routine: "dpocon", info: $0) }
        return rcond
    }
}
