// SPDX-License-Identifier: GPL-3.0-or-later
import COpenBLAS

/// The eigendecomposition `A = V diag(λ) Vᵀ` of a real symmetric matrix (`dsyevr`).
///
/// Eigenvalues ascend. Used for matrix square roots such as the Bell–McCaffrey adjustment
/// `(I − H_gg)^{-1/2}` of CR2 standard errors.
///
/// Precondition: `A` square and symmetric (the upper triangle is read).
/// Complexity: O(n³).
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors, one per column, matching `values`.
    public let vectors: Matrix

    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else {
            throw .dimensionMismatch(operation: "decompose (symmetric eigen)", left: "\(a.rows)×\(a.columns)", right: "square")
        }
        let n = a.rows
        var work = a
        var w = [Double](repeating: 0, count: n)
        var z = Matrix(rows: n, columns: n)
        var isuppz = [Int32](repeating: 0, count: 2 * max(1, n))
        var found: Int32 = 0
        if n > 0 {
            let info = work.elements.withUnsafeMutableBufferPointer { pa in
                w.withUnsafeMutableBufferPointer { pw in
                    z.elements.withUnsafeMutableBufferPointer { pz in
                        isuppz.withUnsafeMutableBufferPointer { pi in
                            LAPACKE_dsyevr(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "A")),
                                           Int8(UInt8(ascii: "U")), Int32(n), pa.baseAddress, Int32(n), 0, 0, 0, 0,
                                           0, &found, pw.baseAddress, pz.baseAddress, Int32(n), pi.baseAddress)
                        }
                    }
                }
            }
            try checkLAPACK("dsyevr", info) { .noConvergence(routine: "dsyevr", info: $0) }
        }
        values = w
        vectors = z
    }

    /// `V f(λ) Vᵀ`: a function applied to the eigenvalues.
    public func reconstruct(_ f: (Double) -> Double) throws(LinearAlgebraError) -> Matrix {
        var scaled = vectors
        let n = values.count
        for j in 0..<n {
            let s = f(values[j])
            for i in 0..<n { scaled[i, j] *= s }
        }
        return try Matrix.product(scaled, .none, vectors, .transposed)
    }

    /// The symmetric inverse square root `A^{-1/2}`, treating eigenvalues at or below
    /// `tolerance × max λ` as zero (a pseudo-inverse square root, as estimatr does for CR2).
    public func inverseSquareRoot(tolerance: Double = 1e-12) throws(LinearAlgebraError) -> Matrix {
        let top = values.map(abs).max() ?? 0
        return try reconstruct { $0 > tolerance * top ? 1 / $0.squareRoot() : 0 }
    }
}
