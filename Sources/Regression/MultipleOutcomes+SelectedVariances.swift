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
    /// Per block of rows (read in place from `X` and `Y`, never gathered): `E ← Y − XB` (one
    /// `dgemm`), `E∘E`, then one `dgemm` `[w | wᵢ²a(hᵢ)zᵢⱼ²]ᵀ(E∘E)` for the residual sum of squares
    /// and every HC variance, and one `dgemm` `Dᵀ E` with `D` holding `wᵢzᵢⱼ` in the column of row
    /// `i`'s cluster for the cluster scores (a scatter loop when `G·s` is large).
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
    /// + `2·N·G·s·T` (cluster scores) + `2·N·p·s` (`zⱼ`) or `2·N·p²` when HC2/HC3 need the leverages.
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
        let chunks = RowChunks.count(rows: n)
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
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks * chunkStride)
        partials.initialize(repeating: 0, count: chunks * chunkStride)
        defer { partials.deallocate() }
        let weights = design.weights, clusterIndex = design.clusters?.index ?? []
        design.x.elements.withUnsafeBufferPointer { xBuffer in
        design.y.elements.withUnsafeBufferPointer { yBuffer in
        extended.withUnsafeBufferPointer { bBuffer in
            let shared = (x: SharedPointer(xBuffer.baseAddress!), y: SharedPointer(yBuffer.baseAddress!),
                          beta: SharedPointer(bBuffer.baseAddress!), out: SharedPointer(partials))
            RowChunks.forEach(rows: n) { chunk, rows in
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
                        if clusterScores { sortByCluster(clusterIndex, start: start, count: nb, clusters: g, order: order, runEnds: runEnds) }
                        for k in 0..<nb { d[k] = clusterScores ? w[order[k]] * zj[order[k]] : 0 }
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

extension MultipleOutcomes {
    /// `fit` for `CovarianceScope.variances(of:)` without CR2: `XᵀWX` and `XᵀWY` as two whole-matrix
    /// products (no split by cluster), the factorization, then `selectedVariancePass`.
    static func fitSelected(_ design: Design, estimators: [CovarianceEstimator], terms names: [String],
                            factorization: Factorization) throws(RegressionError) -> MultipleOutcomesResult {
        let n = design.observationCount, p = design.x.columns, outcomes = design.y.columns
        var columns = [Int]()
        for name in names {
            guard let column = design.terms.firstIndex(of: name) else { throw .unknownTerm(name, available: design.terms) }
            if !columns.contains(column) { columns.append(column) }
        }
        let cross: CrossProducts?
        do { cross = factorization == .householderQR ? nil : try CrossProducts(design) } catch { throw .numerical(error) }
        let ls = try LeastSquaresFactorization(design, cross: cross, method: factorization)
        let k = ls.kept.count
        guard n > k else { throw .tooFewRows(rows: n, parameters: k) }
        // Coefficients and M in design coordinates, zero for aliased columns.
        var beta = Matrix(rows: p, columns: outcomes), m = Matrix(rows: p, columns: p)
        for (r, column) in ls.kept.enumerated() {
            for t in 0..<outcomes { beta[column, t] = ls.coefficients[r, t] }
            for (r2, column2) in ls.kept.enumerated() { m[column, column2] = ls.inverseGram[r, r2] }
        }
        let selected = columns.filter { ls.kept.contains($0) }
        let adjustments = Array(uniqued(estimators.compactMap { e -> LeverageAdjustment? in
            switch e {
            case .hc0, .hc1: return LeverageAdjustment.none
            case .hc2: return .inverse
            case .hc3: return .inverseSquared
            default: return nil
            }
        }))
        let wantsClusterScores = estimators.contains(.cr0) || estimators.contains(.cr1)
        let hasIntercept = design.interceptColumn.map { ls.kept.contains($0) } ?? false
        let means: [Double]?
        if let cross, hasIntercept, let intercept = design.interceptColumn {
            // Σwxᵢ is the intercept row of XᵀWX.
            means = (0..<outcomes).map { t in
                (0..<p).reduce(0) { $0 + cross.gram[intercept, $1] * beta[$1, t] } / cross.gram[intercept, intercept]
            }
        } else {
            means = weightedMeans(design, ls)
        }
        let sums = selectedVariancePass(design, coefficients: beta, inverseGram: m, selected: selected,
                                        leverageAdjustments: adjustments, clusterScores: wantsClusterScores, means: means)
        let terms = ls.kept.map { design.terms[$0] }
        let aliased = ls.aliased.sorted().map { design.terms[$0] }
        let positions = selected.map { ls.kept.firstIndex(of: $0)! }
        let residualDF = n - k, g = design.clusters?.count ?? 0, s = selected.count
        var results = [[RegressionResult]]()
        for estimator in estimators {
            var perOutcome = [RegressionResult]()
            for t in 0..<outcomes {
                var variances = [Double](repeating: .nan, count: k)
                switch estimator {
                case .classical:
                    let sigma2 = sums.residualSumOfSquares[t] / Double(residualDF)
                    for r in 0..<k { variances[r] = sigma2 * ls.inverseGram[r, r] }
                case .hc0, .hc1, .hc2, .hc3:
                    let adjustment: LeverageAdjustment = estimator == .hc2 ? .inverse : estimator == .hc3 ? .inverseSquared : .none
                    let scale = estimator == .hc1 ? Double(n) / Double(residualDF) : 1
                    for (j, r) in positions.enumerated() { variances[r] = scale * sums.heteroskedastic[adjustment]![j + t * s] }
                case .cr0, .cr1:
                    let scale = estimator == .cr1 ? Double(g) / Double(g - 1) * Double(n - 1) / Double(residualDF) : 1
                    for (j, r) in positions.enumerated() { variances[r] = scale * sums.clusterSquares[j + t * s] }
                case .cr2:
                    preconditionFailure("CR2 takes the variancesOnly path")
                }
                let r2 = 1 - sums.residualSumOfSquares[t] / sums.totalSumOfSquares[t]
                let adjusted = 1 - (1 - r2) * Double(hasIntercept ? n - 1 : n) / Double(residualDF)
                perOutcome.append(RegressionResult(
                    outcome: design.outcomeNames[t], terms: terms, aliasedTerms: aliased,
                    coefficients: ls.coefficients.column(t), covariance: nil,
                    standardErrors: variances.map { $0.squareRoot() },
                    degreesOfFreedom: degreesOfFreedom(estimator, k: k, residual: residualDF, clusters: g, bellMcCaffrey: nil),
                    estimator: estimator, observationCount: n, residualDegreesOfFreedom: residualDF, rSquared: r2,
                    adjustedRSquared: adjusted, clusterCount: estimator.isClustered ? g : nil))
            }
            results.append(perOutcome)
        }
        return MultipleOutcomesResult(outcomeNames: design.outcomeNames, estimators: estimators, results: results,
                                      droppedRows: design.droppedRows, usedCholesky: ls.usedCholesky)
    }
}

/// `eᵢ ← yᵢ − eᵢ` (residuals from fitted values) over `count` rows; returns `Σ wᵢ (yᵢ − mean)²`
/// (`wᵢ = 1` when not `weighted`), the block's share of the total sum of squares.
///
/// Four lanes at a time: the reduction is split into independent lanes by hand (the compiler may
/// not reorder it) and the lanes are added in a fixed order, so the result is deterministic.
func subtractFromOutcome(_ y: UnsafePointer<Double>, _ e: UnsafeMutablePointer<Double>, _ w: UnsafePointer<Double>,
                         count: Int, mean: Double, weighted: Bool) -> Double {
    var lanes = SIMD4<Double>(repeating: 0)
    let shift = SIMD4<Double>(repeating: mean)
    let ry = UnsafeRawPointer(y), rw = UnsafeRawPointer(w), re = UnsafeMutableRawPointer(e)
    var i = 0
    while i + 4 <= count {
        let v = ry.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
        let fitted = re.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
        re.storeBytes(of: v - fitted, toByteOffset: i * 8, as: SIMD4<Double>.self)
        let d = v - shift
        lanes += weighted ? rw.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self) * d * d : d * d
        i += 4
    }
    var total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
    while i < count {
        let d = y[i] - mean
        total += (weighted ? w[i] : 1) * d * d
        e[i] = y[i] - e[i]
        i += 1
    }
    return total
}

/// The sums of one outcome column over a block, in one sweep: with residuals `eᵢ = yᵢ − fittedᵢ`,
/// returns `Σ wᵢ(yᵢ − mean)²`, `Σ wᵢeᵢ²` and `Σ hᵢeᵢ²` (`hcFactors`, when given); `wᵢ = 1` unless
/// `weighted`. With `storeResiduals` the residuals overwrite `fitted`.
///
/// The sums run in four independent lanes each, added in a fixed order (deterministic).
func residualSums(_ y: UnsafePointer<Double>, fitted: UnsafeMutablePointer<Double>, count: Int,
                  weights w: UnsafePointer<Double>, weighted: Bool, mean: Double,
                  hcFactors h: UnsafePointer<Double>?, storeResiduals: Bool)
    -> (total: Double, residual: Double, heteroskedastic: Double) {
    var tss = SIMD4<Double>(repeating: 0), rss = tss, hc = tss
    let shift = SIMD4<Double>(repeating: mean)
    let ry = UnsafeRawPointer(y), rf = UnsafeMutableRawPointer(fitted), rw = UnsafeRawPointer(w)
    var i = 0
    while i + 4 <= count {
        let v = ry.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
        let r = v - rf.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
        if storeResiduals { rf.storeBytes(of: r, toByteOffset: i * 8, as: SIMD4<Double>.self) }
        let d = v - shift, r2 = r * r
        if weighted {
            let wv = rw.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
            tss += wv * d * d
            rss += wv * r2
        } else {
            tss += d * d
            rss += r2
        }
        if let h { hc += UnsafeRawPointer(h).loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self) * r2 }
        i += 4
    }
    var total = (tss[0] + tss[1]) + (tss[2] + tss[3])
    var residual = (rss[0] + rss[1]) + (rss[2] + rss[3]), heteroskedastic = (hc[0] + hc[1]) + (hc[2] + hc[3])
    while i < count {
        let r = y[i] - fitted[i], d = y[i] - mean, wi = weighted ? w[i] : 1
        if storeResiduals { fitted[i] = r }
        total += wi * d * d
        residual += wi * r * r
        if let h { heteroskedastic += h[i] * r * r }
        i += 1
    }
    return (total, residual, heteroskedastic)
}

/// The rows `start..<start + count` in cluster order (a stable counting sort): `order[k]` is a row
/// offset within the block, cluster `c`'s rows are `order[runEnds[c − 1]..<runEnds[c]]`.
/// Complexity: O(count + clusters).
func sortByCluster(_ index: [Int], start: Int, count: Int, clusters g: Int,
                   order: UnsafeMutablePointer<Int>, runEnds: UnsafeMutablePointer<Int>) {
    runEnds.update(repeating: 0, count: g)
    index.withUnsafeBufferPointer { index in
        let rows = index.baseAddress! + start
        for i in 0..<count { runEnds[rows[i]] += 1 }
        var position = 0
        for c in 0..<g { position += runEnds[c]; runEnds[c] = position - runEnds[c] }   // run starts
        for i in 0..<count { order[runEnds[rows[i]]] = i; runEnds[rows[i]] += 1 }       // now run ends
    }
}

/// Adds `Σ_{k in cluster c's run} factors[k] · e[order[k]]` to `scores[c]` for every cluster, in
/// four lanes per run (added in a fixed order: deterministic).
func addClusterSums(_ e: UnsafePointer<Double>, order: UnsafePointer<Int>, factors: UnsafePointer<Double>,
                    runEnds: UnsafePointer<Int>, clusters g: Int, to scores: UnsafeMutablePointer<Double>) {
    var k = 0
    for c in 0..<g {
        let end = runEnds[c]
        var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
        while k + 4 <= end {
            a0 += factors[k] * e[order[k]]
            a1 += factors[k + 1] * e[order[k + 1]]
            a2 += factors[k + 2] * e[order[k + 2]]
            a3 += factors[k + 3] * e[order[k + 3]]
            k += 4
        }
        while k < end { a0 += factors[k] * e[order[k]]; k += 1 }
        scores[c] += (a0 + a1) + (a2 + a3)
    }
}
