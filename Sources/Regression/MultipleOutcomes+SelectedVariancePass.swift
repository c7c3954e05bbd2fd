// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// What the selected-variances pass accumulates for a set `S` of coefficients (`s = |S|`).
struct SelectedVarianceSums {
    var residualSumOfSquares: [Double]
    var totalSumOfSquares: [Double]
    /// Per adjustment: `s × T` (column-major) variances before the HC scale, `Σᵢ ωᵢ zᵢⱼ² eᵢₜ²`.
    var heteroskedastic: [LeverageAdjustment: [Double]]
    /// `Σ_g (Σ_{i∈g} wᵢ zᵢⱼ eᵢₜ)²`, `s × T`, when cluster scores were requested.
    var clusterSquares: [Double]
}

extension MultipleOutcomes {
    /// One parallel pass over contiguous row blocks for the variances of a few coefficients only —
    /// the weekly effect curve, which needs the treatment's standard error and nothing else.
    ///
    /// With `M = (XᵀWX)⁻¹`, `zⱼ = X mⱼ` (`mⱼ` the column of `M` of coefficient `j`) and residuals
    /// `E = Y − XB`, the diagonal entries of the sandwich estimators are
    /// `Var_HC(β̂ⱼₜ) = Σᵢ wᵢ² a(hᵢ) zᵢⱼ² eᵢₜ²` (`a` the leverage adjustment of HC0–HC3, `hᵢ = wᵢ xᵢᵀMxᵢ`)
    /// and `Var_CR(β̂ⱼₜ) = Σ_g (Σ_{i∈g} wᵢ zᵢⱼ eᵢₜ)²` (before the small-sample factors) — so a few
    /// columns `zⱼ` replace the `N × K` matrix `Z = XM` and the `K`-row products over all outcomes,
    /// and the rows need not be grouped by cluster.
    ///
    /// Per block of rows (read in place from `X` and `Y`, never gathered), one `dgemm` gives
    /// `[XB | zⱼ]` (or `[XB | Z]` when HC2/HC3 need the leverages). Then:
    /// - one term and at most one HC type (the curve): one sweep per outcome over `Y` and `XB`
    ///   (`residualSums`) for the total, residual and HC sums; cluster scores are summed over the
    ///   block's rows in cluster order (`sortByCluster`, `addClusterSums`);
    /// - otherwise `E = Y − XB` is stored, `dgemm` `[w | wᵢ²a(hᵢ)zᵢⱼ²]ᵀ(E∘E)` gives the residual sum
    ///   of squares and every HC variance, and cluster scores come from a `dgemm` `DᵀE` (`D` holds
    ///   `wᵢzᵢⱼ` in the column of row `i`'s cluster) for more than four terms and `G·s ≤ 256`, else
    ///   from a scatter loop.
    ///
    /// Determinism: rows are cut into chunks of a fixed size (independent of the number of cores);
    /// each chunk's sums are accumulated in its own storage and added in chunk order, so the result
    /// is the same on every run and with any number of workers. Chunks run concurrently with
    /// OpenBLAS limited to one thread.
    ///
    /// Preconditions: `coefficients` (`p × T`) and `inverseGram` (`p × p`) are in the design's
    /// column coordinates with zero rows (and columns) for aliased columns; `selected` are design
    /// column indices of kept columns.
    /// Complexity: `2·N·p·T` (residuals) + `2·N·(1 + A·s)·T` (sums of squares, `A` HC adjustments)
    /// + `N·s·T` (cluster scores; `2·N·G·s·T` by the one-hot product) + `2·N·p·s` (`zⱼ`) or `2·N·p²`
    /// when HC2/HC3 need the leverages.
    /// Memory: per worker `O(rows per block × (p + T))`, about 1 MiB per outcome block.
    static func selectedVariancePass(_ design: Design, coefficients: Matrix, inverseGram: Matrix, selected: [Int],
                                     leverageAdjustments: [LeverageAdjustment], clusterScores: Bool,
                                     means: [Double]?) -> SelectedVarianceSums {
        let n = design.observationCount, p = design.x.columns, outcomes = design.y.columns, s = selected.count
        let g = clusterScores ? design.clusters!.count : 0
        let adjustments = leverageAdjustments
        let needsLeverage = adjustments.contains { $0 != .none }
        let sumRows = 1 + adjustments.count * s              // [w | c_{a,j}] columns
        // Cluster scores by a one-hot product for several coefficients and few clusters, else by scatter.
        let oneHot = clusterScores && s > 4 && g * s <= 256
        let blockRows = RowChunks.blockRows(width: outcomes + (needsLeverage ? p : s))
        // [B | M] (leverages needed) or [B | M restricted to the selected columns]: one product with
        // the block of X gives the fitted values and Z (or the columns zⱼ) together.
        let zColumns = needsLeverage ? p : s
        var extended = coefficients.elements + [Double](repeating: 0, count: p * zColumns)
        for j in 0..<zColumns {
            let column = needsLeverage ? j : selected[j]
            for r in 0..<p { extended[r + (outcomes + j) * p] = inverseGram[r, column] }
        }
        let scoreSize = g * s * outcomes
        // Per chunk: [Σw(y−ȳ)² (T) | sums (sumRows × T) | cluster scores (G·s × T)].
        let chunkStride = outcomes + sumRows * outcomes + scoreSize
        let rowsPerChunk = RowChunks.rowsPerChunk(rows: n, accumulators: chunkStride)
        let chunks = RowChunks.count(rows: n, rowsPerChunk: rowsPerChunk)
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks * chunkStride)
        partials.initialize(repeating: 0, count: chunks * chunkStride)
        defer { partials.deallocate() }
        let weights = design.weights, clusterIndex = design.clusters?.index ?? []
        design.x.elements.withUnsafeBufferPointer { xBuffer in
        design.y.elements.withUnsafeBufferPointer { yBuffer in
        extended.withUnsafeBufferPointer { bBuffer in
            let shared = (x: SharedPointer(xBuffer.baseAddress!), y: SharedPointer(yBuffer.baseAddress!),
                          beta: SharedPointer(bBuffer.baseAddress!), out: SharedPointer(partials))
            RowChunks.forEach(rows: n, rowsPerChunk: rowsPerChunk) { chunk, rows in
                let x = UnsafePointer(shared.x.base), y = UnsafePointer(shared.y.base)
                let beta = UnsafePointer(shared.beta.base)
                let out = shared.out.base + chunk * chunkStride
                let tss = out, sums = out + outcomes, scores = out + outcomes + sumRows * outcomes
                let e = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * (outcomes + zColumns))
                let c = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * sumRows)
                let d = UnsafeMutablePointer<Double>.allocate(capacity: oneHot ? blockRows * g * s : blockRows)
                let w = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
                let leverage = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
                let order = UnsafeMutablePointer<Int>.allocate(capacity: blockRows)
                let runEnds = UnsafeMutablePointer<Int>.allocate(capacity: max(g, 1))
                defer {
                    [e, c, d, w, leverage].forEach { $0.deallocate() }
                    order.deallocate()
                    runEnds.deallocate()
                }
                var start = rows.lowerBound
                while start < rows.upperBound {
                    let nb = min(blockRows, rows.upperBound - start)
                    if let weights { for i in 0..<nb { w[i] = weights[start + i] } } else { w.update(repeating: 1, count: nb) }
                    // [XB | Z] (or [XB | zⱼ]) in one product; the residuals Y − XB are formed below.
                    BLAS.gemm(.none, .none, m: nb, n: outcomes + zColumns, k: p, a: x + start, lda: n,
                              b: beta, ldb: p, beta: 0, c: e, ldc: nb)
                    // Z (or the columns zⱼ) follow the residuals; the leverages when an adjustment needs them.
                    let z = e + outcomes * nb
                    let zSelected: (Int) -> UnsafeMutablePointer<Double>
                    if needsLeverage {
                        for i in 0..<nb { leverage[i] = 0 }
                        for col in 0..<p {
                            let zc = z + col * nb, xc = x + col * n + start
                            for i in 0..<nb { leverage[i] += zc[i] * xc[i] }
                        }
                        for i in 0..<nb { leverage[i] *= w[i] }
                        zSelected = { z + selected[$0] * nb }
                    } else {
                        zSelected = { z + $0 * nb }
                    }
                    // [w | wᵢ² a(hᵢ) zᵢⱼ²]ᵀ (E∘E): residual sums of squares and HC variances.
                    c.update(from: w, count: nb)
                    for (a, adjustment) in adjustments.enumerated() {
                        for j in 0..<s {
                            let column = c + (1 + a * s + j) * nb, zj = zSelected(j)
                            if adjustment == .none {
                                for i in 0..<nb { column[i] = w[i] * w[i] * zj[i] * zj[i] }
                            } else {
                                for i in 0..<nb { column[i] = w[i] * w[i] * adjustment.factor(leverage[i]) * zj[i] * zj[i] }
                            }
                        }
                    }
                    if s == 1 && adjustments.count <= 1 {
                        // The curve's case: one sweep over Y and XB per outcome gives the sums of
                        // squares (and stores the residuals when cluster scores need them); the
                        // cluster scores then sum each cluster's rows, found once per block by a
                        // counting sort, so no two updates wait on one another.
                        let zj = zSelected(0)
                        if clusterScores {
                            sortByCluster(clusterIndex, start: start, count: nb, clusters: g, order: order, runEnds: runEnds)
                            for k in 0..<nb { d[k] = w[order[k]] * zj[order[k]] }   // in cluster order
                        }
                        for t in 0..<outcomes {
                            let column = residualSums(y + t * n + start, fitted: e + t * nb, count: nb, weights: w,
                                                      weighted: weights != nil, mean: means?[t] ?? 0,
                                                      hcFactors: adjustments.isEmpty ? nil : c + nb, storeResiduals: clusterScores)
                            tss[t] += column.total
                            sums[t * sumRows] += column.residual
                            if !adjustments.isEmpty { sums[1 + t * sumRows] += column.heteroskedastic }
                            if clusterScores {
                                addClusterSums(e + t * nb, order: order, factors: d, runEnds: runEnds, clusters: g, to: scores + t * g)
                            }
                        }
                        start += nb
                        continue
                    }
                    // E ← Y − XB, adding up the total sum of squares on the way.
                    for t in 0..<outcomes {
                        tss[t] += subtractFromOutcome(y + t * n + start, e + t * nb, w, count: nb,
                                                      mean: means?[t] ?? 0, weighted: weights != nil)
                    }
                    // Cluster scores Σ_{i∈g} wᵢ zᵢⱼ eᵢₜ.
                    if clusterScores {
                        if oneHot {
                            d.update(repeating: 0, count: nb * g * s)
                            for j in 0..<s {
                                let zj = zSelected(j)
                                for i in 0..<nb { d[i + (clusterIndex[start + i] * s + j) * nb] = w[i] * zj[i] }
                            }
                            BLAS.gemm(.transposed, .none, m: g * s, n: outcomes, k: nb, a: d, lda: nb, b: e, ldb: nb,
                                      beta: 1, c: scores, ldc: g * s)
                        } else {
                            // Scatter: a few coefficients, or too many clusters for a one-hot product.
                            let wz = d
                            clusterIndex.withUnsafeBufferPointer { index in
                                let rowCluster = index.baseAddress! + start
                                for j in 0..<s {
                                    let zj = zSelected(j)
                                    for i in 0..<nb { wz[i] = w[i] * zj[i] }
                                    for t in 0..<outcomes {
                                        let column = e + t * nb, target = scores + t * g * s + j
                                        for i in 0..<nb { target[rowCluster[i] * s] += wz[i] * column[i] }
                                    }
                                }
                            }
                        }
                    }
                    for k in 0..<(outcomes * nb) { e[k] *= e[k] }   // E ← E∘E (the scores above are done with E)
                    BLAS.gemm(.transposed, .none, m: sumRows, n: outcomes, k: nb, a: c, lda: nb, b: e, ldb: nb,
                              beta: 1, c: sums, ldc: sumRows)
                    start += nb
                }
            }
        }
        }
        }
        // Add the chunks in order (deterministic), then square the cluster scores.
        var rss = [Double](repeating: 0, count: outcomes), tss = [Double](repeating: 0, count: outcomes)
        var hc = [LeverageAdjustment: [Double]]()
        for a in adjustments { hc[a] = [Double](repeating: 0, count: s * outcomes) }
        var scores = [Double](repeating: 0, count: g * s * outcomes)
        for chunk in 0..<chunks {
            let base = partials + chunk * chunkStride, sums = base + outcomes, chunkScores = sums + sumRows * outcomes
            for t in 0..<outcomes {
                tss[t] += base[t]
                rss[t] += sums[t * sumRows]
                for (a, adjustment) in adjustments.enumerated() {
                    for j in 0..<s { hc[adjustment]![j + t * s] += sums[1 + a * s + j + t * sumRows] }
                }
            }
            for k in 0..<(g * s * outcomes) { scores[k] += chunkScores[k] }
        }
        var clusterSquares = [Double]()
        if clusterScores {
            clusterSquares = [Double](repeating: 0, count: s * outcomes)
            for t in 0..<outcomes {
                for j in 0..<s {
                    var acc = 0.0
                    for cluster in 0..<g { let u = scores[cluster * s + j + t * g * s]; acc += u * u }
                    clusterSquares[j + t * s] = acc
                }
            }
        }
        return SelectedVarianceSums(residualSumOfSquares: rss, totalSumOfSquares: tss, heteroskedastic: hc,
                                    clusterSquares: clusterSquares)
    }
}
