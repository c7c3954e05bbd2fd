// SPDX-License-Identifier: GPL-3.0-or-later
import COpenBLAS

/// Which triangle of a triangular matrix holds its entries.
public enum Triangle: Sendable {
    case upper, lower
}

/// Solves triangular systems `op(T) X = B` (`dtrtrs`).
///
/// Precondition: `T` square, non-singular triangular; `B.rows == T.rows`.
/// Complexity: n² flops per right-hand side.
public enum TriangularSolve {
    /// `X` with `op(T) X = B`.
    public static func solve(_ t: Matrix, _ b: Matrix, triangle: Triangle,
                             transpose: Transposition = .none) throws(LinearAlgebraError) -> Matrix {
        guard t.rows == t.columns, b.rows == t.rows else {
            throw .dimensionMismatch(operation: "solve a triangular system", left: "\(t.rows)×\(t.columns)",
                                     right: "\(b.rows)×\(b.columns)")
        }
        var x = b
        if t.rows == 0 || b.columns == 0 { return x }
        let info = t.elements.withUnsafeBufferPointer { pt in
            x.elements.withUnsafeMutableBufferPointer { px in
                LAPACKE_dtrtrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: triangle == .upper ? "U" : "L")),
                               Int8(UInt8(ascii: transpose == .none ? "N" : "T")), Int8(UInt8(ascii: "N")),
                               Int32(t.rows), Int32(b.columns), pt.baseAddress, Int32(t.rows),
                               px.baseAddress, Int32(t.rows))
            }
        }
        try checkLAPACK("dtrtrs", info) { .singular(routine: "dtrtrs", index: $0) }
        return x
    }
}
