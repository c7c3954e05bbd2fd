// SPDX-License-Identifier: GPL-3.0-or-later
import COpenBLAS

/// Thin wrappers of the BLAS level-3 kernels on raw column-major storage with explicit leading
/// dimensions, for code that works on row blocks or sub-matrices without copying them into a
/// `Matrix` (e.g. the row-blocked residual pass of the regression layer).
///
/// Callers own the memory and guarantee the shapes; the wrappers only translate arguments.
/// Complexity: as the underlying kernels (gemm: 2mnk flops; syrk: n²k flops), multithreaded by
/// OpenBLAS.
public enum BLAS {
    /// `C ← alpha · op(A) · op(B) + beta · C` (`cblas_dgemm`). `op(A)` is `m × k`, `op(B)` is `k × n`.
    public static func gemm(_ ta: Transposition, _ tb: Transposition, m: Int, n: Int, k: Int,
                            alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        if m == 0 || n == 0 { return }
        cblas_dgemm(CblasColMajor, ta.cblas, tb.cblas, Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(max(1, lda)), b, Int32(max(1, ldb)), beta, c, Int32(max(1, ldc)))
    }

    /// `C ← alpha · AᵀA + beta · C` for an `k × n` block `A`, updating the upper triangle of the
    /// `n × n` matrix `C` only (`cblas_dsyrk`, upper, transposed).
    public static func syrkTransposed(n: Int, k: Int, alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
                                      beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        if n == 0 { return }
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(n), Int32(k), alpha, a, Int32(max(1, lda)),
                    beta, c, Int32(max(1, ldc)))
    }
}
