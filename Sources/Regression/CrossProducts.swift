// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// The cross products of a design with itself and with the outcomes — `XᵀWX` and `XᵀWY` — in
/// one pass, optionally split by cluster (`Xgᵀ Wg Xg`, `Xgᵀ Wg Yg`).
///
/// The per-cluster split is what makes CR0/CR1 cheap for many outcomes: the cluster scores are
/// `Xgᵀ Wg (Yg − Xg B) = Xgᵀ Wg Yg − (Xgᵀ Wg Xg) B`, so they come from the same product that the
/// coefficients need, with no residual pass. The pass also gathers shifted sums of the outcomes,
/// `Σ w (y − c)` and `Σ w (y − c)²` with `c` the first row's value, from which the total and
/// residual sums of squares follow without a second pass (see `MultipleOutcomes`).
///
/// Complexity: `2·N·p·T` (XᵀWY) + `N·p²` or `2·N·p²` (Gram) flops; split by cluster the same
/// flops in row blocks of 8192 gathered rows. Memory: `G·p·(p + T)` doubles when split.
struct CrossProducts {
    /// `XᵀWX`, `p × p`, all columns.
    var gram: Matrix
    /// `XᵀWY`, `p × T`.
    var crossY: Matrix
    /// Per cluster `Xgᵀ Wg Xg` (`p × p`, column-major, consecutive), when split.
    var clusterGrams: [Double]
    /// Per cluster `Xgᵀ Wg Yg` (`p × T`), when split.
    var clusterCrossY: [Double]
    /// `c_t`, the shift, and `Σ w (y − c)`, `Σ w (y − c)²` per outcome, when split.
    var shift: [Double]
    var shiftedSum: [Double]
    var shiftedSquares: [Double]
    var split: Bool { !clusterGrams.isEmpty }

    /// Whole-matrix products (no split).
    init(_ design: Design) throws(LinearAlgebraError) {
        let x = design.x
        if let w = design.weights {
            var wx = x
            wx.elements.withUnsafeMutableBufferPointer { p in
                for j in 0..<x.columns { for i in 0..<x.rows { p[i + j * x.rows] *= w[i] } }
            }
            gram = try Matrix.product(x, .transposed, wx, .none)
            crossY = try Matrix.product(wx, .transposed, design.y, .none)
        } else {
            gram = x.gram
            crossY = try Matrix.product(x, .transposed, design.y, .none)
        }
        clusterGrams = []
        clusterCrossY = []
        shift = []
        shiftedSum = []
        shiftedSquares = []
    }

    /// Products split by the design's clusters, accumulated over cluster-sorted row blocks.
    init(splittingByCluster design: Design) {
        guard let clusters = design.clusters else { preconditionFailure("splitting needs clusters") }
        let n = design.observationCount, p = design.x.columns, outcomes = design.y.columns, g = clusters.count
        let capacity = MultipleOutcomes.blockRows
        let weighted = design.weights != nil
        let lx = UnsafeMutablePointer<Double>.allocate(capacity: capacity * p * (weighted ? 2 : 1))
        let yb = UnsafeMutablePointer<Double>.allocate(capacity: capacity * outcomes)
        let grams = UnsafeMutablePointer<Double>.allocate(capacity: g * p * p)
        let crosses = UnsafeMutablePointer<Double>.allocate(capacity: g * p * outcomes)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: 2 * outcomes)
        grams.initialize(repeating: 0, count: g * p * p)
        crosses.initialize(repeating: 0, count: g * p * outcomes)
        sums.initialize(repeating: 0, count: 2 * outcomes)
        defer { [lx, yb, grams, crosses, sums].forEach { $0.deallocate() } }
        let shift = (0..<outcomes).map { design.y[0, $0] }
        design.x.elements.withUnsafeBufferPointer { x in
        design.y.elements.withUnsafeBufferPointer { y in
            forEachRowBlock(count: n, clusters: clusters, size: capacity) { block in
                let nb = block.rows.count
                let wx = weighted ? lx + p * nb : lx
                block.rows.withUnsafeBufferPointer { rows in
                    for c in 0..<p {
                        let base = c * n, out = lx + c * nb
                        for j in 0..<nb { out[j] = x[base + rows[j]] }
                        if let w = design.weights {
                            let wout = wx + c * nb
                            for j in 0..<nb { wout[j] = w[rows[j]] * out[j] }
                        }
                    }
                    for t in 0..<outcomes {
                        let base = t * n, out = yb + t * nb, c = shift[t]
                        var s = 0.0, s2 = 0.0
                        if let w = design.weights {
                            for j in 0..<nb { let v = y[base + rows[j]]; out[j] = v; let d = v - c; s += w[rows[j]] * d; s2 += w[rows[j]] * d * d }
                        } else {
                            for j in 0..<nb { let v = y[base + rows[j]]; out[j] = v; let d = v - c; s += d; s2 += d * d }
                        }
                        sums[t] += s
                        sums[outcomes + t] += s2
                    }
                }
                for run in block.runs {
                    if weighted {
                        BLAS.gemm(.transposed, .none, m: p, n: p, k: run.length, a: lx + run.start, lda: nb,
                                  b: wx + run.start, ldb: nb, beta: 1, c: grams + run.cluster * p * p, ldc: p)
                    } else {
                        BLAS.syrkTransposed(n: p, k: run.length, a: lx + run.start, lda: nb, beta: 1,
                                            c: grams + run.cluster * p * p, ldc: p)
                    }
                    BLAS.gemm(.transposed, .none, m: p, n: outcomes, k: run.length, a: wx + run.start, lda: nb,
                              b: yb + run.start, ldb: nb, beta: 1, c: crosses + run.cluster * p * outcomes, ldc: p)
                }
            }
        }
        }
        var clusterGrams = Array(UnsafeBufferPointer(start: grams, count: g * p * p))
        var gram = Matrix(rows: p, columns: p)
        for cluster in 0..<g {
            for j in 0..<p {
                for i in 0..<p {
                    let base = cluster * p * p
                    // syrk filled the upper triangle only; mirror it.
                    if !weighted && i > j { clusterGrams[base + i + j * p] = clusterGrams[base + j + i * p] }
                    gram[i, j] += clusterGrams[base + i + j * p]
                }
            }
        }
        let clusterCrossY = Array(UnsafeBufferPointer(start: crosses, count: g * p * outcomes))
        var crossY = Matrix(rows: p, columns: outcomes)
        for cluster in 0..<g {
            for k in 0..<(p * outcomes) { crossY.elements[k] += clusterCrossY[cluster * p * outcomes + k] }
        }
        self.gram = gram
        self.crossY = crossY
        self.clusterGrams = clusterGrams
        self.clusterCrossY = clusterCrossY
        self.shift = shift
        self.shiftedSum = Array(UnsafeBufferPointer(start: sums, count: outcomes))
        self.shiftedSquares = Array(UnsafeBufferPointer(start: sums + outcomes, count: outcomes))
    }
}
