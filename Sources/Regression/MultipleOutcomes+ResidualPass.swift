// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// The leverage term that distinguishes the heteroskedasticity-robust meats.
enum LeverageAdjustment: Hashable, Sendable {
    /// HC0, HC1: `ωᵢ = wᵢ²eᵢ²`.
    case none
    /// HC2: `ωᵢ = wᵢ²eᵢ² / (1 − hᵢ)`.
    case inverse
    /// HC3: `ωᵢ = wᵢ²eᵢ² / (1 − hᵢ)²`.
    case inverseSquared

    func factor(_ leverage: Double) -> Double {
        switch self {
        case .none: return 1
        case .inverse: return 1 / (1 - leverage)
        case .inverseSquared: return 1 / ((1 - leverage) * (1 - leverage))
        }
    }
}

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
        // Buffers: [X | WX] rows, E, Z, Z², Ω or scaled X, adjusted X̃.
        let lx = UnsafeMutablePointer<Double>.allocate(capacity: capacity * width)
        let e = UnsafeMutablePointer<Double>.allocate(capacity: capacity * outcomes)
        let z = UnsafeMutablePointer<Double>.allocate(capacity: needsZ ? capacity * k : 1)
        let z2 = UnsafeMutablePointer<Double>.allocate(capacity: needsZ ? capacity * k : 1)
        let omega = UnsafeMutablePointer<Double>.allocate(capacity: needsZ ? capacity * max(outcomes, k) : 1)
        let xt = UnsafeMutablePointer<Double>.allocate(capacity: request.bellMcCaffrey != nil ? capacity * k : 1)
        let w = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        w.initialize(repeating: 1, count: capacity)
        let leverage = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let scale = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: 2 * outcomes)
        sums.initialize(repeating: 0, count: 2 * outcomes)
        let rss = sums, tss = sums + outcomes
        defer { [lx, e, z, z2, omega, xt, w, leverage, scale, sums].forEach { $0.deallocate() } }
        let hcSize = request.fullMeats ? outcomes * k * k : k * outcomes
        var hc = [LeverageAdjustment: UnsafeMutablePointer<Double>]()
        for a in request.leverageAdjustments {
            hc[a] = UnsafeMutablePointer<Double>.allocate(capacity: hcSize)
            hc[a]!.initialize(repeating: 0, count: hcSize)
        }
        let scoreSize = g * k * outcomes
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: request.clusterScores ? scoreSize : 1)
        let adjusted = UnsafeMutablePointer<Double>.allocate(capacity: request.bellMcCaffrey != nil ? scoreSize : 1)
        if request.clusterScores { scores.initialize(repeating: 0, count: scoreSize) }
        if request.bellMcCaffrey != nil { adjusted.initialize(repeating: 0, count: scoreSize) }
        defer { scores.deallocate(); adjusted.deallocate(); hc.values.forEach { $0.deallocate() } }

        let gammas = request.bellMcCaffrey?.gamma.map(\.elements) ?? []
        design.x.elements.withUnsafeBufferPointer { x in
        design.y.elements.withUnsafeBufferPointer { y in
        coefficients.elements.withUnsafeBufferPointer { beta in
        inverseGram.elements.withUnsafeBufferPointer { m in
            forEachRowBlock(count: n, clusters: request.sortByCluster ? design.clusters : nil, size: capacity) { block in
                let nb = block.rows.count
                let wx = weighted ? lx + k * nb : lx
                block.rows.withUnsafeBufferPointer { rows in
                if let weights = design.weights { for j in 0..<nb { w[j] = weights[rows[j]] } }
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
                    if let means = request.means {
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
                for a in request.leverageAdjustments {
                    let target = hc[a]!
                    // scale[j] = wⱼ² · adjustment(hⱼ), hoisted out of the per-outcome loops.
                    for j in 0..<nb { scale[j] = w[j] * w[j] * a.factor(leverage[j]) }
                    if request.fullMeats {
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
                if request.clusterScores {
                    for run in block.runs {
                        BLAS.gemm(.transposed, .none, m: k, n: outcomes, k: run.length, a: wx + run.start, lda: nb,
                                  b: e + run.start, ldb: nb, beta: 1, c: scores + run.cluster * k * outcomes, ldc: k)
                    }
                }
                if let bm = request.bellMcCaffrey {
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
        let residualSumOfSquares = Array(UnsafeBufferPointer(start: rss, count: outcomes))
        let totalSumOfSquares = Array(UnsafeBufferPointer(start: tss, count: outcomes))
        var heteroskedastic = [LeverageAdjustment: [Double]]()
        for (a, p) in hc { heteroskedastic[a] = Array(UnsafeBufferPointer(start: p, count: hcSize)) }
        return ResidualPassSums(
            residualSumOfSquares: residualSumOfSquares, totalSumOfSquares: totalSumOfSquares, heteroskedastic: heteroskedastic,
            clusterScores: request.clusterScores ? Array(UnsafeBufferPointer(start: scores, count: scoreSize)) : [],
            adjustedClusterScores: request.bellMcCaffrey != nil
                ? Array(UnsafeBufferPointer(start: adjusted, count: scoreSize)) : [])
    }
}
