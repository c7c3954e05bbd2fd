// SPDX-License-Identifier: GPL-3.0-or-later
import COpenBLAS

/// Whether an operand enters a product as itself or transposed.
public enum Transposition: Sendable {
    case none, transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Matrix {
    /// `alpha · op(A) · op(B)` through `cblas_dgemm`.
    ///
    /// Complexity: O(m · n · k) flops, multithreaded by OpenBLAS.
    public static func product(_ a: Matrix, _ ta: Transposition,
                               _ b: Matrix, _ tb: Transposition,
                               alpha: Double = 1) throws(LinearAlgebraError) -> Matrix {
        let (m, ka) = ta == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = tb == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        guard ka == kb else {
            throw .dimensionMismatch(operation: "multiply", left: "\(m)×\(ka)", right: "\(kb)×\(n)")
        }
        var c = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 || ka == 0 { return c }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasColMajor, ta.cblas, tb.cblas, Int32(m), Int32(n), Int32(ka), alpha,
                                pa.baseAddress, Int32(max(1, a.rows)), pb.baseAddress, Int32(max(1, b.rows)),
                                0, pc.baseAddress, Int32(max(1, m)))
                }
            }
        }
        return c
    }

    /// `A · B`.
    public static func * (a: Matrix, b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try product(a, .none, b, .none)
    }

    /// The cross-product `AᵀA` (symmetric, both triangles filled) through `cblas_dsyrk`.
    ///
    /// Complexity: O(rows · columns²) / 2 flops.
    public var gram: Matrix {
        var c = Matrix(rows: columns, columns: columns)
        if rows == 0 || columns == 0 { return c }
        elements.withUnsafeBufferPointer { pa in
            c.elements.withUnsafeMutableBufferPointer { pc in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), 1,
                            pa.baseAddress, Int32(rows), 0, pc.baseAddress, Int32(columns))
            }
        }
        c.symmetrizeFromUpper()
        return c
    }

    /// `op(A) · x` through `cblas_dgemv`.
    public func times(_ x: [Double], _ t: Transposition = .none) throws(LinearAlgebraError) -> [Double] {
        let (m, n) = t == .none ? (rows, columns) : (columns, rows)
        guard x.count == n else {
            throw .dimensionMismatch(operation: "multiply by a vector", left: "\(m)×\(n)", right: "\(x.count)")
        }
        var y = [Double](repeating: 0, count: m)
        if m == 0 || n == 0 { return y }
        elements.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(CblasColMajor, t.cblas, Int32(rows), Int32(columns), 1, pa.baseAddress,
                                Int32(max(1, rows)), px.baseAddress, 1, 0, py.baseAddress, 1)
                }
            }
        }
        return y
    }

    /// Element-wise sum.
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix sum needs equal shapes")
        var c = a
        for k in c.elements.indices { c.elements[k] += b.elements[k] }
        return c
    }

    /// Element-wise difference.
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix difference needs equal shapes")
        var c = a
        for k in c.elements.indices { c.elements[k] -= b.elements[k] }
        return c
    }

    /// Scalar multiple.
    public static func * (s: Double, a: Matrix) -> Matrix {
        var c = a
        for k in c.elements.indices { c.elements[k] *= s }
        return c
    }

    /// The sandwich `Aᵀ · M · A` for a symmetric `M` (as a symmetric result).
    public func sandwich(_ meat: Matrix) throws(LinearAlgebraError) -> Matrix {
        let ma = try Matrix.product(meat, .none, self, .none)
        return try Matrix.product(self, .transposed, ma, .none)
    }
}

/// Dot product through `cblas_ddot`.
public func dot(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "dot needs vectors of equal length")
    if x.isEmpty { return 0 }
    return x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in cblas_ddot(Int32(x.count), px.baseAddress, 1, py.baseAddress, 1) }
    }
}

/// The number of threads OpenBLAS uses (reported by benchmarks).
public var blasThreadCount: Int { Int(openblas_get_num_threads()) }

/// Runs `body` with OpenBLAS limited to `count` threads, then restores the previous count.
///
/// For callers that parallelise over many small problems themselves (e.g. randomization
/// inference): nested BLAS threads would oversubscribe the cores.
public func withBLASThreadCount<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
    let previous = openblas_get_num_threads()
    openblas_set_num_threads(Int32(count))
    defer { openblas_set_num_threads(previous) }
    return try body()
}
