// SPDX-License-Identifier: GPL-3.0-or-later
import COpenBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a QR decomposition orders columns and decides which are aliased (linearly dependent).
public enum ColumnPivoting: Sendable {
    /// R's `lm` rule (LINPACK `dqrdc2`): columns keep their order; a column whose norm, after
    /// removing the part explained by the columns before it, falls below `tolerance × ‖xⱼ‖` is
    /// aliased and moved to the end. The *later* of two collinear columns is the one dropped,
    /// exactly as `coef(lm(...))` shows `NA` for it.
    case keepOrder
    /// LAPACK `dgeqp3` (Businger–Golub): the column of largest remaining norm goes first; the
    /// rank is the number of `|R_kk| > tolerance × |R_00|`.
    case largestNorm
}

/// The QR decomposition `X P = Q R` of an `n × p` matrix with rank detection.
///
/// Only the first `rank` columns (in `pivot` order) enter `Q` and `R`; the rest are aliased.
///
/// Precondition: `rows >= 0`, `columns >= 0`; entries finite.
/// Complexity: 2np² − 2p³/3 flops per factorisation; `.keepOrder` refactors once per aliased
/// column found (rare), `.largestNorm` once.
/// Reference: Golub & Van Loan, *Matrix Computations*, 4th ed., §5.2 and §5.4.1;
/// R `qr()` / `lm.fit` (tolerance 1e-7).
public struct QRDecomposition: Sendable {
    /// R's default tolerance for rank detection in `lm`.
    public static let defaultTolerance = 1e-7

    /// Number of rows of `X`.
    public let rows: Int
    /// Number of columns of `X`.
    public let columns: Int
    /// Numerical rank.
    public let rank: Int
    /// Original column index at each position: the first `rank` are kept, the rest aliased.
    public let pivot: [Int]
    /// LAPACK compact form (Householder vectors below the diagonal, R above) of the kept columns.
    let compact: Matrix
    /// Householder scalars.
    let tau: [Double]

    /// Original indices of the columns used, in their order in `R`.
    public var keptColumns: [Int] { Array(pivot.prefix(rank)) }
    /// Original indices of the aliased (dropped) columns.
    public var aliasedColumns: [Int] { Array(pivot.dropFirst(rank)) }

    /// Factors `x`, detecting rank with `tolerance` under the given pivoting rule.
    public init(_ x: Matrix, pivoting: ColumnPivoting = .keepOrder,
                tolerance: Double = QRDecomposition.defaultTolerance) throws(LinearAlgebraError) {
        rows = x.rows
        columns = x.columns
        switch pivoting {
        case .keepOrder:
            let norms = (0..<x.columns).map { j in
                var s = 0.0
                for i in 0..<x.rows { s += x[i, j] * x[i, j] }
                return s.squareRoot()
            }
            var kept = Array(0..<x.columns)
            var aliased = [Int]()
            while true {
                let (a, t) = try QRDecomposition.householder(x.selectingColumns(kept))
                let limit = min(kept.count, x.rows)
                var firstAliased: Int? = nil
                for k in 0..<kept.count {
                    let rkk = k < limit ? abs(a[k, k]) : 0
                    if norms[kept[k]] == 0 || rkk < tolerance * norms[kept[k]] { firstAliased = k; break }
                }
                if let k = firstAliased {
                    aliased.append(kept.remove(at: k))
                    continue
                }
                compact = a
                tau = t
                rank = kept.count
                pivot = kept + aliased
                return
            }
        case .largestNorm:
            var a = x
            var jpvt = [Int32](repeating: 0, count: x.columns)
            var t = [Double](repeating: 0, count: min(x.rows, x.columns))
            if x.rows > 0 && x.columns > 0 {
                let info = a.elements.withUnsafeMutableBufferPointer { pa in
                    jpvt.withUnsafeMutableBufferPointer { pj in
                        t.withUnsafeMutableBufferPointer { pt in
                            LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(x.rows), Int32(x.columns), pa.baseAddress,
                                           Int32(x.rows), pj.baseAddress, pt.baseAddress)
                        }
                    }
                }
                try checkLAPACK("dgeqp3", info) { .noConvergence(routine: "dgeqp3", info: $0) }
            }
            let perm = jpvt.map { Int($0) - 1 }
            let lead = x.columns > 0 && x.rows > 0 ? abs(a[0, 0]) : 0
            var r = 0
            while r < min(x.rows, x.columns) && lead > 0 && abs(a[r, r]) > tolerance * lead { r += 1 }
            rank = r
            pivot = perm
            if r == x.columns {
                compact = a
                tau = t
            } else {
                // Refactor the kept columns alone so that Q and R describe exactly them.
                let (a2, t2) = try QRDecomposition.householder(x.selectingColumns(Array(perm.prefix(r))))
                compact = a2
                tau = t2
            }
        }
    }

    /// Unpivoted Householder QR (`dgeqrf`) in compact form.
    static func householder(_ x: Matrix) throws(LinearAlgebraError) -> (Matrix, [Double]) {
        var a = x
        var t = [Double](repeating: 0, count: min(x.rows, x.columns))
        if x.rows > 0 && x.columns > 0 {
            let info = a.elements.withUnsafeMutableBufferPointer { pa in
                t.withUnsafeMutableBufferPointer { pt in
                    LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(x.rows), Int32(x.columns), pa.baseAddress,
                                   Int32(x.rows), pt.baseAddress)
                }
            }
            try checkLAPACK("dgeqrf", info) { .noConvergence(routine: "dgeqrf", info: $0) }
        }
        return (a, t)
    }

    /// The `rank × rank` upper-triangular factor `R` of the kept columns.
    public var r: Matrix {
        var m = Matrix(rows: rank, columns: rank)
        for j in 0..<rank { for i in 0...j where i < rows { m[i, j] = compact[i, j] } }
        return m
    }

    /// `Qᵀ B` for an `n × m` matrix `B` (`dormqr`), all `n` rows.
    public func qTransposed(times b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try applyQ(b, transpose: true)
    }

    /// `Q B` for an `n × m` matrix `B` (`dormqr`).
    public func q(times b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try applyQ(b, transpose: false)
    }

    private func applyQ(_ b: Matrix, transpose: Bool) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == rows else {
            throw .dimensionMismatch(operation: "apply Q", left: "\(rows)×\(rows)", right: "\(b.rows)×\(b.columns)")
        }
        var c = b
        let k = min(rank, rows)
        if k == 0 || b.columns == 0 { return c }
        let info = compact.elements.withUnsafeBufferPointer { pa in
            tau.withUnsafeBufferPointer { pt in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    LAPACKE_dormqr(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")),
                                   Int8(UInt8(ascii: transpose ? "T" : "N")), Int32(rows), Int32(b.columns),
                                   Int32(k), pa.baseAddress, Int32(rows), pt.baseAddress, pc.baseAddress, Int32(rows))
                }
            }
        }
        try checkLAPACK("dormqr", info) { .noConvergence(routine: "dormqr", info: $0) }
        return c
    }

    /// The thin `n × rank` orthonormal factor `Q` (`dorgqr`).
    public func thinQ() throws(LinearAlgebraError) -> Matrix {
        var q = compact.selectingColumns(Array(0..<rank))
        if rank == 0 || rows == 0 { return q }
        let info = q.elements.withUnsafeMutableBufferPointer { pq in
            tau.withUnsafeBufferPointer { pt in
                LAPACKE_dorgqr(LAPACK_COL_MAJOR, Int32(rows), Int32(rank), Int32(rank), pq.baseAddress,
                               Int32(rows), pt.baseAddress)
            }
        }
        try checkLAPACK("dorgqr", info) { .noConvergence(routine: "dorgqr", info: $0) }
        return q
    }

    /// Least-squares coefficients of the kept columns for every column of `y`: `R⁻¹ (Qᵀ y)[0..<rank]`.
    ///
    /// Returns a `rank × y.columns` matrix, rows in `keptColumns` order.
    public func leastSquares(_ y: Matrix) throws(LinearAlgebraError) -> Matrix {
        let qty = try qTransposed(times: y)
        var top = Matrix(rows: rank, columns: y.columns)
        for j in 0..<y.columns { for i in 0..<rank { top[i, j] = qty[i, j] } }
        return try TriangularSolve.solve(r, top, triangle: .upper)
    }

    /// `(X_keptᵀ X_kept)⁻¹ = (RᵀR)⁻¹`, the unscaled covariance of the coefficients.
    public func inverseGram() throws(LinearAlgebraError) -> Matrix {
        try Cholesky.inverse(ofFactor: r)
    }
}
