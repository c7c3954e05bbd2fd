// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// What one pass over the rows must accumulate.
struct ResidualPassRequest {
    var leverageAdjustments: [LeverageAdjustment]
    /// Heteroskedasticity-robust meats as full `k × k` matrices per outcome (else variances only).
    var fullMeats: Bool
    var clusterScores: Bool
    var bellMcCaffrey: BellMcCaffrey?
    /// Weighted means of the outcomes for the centred total sum of squares (`nil`: uncentred).
    var means: [Double]?
    /// Whether rows must be grouped by cluster within blocks (for cluster scores or CR2).
    var sortByCluster: Bool
}

/// Sums gathered in one pass over the rows.
struct ResidualPassSums {
    var residualSumOfSquares: [Double]
    var totalSumOfSquares: [Double]
    /// Per adjustment: `k × T` variances `Σᵢ ωᵢₜ zᵢₖ²` (`Z = XM`), or `T` meats `k × k` (upper triangle).
    var heteroskedastic: [LeverageAdjustment: [Double]]
    /// `G × (k × T)`: `Σ_{i∈g} wᵢ xᵢ eᵢₜ`.
    var clusterScores: [Double]
    /// `G × (k × T)`: `Σ_{i∈g} x̃ᵢ eᵢₜ` (Bell–McCaffrey adjusted).
    var adjustedClusterScores: [Double]
}

extension MultipleOutcomes {
    /// Rows per block of the residual pass.
    static let blockRows = 8192

    /// One row-blocked pass: residuals `E = Y − XB` block by block (never all at once), their sums
    /// of squares, and the meats of every requested estimator for all outcomes, with BLAS-3 kernels:
    /// `(Z∘Z)ᵀΩ` or `(X∘√ω)ᵀ(X∘√ω)` for HC, `(WgXg)ᵀEg` per cluster run for CR0/CR1 (QR path),
    /// `X̃gᵀEg` with `X̃g = WgXg + LgΓg` (`BellMcCaffrey`) for CR2.
    ///
    /// Complexity: `2·N·k·T` (residuals) + per HC adjustment `2·N·k·T` (variances) or `T·N·k²`
    /// (meats) + `2·N·k²` (Z, once) + `2·N·k·T` for CR scores. Memory: O(block × (k + T)).
    static func residualPass(_ design: Design, kept: [Int], coefficients: Matrix, inverseGram: Matrix,
                             request: ResidualPassRequest) -> ResidualPassSums {
        let n = design.observationCount, k = kept.count, outcomes = design.y.columns
        let g = design.clusters?.count ?? 0
        let weighted = design.weights != nil
        let needsZ = !request.leverageAdjustments.isEmpty
        let capacity = MultipleOutcomes.blockRows
        let width = weighted ? 2 * k : k
        let adjustments = request.leverageAdjustments
        let hcSize = request.fullMeats ? outcomes * k * k : k * outcomes
        let scoreSize = g * k * outcomes
        let bellMcCaffrey = request.bellMcCaffrey
        // Per chunk: [RSS (T) | TSS (T) | HC sums per adjustment | cluster scores | adjusted scores].
        let hcOffset = 2 * outcomes
        let scoresOffset = hcOffset + adjustments.count * hcSize
        let adjustedOffset = scoresOffset + (request.clusterScores ? scoreSize : 0)
        let stride = adjustedOffset + (bellMcCaffrey != nil ? scoreSize : 0)
        let rowsPerChunk = RowChunks.rowsPerChunk(rows: n, accumulators: stride)
        let chunks = RowChunks.count(rows: n, rowsPerChunk: rowsPerChunk)
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks * stride)
        partials.initialize(repeating: 0, count: chunks * stride)
        defer { partials.deallocate() }
        let gammas = bellMcCaffrey?.gamma.map(\.elements) ?? []
        let blockClusters = request.sortByCluster ? design.clusters : nil
        let weights = design.weights, means = request.means, fullMeats = request.fullMeats
        let wantsScores = request.clusterScores
        design.x.elements.withUnsafeBufferPointer { xBuffer in
        design.y.elements.withUnsafeBufferPointer { yBuffer in
        coefficients.elements.withUnsafeBufferPointer { betaBuffer in
        inverseGram.elements.withUnsafeBufferPointer { mBuffer in
            let shared = (x: SharedPointer(xBuffer.baseAddress!), y: SharedPointer(yBuffer.baseAddress!),
                          beta: SharedPointer(betaBuffer.baseAddress!), m: SharedPointer(mBuffer.baseAddress!),
                          out: SharedPointer(partials))
            RowChunks.forEach(rows: n, rowsPerChunk: rowsPerChunk) { chunk, chunkRows in
                let x = UnsafeBufferPointer(start: UnsafePointer(shared.x.base), count: n * design.x.columns)
                let y = UnsafeBufferPointer(start: UnsafePointer(shared.y.base), count: n * outcomes)
                let beta = UnsafeBufferPointer(start: UnsafePointer(shared.beta.base), count: k * outcomes)
                let m = UnsafeBufferPointer(start: UnsafePointer(shared.m.base), count: k * k)
                let out = shared.out.base + chunk * stride
                let rss = out, tss = out + outcomes
                let scores = out + scoresOffset, adjusted = out + adjustedOffset
                // Buffers: [X | WX] rows, E, Z, Z², Ω or scaled X, adjusted X̃.
                let lx = UnsafeMutablePointer<Double>.allocate(capacity: capacity * width)
                let e = UnsafeMutablePointer<Double>.allocate(capacity: capacity * outcomes)
                let z = UnsafeMutablePointer<Double>.allocate(capacity: needsZ ? capacity * k : 1)
                let z2 = UnsafeMutablePointer<Double>.allocate(capacity: needsZ ? capacity * k : 1)
                let omega = UnsafeMutablePointer<Double>.allocate(capacity: needsZ ? capacity * max(outcomes, k) : 1)
                let xt = UnsafeMutablePointer<Double>.allocate(capacity: bellMcCaffrey != nil ? capacity * k : 1)
                let w = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
                w.initialize(repeating: 1, count: capacity)
                let leverage = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
                let scale = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
                defer { [lx, e, z, z2, omega, xt, w, leverage, scale].forEach { $0.deallocate() } }
            forEachRowBlock(rows: chunkRows, clusters: blockClusters, size: capacity) { block in
                let nb = block.rows.count
                let wx = weighted ? lx + k * nb : lx
                block.rows.withUnsafeBufferPointer { rows in
                if let weights { for j in 0..<nb { w[j] = weights[rows[j]] } }
                for (c, column) in kept.enumerated() {
                    let base = column * n, out = lx + c * nb
                    if let first = block.contiguousFirst {
                        out.update(from: x.baseAddress! + base + first, count: nb)
                    } else {
                        for j in 0..<nb { out[j] = x[base + rows[j]] }
                    }
                    if weighted {
                        let wout = lx + (c + k) * nb
                        for j in 0..<nb { wout[j] = w[j] * out[j] }
                    }
                }
                for t in 0..<outcomes {
                    let base = t * n, out = e + t * nb
                    if let first = block.contiguousFirst {
                        out.update(from: y.baseAddress! + base + first, count: nb)
                    } else {
                        for j in 0..<nb { out[j] = y[base + rows[j]] }
                    }
                    if let means {
                        var s = 0.0
                        let mean = means[t]
                        for j in 0..<nb { let d = out[j] - mean; s += w[j] * d * d }
                        tss[t] += s
                    } else {
                        var s = 0.0
                        for j in 0..<nb { s += w[j] * out[j] * out[j] }
                        tss[t] += s
                    }
                }
                }
                BLAS.gemm(.none, .none, m: nb, n: outcomes, k: k, alpha: -1, a: lx, lda: nb,
                          b: beta.baseAddress!, ldb: k, beta: 1, c: e, ldc: nb)
                for t in 0..<outcomes {
                    var s = 0.0
                    let col = e + t * nb
                    for j in 0..<nb { s += w[j] * col[j] * col[j] }
                    rss[t] += s
                }
                if needsZ {
                    BLAS.gemm(.none, .none, m: nb, n: k, k: k, a: lx, lda: nb, b: m.baseAddress!, ldb: k,
                              beta: 0, c: z, ldc: nb)
                    for j in 0..<nb { leverage[j] = 0 }
                    for c in 0..<k {
                        let zc = z + c * nb, xc = lx + c * nb, z2c = z2 + c * nb
                        for j in 0..<nb { leverage[j] += zc[j] * xc[j]; z2c[j] = zc[j] * zc[j] }
                    }
                    for j in 0..<nb { leverage[j] *= w[j] }
                }
                for (index, a) in adjustments.enumerated() {
                    let target = out + hcOffset + index * hcSize
                    // scale[j] = wⱼ² · adjustment(hⱼ), hoisted out of the per-outcome loops.
                    for j in 0..<nb { scale[j] = w[j] * w[j] * a.factor(leverage[j]) }
                    if fullMeats {
                        for j in 0..<nb { scale[j] = scale[j].squareRoot() }
                        for t in 0..<outcomes {
                            let col = e + t * nb
                            for c in 0..<k {
                                let xc = lx + c * nb, out = omega + c * nb
                                for j in 0..<nb { out[j] = xc[j] * scale[j] * abs(col[j]) }
                            }
                            BLAS.syrkTransposed(n: k, k: nb, a: omega, lda: nb, beta: 1, c: target + t * k * k, ldc: k)
                        }
                    } else {
                        for t in 0..<outcomes {
                            let col = e + t * nb, out = omega + t * nb
                            for j in 0..<nb { out[j] = scale[j] * col[j] * col[j] }
                        }
                        BLAS.gemm(.transposed, .none, m: k, n: outcomes, k: nb, a: z2, lda: nb, b: omega, ldb: nb,
                                  beta: 1, c: target, ldc: k)
                    }
                }
                if wantsScores {
                    for run in block.runs {
                        BLAS.gemm(.transposed, .none, m: k, n: outcomes, k: run.length, a: wx + run.start, lda: nb,
                                  b: e + run.start, ldb: nb, beta: 1, c: scores + run.cluster * k * outcomes, ldc: k)
                    }
                }
                if let bm = bellMcCaffrey {
                    for c in 0..<k { (xt + c * nb).update(from: wx + c * nb, count: nb) }
                    for run in block.runs {
                        gammas[run.cluster].withUnsafeBufferPointer { gamma in
                            BLAS.gemm(.none, .none, m: run.length, n: k, k: bm.width, a: lx + run.start, lda: nb,
                                      b: gamma.baseAddress!, ldb: bm.width, beta: 1, c: xt + run.start, ldc: nb)
                        }
                        BLAS.gemm(.transposed, .none, m: k, n: outcomes, k: run.length, a: xt + run.start, lda: nb,
                                  b: e + run.start, ldb: nb, beta: 1, c: adjusted + run.cluster * k * outcomes, ldc: k)
                    }
                }
            }
            }
        }
        }
        }
        }
        // Add the chunks in order (deterministic).
        var residualSumOfSquares = [Double](repeating: 0, count: outcomes)
        var totalSumOfSquares = [Double](repeating: 0, count: outcomes)
        var hcSums = [[Double]](repeating: [Double](repeating: 0, count: hcSize), count: adjustments.count)
        var scoreSums = [Double](repeating: 0, count: request.clusterScores ? scoreSize : 0)
        var adjustedSums = [Double](repeating: 0, count: bellMcCaffrey != nil ? scoreSize : 0)
        for chunk in 0..<chunks {
            let base = partials + chunk * stride
            for t in 0..<outcomes { residualSumOfSquares[t] += base[t]; totalSumOfSquares[t] += base[outcomes + t] }
            for a in adjustments.indices { for i in 0..<hcSize { hcSums[a][i] += base[hcOffset + a * hcSize + i] } }
            for i in scoreSums.indices { scoreSums[i] += base[scoresOffset + i] }
            for i in adjustedSums.indices { adjustedSums[i] += base[adjustedOffset + i] }
        }
        var heteroskedastic = [LeverageAdjustment: [Double]]()
        for (a, adjustment) in adjustments.enumerated() { heteroskedastic[adjustment] = hcSums[a] }
        return ResidualPassSums(
            residualSumOfSquares: residualSumOfSquares, totalSumOfSquares: totalSumOfSquares,
            heteroskedastic: heteroskedastic, clusterScores: scoreSums, adjustedClusterScores: adjustedSums)
    }
}
