// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// The Bell–McCaffrey (CR2) adjustment of a clustered design, in low-rank form, and its
/// Satterthwaite degrees of freedom.
///
/// For cluster `g` with rows `Xg` and weights `Wg`, `Bg = [(I − H)(I − H)ᵀ]_gg` with `H = X M XᵀW`
/// (working model Φ = I, estimatr's convention). Writing `Lg = [Xg, WgXg]` (just `Xg` unweighted),
/// `Bg = I + Lg K Lgᵀ` with `K = [[Ω, −M], [−M, 0]]` (`K = −M` unweighted), `Ω = M XᵀW²X M`.
/// With `LgᵀLg = U Σ² Uᵀ`, `Q = Lg U Σ⁻¹` is an orthonormal basis of span(Lg) and
/// `Bg = I + Q T Qᵀ`, `T = Σ⁻¹Uᵀ(LgᵀLg) K (LgᵀLg) U Σ⁻¹ = V Λ Vᵀ`. Hence
/// `Ag = Bg^{+1/2} = I + Q V diag(f(1 + λ) − 1) Vᵀ Qᵀ` with `f(β) = β^{−1/2}` for `β > 1e-12`, else 0,
/// and the adjusted scores use `X̃g = Ag WgXg = WgXg + Lg Γg`, `Γg = U Σ⁻¹ V diag(f − 1) Vᵀ Σ⁻¹ Uᵀ (LgᵀWgXg)`.
/// Everything needs only the per-cluster Gram `LgᵀLg`, so no `ng × ng` matrix is ever formed:
/// large clusters cost O(ng·p²), not O(ng³).
///
/// Degrees of freedom for coefficient `k` (Bell & McCaffrey 2002, eq. for the Satterthwaite
/// approximation; estimatr `lm_robust(se_type = "CR2")`): with `c_g = X̃g M z_k`,
/// `a_g = Xgᵀc_g`, `b_g = XgᵀWg c_g`, `P_st = δ_st c_sᵀc_s − a_sᵀ M b_t − a_tᵀ M b_s + a_sᵀ Ω a_t`
/// (`= p_sᵀp_t`, `p_s = (I − H)_sᵀ c_s`), `df_k = (tr P)² / ‖P‖²_F`.
///
/// Complexity: O(N·m²) for the Grams, O(G·m³) for the adjustments, O(p·(G·p² + G²·p)) for the df.
/// References: Bell, R. M. & McCaffrey, D. F. (2002), Survey Methodology 28(2), 169–181;
/// Pustejovsky, J. E. & Tipton, E. (2018), JBES 36(4), 672–683.
struct BellMcCaffrey: Sendable {
    /// `m`: columns of `Lg` (`k` unweighted, `2k` weighted).
    let width: Int
    /// `Γg`, `m × k`, per cluster.
    let gamma: [Matrix]
    /// Satterthwaite df per kept coefficient.
    let degreesOfFreedom: [Double]

    /// Eigenvalues of `Bg` at or below this are treated as zero (estimatr's clamp).
    static let eigenvalueFloor = 1e-12
    /// Directions of `LgᵀLg` below this fraction of its largest eigenvalue are null directions.
    static let nullSpaceTolerance = 1e-11

    init(_ design: Design, kept: [Int], inverseGram m: Matrix) throws(LinearAlgebraError) {
        guard let clusters = design.clusters else { preconditionFailure("CR2 needs clusters") }
        let k = kept.count
        let weighted = design.weights != nil
        let width = weighted ? 2 * k : k
        let grams = BellMcCaffrey.clusterGrams(design, kept: kept, width: width, clusters: clusters)
        // Blocks of an L-Gram: XᵀX = [0..<k, 0..<k], XᵀWX = [0..<k, k..<2k], XᵀW²X = [k..<2k, k..<2k].
        let lower = 0..<k, upper = weighted ? k..<(2 * k) : 0..<k
        var xw2x = Matrix(rows: k, columns: k)
        for g in grams { xw2x = xw2x + g.block(upper, upper) }
        let omega = weighted ? try Matrix.product(m, .none, try Matrix.product(xw2x, .none, m, .none), .none) : m
        var kMatrix = Matrix(rows: width, columns: width)
        if weighted {
            for j in 0..<k { for i in 0..<k { kMatrix[i, j] = omega[i, j]; kMatrix[i + k, j] = -m[i, j]; kMatrix[i, j + k] = -m[i, j] } }
        } else {
            kMatrix = -1 * m
        }
        var gammas = [Matrix]()
        var aTerms = [Matrix](), bTerms = [Matrix](), dTerms = [[Double]]()
        for g in grams {
            let lTwx = g.block(0..<width, upper)                         // LgᵀWgXg, m × k
            let gamma = try BellMcCaffrey.adjustment(gram: g, k: kMatrix, lTwx: lTwx)
            gammas.append(gamma)
            // Xᵀ X̃ = XᵀWX + (XᵀL) Γ ; XᵀW X̃ = XᵀW²X + (XᵀWL) Γ ; X̃ᵀX̃ = XᵀW²X + (LᵀWX)ᵀΓ + Γᵀ(LᵀWX) + Γᵀ(LᵀL)Γ.
            let xTl = g.block(lower, 0..<width), xwTl = g.block(upper, 0..<width)
            let xTxt = g.block(lower, upper) + (try Matrix.product(xTl, .none, gamma, .none))
            let xwTxt = g.block(upper, upper) + (try Matrix.product(xwTl, .none, gamma, .none))
            let cross = try Matrix.product(lTwx, .transposed, gamma, .none)
            let xtTxt = g.block(upper, upper) + cross + cross.transposed
                + (try Matrix.product(gamma, .transposed, try Matrix.product(g, .none, gamma, .none), .none))
            aTerms.append(try Matrix.product(xTxt, .none, m, .none))
            bTerms.append(try Matrix.product(xwTxt, .none, m, .none))
            let mxm = try Matrix.product(m, .none, try Matrix.product(xtTxt, .none, m, .none), .none)
            dTerms.append(mxm.diagonalEntries)
        }
        self.width = width
        self.gamma = gammas
        let count = grams.count
        var dfs = [Double]()
        for coefficient in 0..<k {
            var a = Matrix(rows: k, columns: count), b = Matrix(rows: k, columns: count)
            for g in 0..<count {
                for i in 0..<k {
                    a[i, g] = aTerms[g][i, coefficient]
                    b[i, g] = bTerms[g][i, coefficient]
                }
            }
            let amb = try Matrix.product(a, .transposed, try Matrix.product(m, .none, b, .none), .none)
            let aoa = try Matrix.product(a, .transposed, try Matrix.product(omega, .none, a, .none), .none)
            var trace = 0.0, squares = 0.0
            for t in 0..<count {
                for s in 0..<count {
                    var value = aoa[s, t] - amb[s, t] - amb[t, s]
                    if s == t { value += dTerms[s][coefficient] }
                    squares += value * value
                    if s == t { trace += value }
                }
            }
            dfs.append(trace * trace / squares)
        }
        self.degreesOfFreedom = dfs
    }

    /// `Γg` from the cluster's Gram `LgᵀLg`, `K` and `LgᵀWgXg`.
    static func adjustment(gram: Matrix, k: Matrix, lTwx: Matrix) throws(LinearAlgebraError) -> Matrix {
        let eigen = try SymmetricEigen(gram)
        let top = eigen.values.max() ?? 0
        let basis = eigen.values.indices.filter { eigen.values[$0] > nullSpaceTolerance * top }
        let q = basis.count
        if q == 0 { return Matrix(rows: gram.rows, columns: lTwx.columns) }
        // S = U_q Σ_q⁻¹  (m × q)
        var s = eigen.vectors.selectingColumns(basis)
        for (c, j) in basis.enumerated() {
            let inv = 1 / eigen.values[j].squareRoot()
            for i in 0..<s.rows { s[i, c] *= inv }
        }
        let gs = try Matrix.product(gram, .none, s, .none)                       // (LᵀL) U Σ⁻¹
        let t = try Matrix.product(gs, .transposed, try Matrix.product(k, .none, gs, .none), .none)
        let small = try SymmetricEigen(symmetrized(t))
        var scaled = small.vectors
        for j in 0..<q {
            let beta = 1 + small.values[j]
            let f = beta > eigenvalueFloor ? 1 / beta.squareRoot() : 0
            for i in 0..<q { scaled[i, j] *= f - 1 }
        }
        let middle = try Matrix.product(scaled, .none, small.vectors, .transposed)   // V diag(f−1) Vᵀ
        let sv = try Matrix.product(s, .none, middle, .none)
        return try Matrix.product(sv, .none, try Matrix.product(s, .transposed, lTwx, .none), .none)
    }

    /// `(A + Aᵀ)/2`.
    static func symmetrized(_ a: Matrix) -> Matrix { 0.5 * (a + a.transposed) }

    /// Per-cluster `LgᵀLg` with `Lg = [Xg, WgXg]` (weighted) or `Xg`, kept columns only.
    static func clusterGrams(_ design: Design, kept: [Int], width: Int, clusters: ClusterAssignment) -> [Matrix] {
        let n = design.observationCount
        let k = kept.count
        var grams = [Double](repeating: 0, count: clusters.count * width * width)
        let capacity = 4096
        let l = UnsafeMutablePointer<Double>.allocate(capacity: capacity * width)
        defer { l.deallocate() }
        design.x.elements.withUnsafeBufferPointer { x in
            grams.withUnsafeMutableBufferPointer { out in
                forEachRowBlock(rows: 0..<n, clusters: clusters, size: capacity) { block in
                    let nb = block.rows.count
                    for (c, column) in kept.enumerated() {
                        let base = column * n
                        for (j, row) in block.rows.enumerated() { l[j + c * nb] = x[base + row] }
                        if let w = design.weights {
                            for (j, row) in block.rows.enumerated() { l[j + (c + k) * nb] = w[row] * l[j + c * nb] }
                        }
                    }
                    for run in block.runs {
                        BLAS.syrkTransposed(n: width, k: run.length, a: l + run.start, lda: nb, beta: 1,
                                            c: out.baseAddress! + run.cluster * width * width, ldc: width)
                    }
                }
            }
        }
        return (0..<clusters.count).map { g in
            var m = Matrix(rows: width, columns: width,
                           columnMajor: Array(grams[(g * width * width)..<((g + 1) * width * width)]))
            m.symmetrizeFromUpper()
            return m
        }
    }
}

extension Matrix {
    /// The sub-matrix of the given row and column ranges.
    func block(_ rowRange: Range<Int>, _ columnRange: Range<Int>) -> Matrix {
        var out = Matrix(rows: rowRange.count, columns: columnRange.count)
        for (jj, j) in columnRange.enumerated() { for (ii, i) in rowRange.enumerated() { out[ii, jj] = self[i, j] } }
        return out
    }
}
