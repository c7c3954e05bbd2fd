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

    /// Whole-matrix products (no split), accumulated over row chunks in parallel (`RowChunks`):
    /// per block of rows read in place, `XbᵀWbXb` (`dsyrk`, or `dgemm` with weights) and `YbᵀWbXb`.
    /// Reading `X` once for both products and running one single-threaded kernel per core is
    /// faster than two multithreaded whole-matrix calls, and the sums are added in a fixed order.
    init(_ design: Design) {
        let n = design.observationCount, p = design.x.columns, outcomes = design.y.columns
        let stride = p * (p + outcomes)
        let rowsPerChunk = RowChunks.rowsPerChunk(rows: n, accumulators: stride)
        let chunks = RowChunks.count(rows: n, rowsPerChunk: rowsPerChunk)
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks * stride)
        partials.initialize(repeating: 0, count: chunks * stride)
        defer { partials.deallocate() }
        let blockRows = RowChunks.blockRows(width: p + outcomes)
        let weights = design.weights
        design.x.elements.withUnsafeBufferPointer { xb in
        design.y.elements.withUnsafeBufferPointer { yb in
            let x = SharedPointer(xb.baseAddress!), y = SharedPointer(yb.baseAddress!), out = SharedPointer(partials)
            RowChunks.forEach(rows: n, rowsPerChunk: rowsPerChunk) { chunk, rows in
                let gram = out.base + chunk * stride, cross = gram + p * p
                let wx = UnsafeMutablePointer<Double>.allocate(capacity: weights == nil ? 1 : blockRows * p)
                defer { wx.deallocate() }
                var start = rows.lowerBound
                while start < rows.upperBound {
                    let nb = min(blockRows, rows.upperBound - start)
                    let xs = UnsafePointer(x.base + start), ys = UnsafePointer(y.base + start)
                    if let weights {
                        for c in 0..<p {
                            let column = wx + c * nb, source = xs + c * n
                            for i in 0..<nb { column[i] = weights[start + i] * source[i] }
                        }
                        BLAS.gemm(.transposed, .none, m: p, n: p, k: nb, a: wx, lda: nb, b: xs, ldb: n,
                                  beta: 1, c: gram, ldc: p)
                        BLAS.gemm(.transposed, .none, m: outcomes, n: p, k: nb, a: ys, lda: n, b: wx, ldb: nb,
                                  beta: 1, c: cross, ldc: outcomes)
                    } else {
                        BLAS.syrkTransposed(n: p, k: nb, a: xs, lda: n, beta: 1, c: gram, ldc: p)
                        BLAS.gemm(.transposed, .none, m: outcomes, n: p, k: nb, a: ys, lda: n, b: xs, ldb: n,
                                  beta: 1, c: cross, ldc: outcomes)
                    }
                    start += nb
                }
            }
        }
        }
        var gram = Matrix(rows: p, columns: p), crossY = Matrix(rows: p, columns: outcomes)
        for chunk in 0..<chunks {
            let base = partials + chunk * stride
            for k in 0..<(p * p) { gram.elements[k] += base[k] }
            // The chunk holds (XᵀWY)ᵀ = YᵀWX (`T × p`): that orientation runs faster in OpenBLAS.
            for i in 0..<p { for t in 0..<outcomes { crossY[i, t] += base[p * p + t + i * outcomes] } }
        }
        // The upper triangle is the one computed (by dsyrk; by dgemm both are, up to rounding).
        gram.symmetrizeFromUpper()
        self.gram = gram
        self.crossY = crossY
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
        let weighted = design.weights != nil, weights = design.weights
        // Per chunk: [grams (G·p·p) | crosses (G·p·T) | Σ(y − c), Σ(y − c)² (2T)].
        let crossOffset = g * p * p, sumsOffset = crossOffset + g * p * outcomes
        let stride = sumsOffset + 2 * outcomes
        let rowsPerChunk = RowChunks.rowsPerChunk(rows: n, accumulators: stride)
        let chunks = RowChunks.count(rows: n, rowsPerChunk: rowsPerChunk)
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks * stride)
        partials.initialize(repeating: 0, count: chunks * stride)
        defer { partials.deallocate() }
        let shift = (0..<outcomes).map { design.y[0, $0] }
        design.x.elements.withUnsafeBufferPointer { xBuffer in
        design.y.elements.withUnsafeBufferPointer { yBuffer in
            let shared = (x: SharedPointer(xBuffer.baseAddress!), y: SharedPointer(yBuffer.baseAddress!),
                          out: SharedPointer(partials))
            RowChunks.forEach(rows: n, rowsPerChunk: rowsPerChunk) { chunk, chunkRows in
                let x = UnsafePointer(shared.x.base), y = UnsafePointer(shared.y.base)
                let grams = shared.out.base + chunk * stride, crosses = grams + crossOffset, sums = grams + sumsOffset
                let lx = UnsafeMutablePointer<Double>.allocate(capacity: capacity * p * (weighted ? 2 : 1))
                let yb = UnsafeMutablePointer<Double>.allocate(capacity: capacity * outcomes)
                defer { lx.deallocate(); yb.deallocate() }
            forEachRowBlock(rows: chunkRows, clusters: clusters, size: capacity) { block in
                let nb = block.rows.count
                let wx = weighted ? lx + p * nb : lx
                block.rows.withUnsafeBufferPointer { rows in
                    for c in 0..<p {
                        let base = c * n, out = lx + c * nb
                        for j in 0..<nb { out[j] = x[base + rows[j]] }
                        if let w = weights {
                            let wout = wx + c * nb
                            for j in 0..<nb { wout[j] = w[rows[j]] * out[j] }
                        }
                    }
                    for t in 0..<outcomes {
                        let base = t * n, out = yb + t * nb, c = shift[t]
                        var s = 0.0, s2 = 0.0
                        if let w = weights {
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
        }
        // Add the chunks in order (deterministic).
        let grams = UnsafeMutablePointer<Double>.allocate(capacity: stride)
        grams.initialize(repeating: 0, count: stride)
        defer { grams.deallocate() }
        for chunk in 0..<chunks { for i in 0..<stride { grams[i] += partials[chunk * stride + i] } }
        let crosses = grams + crossOffset, sums = grams + sumsOffset
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
