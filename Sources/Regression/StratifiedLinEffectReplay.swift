// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// Lin's (2013) effect estimate for many re-drawn treatment vectors, from per-stratum sums of
/// the treated arm — the inner loop of randomization inference when the fixed effects are the
/// dummies of a partition (the randomization strata).
///
/// The estimate is `LinEffectReplay`'s (`τ̂ = α̂₁ − α̂₀`, the difference of the intercepts of the
/// arm-specific regressions of `y` on `1`, the centred covariates `xᶜ = x − x̄` and the centred
/// stratum dummies `d̃ₖ = dₖ − pₖ`, `pₖ = nₖ / n`), but its treated-arm Gram matrix `G₁` and
/// cross-products `C₁` are assembled from sums over the treated rows of each stratum `s`, for a
/// batch of replays at once by matrix products over the rows (`StratumSums`):
///
///     N₁ₛ = #T∩s,  Aₛⱼ = Σ xᶜⱼ,  Bₛⱼₗ = Σ xᶜⱼ xᶜₗ,  Yₛₜ = Σ yₜ,  Fₛⱼₜ = Σ xᶜⱼ yₜ   (over T∩s)
///
/// and, with `N₁, A, B, Y, F` their totals over strata,
///
///     G₁[1,1] = N₁            G₁[1,xⱼ] = Aⱼ             G₁[xⱼ,xₗ] = Bⱼₗ
///     G₁[1,d̃ₖ] = N₁ₖ − pₖN₁   G₁[xⱼ,d̃ₖ] = Aₖⱼ − pₖAⱼ
///     G₁[d̃ₖ,d̃ₗ] = δₖₗN₁ₖ − pₗN₁ₖ − pₖN₁ₗ + pₖpₗN₁
///     C₁[1,t] = Yₜ   C₁[xⱼ,t] = Fⱼₜ   C₁[d̃ₖ,t] = Yₖₜ − pₖYₜ
///
/// (exact algebra; dₖdₗ = δₖₗdₖ because the strata are disjoint). The control arm's follow by
/// subtraction from the full-sample sums, as in `LinEffectReplay`, and the same rule sends a
/// replay to the full refit: an arm with no more rows than columns, or an arm Gram matrix that is
/// not positive definite or has reciprocal condition < 1e-10.
///
/// The sums differ from the row-selection path's `X₁ᵀX₁` only by rounding (another summation
/// order), so effects agree with `LinEffectReplay` to rounding amplified by the arm Gram
/// matrices' condition: to 1e-12 relative to max(|τ̂|, sd(y)) in `StratifiedLinEffectReplayTests`
/// (not to |τ̂| alone: a re-drawn τ̂ near 0 is a difference of two intercepts of size ȳ).
///
/// Preconditions: the same complete rows, covariates and stratum dummies as the full fit; each row
/// has at most one stratum dummy equal to 1 and the others 0 (else `init` returns nil and the
/// caller uses `LinEffectReplay`); no weights.
/// Complexity: O(n (c + T)) to build and keep, for `c` covariates and `T` outcomes; per batch of
/// B replays 2 n B m flops in dgemm, `m = 1 + c + c(c+1)/2 + T + cT` terms per row (the rows read
/// once per batch), then per replay O(S m + q² S + q³) for `S` strata and `q = 1 + c + S − 1`
/// columns — no row copies, no O(n q²) products.
/// Reference: W. Lin, Annals of Applied Statistics 7 (2013) 295–318; sufficient statistics for
/// stratified permutation replays as in issue 13 of this project.
public struct StratifiedLinEffectReplay: Sendable {
    /// The number of rows every column has a value for.
    private let rowCount: Int
    private let sums: StratumSums
    /// The number `c` of non-constant covariates.
    private let covariates: Int
    /// The non-constant stratum dummies: the stratum index (1-based, 0 is the reference) and `pₖ`.
    private let dummies: [(stratum: Int, share: Double)]
    private let outcomes: Int
    /// Full-sample `G` and `C` (all rows), in the column order `[1, xᶜ, d̃]`.
    private let gram: Matrix
    private let cross: Matrix

    /// Precomputes the centred values and full-sample sums of a cell, or nil when `strata` are not the dummies of a partition.
    /// `covariates` must not include the stratum dummies.
    public init?(outcomes: [[Double]], covariates: [[Double]], strata: [[Double]]) {
        let n = outcomes.first?.count ?? 0
        let all = outcomes + covariates + strata
        let rows = (0..<n).filter { i in all.allSatisfy { $0[i].isFinite } }
        var stratum = [Int32](repeating: 0, count: rows.count)
        for (k, d) in strata.enumerated() {
            for (r, i) in rows.enumerated() where d[i] != 0 {
                guard d[i] == 1, stratum[r] == 0 else { return nil }
                stratum[r] = Int32(k + 1)
            }
        }
        var centred = [[Double]]()
        for c in covariates {
            let v = rows.map { c[$0] }
            let mean = v.reduce(0, +) / Double(max(1, v.count))
            guard v.contains(where: { $0 != v[0] }) else { continue }
            centred.append(v.map { $0 - mean })
        }
        var dummies = [(stratum: Int, share: Double)]()
        for (k, d) in strata.enumerated() {
            let v = rows.map { d[$0] }
            guard v.contains(where: { $0 != v[0] }) else { continue }
            dummies.append((k + 1, v.reduce(0, +) / Double(max(1, v.count))))
        }
        rowCount = rows.count
        self.covariates = centred.count
        self.dummies = dummies
        self.outcomes = outcomes.count
        sums = StratumSums(stratum: stratum, units: rows, strata: strata.count + 1, covariates: centred,
                           outcomes: outcomes.map { o in rows.map { o[$0] } })
        let everyone = sums.totals(selecting: [[Bool](repeating: true, count: n)])[0]
        (gram, cross) = Self.normalEquations(everyone, covariates: centred.count, dummies: dummies,
                                             outcomes: outcomes.count)
    }

    /// The number of columns `q` of each arm's regression (intercept, covariates, dummies).
    public var columns: Int { 1 + covariates + dummies.count }

    /// The effect on every outcome for the treatment vector `treated` (over the cell's units), or
    /// nil when the arm-specific fits are not well determined.
    public func effects(treated: [Bool]) -> [Double]? {
        effects(batch: [treated])[0]
    }

    /// `effects(treated:)` for a batch of treatment vectors, their per-stratum sums from one
    /// product per chunk of rows (`StratumSums`). Complexity: 2 n B m flops + B · O(S m + q² S + q³).
    public func effects(batch: [[Bool]]) -> [[Double]?] {
        sums.totals(selecting: batch).map { s1 in
            let treatedCount = Int(s1.total[s1.count])
            guard treatedCount > columns, rowCount - treatedCount > columns else { return nil }
            let (g1, c1) = Self.normalEquations(s1, covariates: covariates, dummies: dummies, outcomes: outcomes)
            let g0 = gram - g1, c0 = cross - c1
            guard let b1 = LinEffectReplay.solveWellConditioned(g1, c1), let b0 = LinEffectReplay.solveWellConditioned(g0, c0)
            else { return nil }
            return (0..<outcomes).map { b1[0, $0] - b0[0, $0] }
        }
    }

    /// `G` and `C` of the rows whose per-stratum sums are `s` (the formulas in the type's
    /// documentation). Complexity: O(S m + q² + q T).
    private static func normalEquations(_ s: StratumSums.Totals, covariates c: Int, dummies: [(stratum: Int, share: Double)],
                                        outcomes t: Int) -> (Matrix, Matrix) {
        let q = 1 + c + dummies.count
        var g = Matrix(rows: q, columns: q), x = Matrix(rows: q, columns: t)
        let n1 = s.total[s.count]
        g[0, 0] = n1
        for j in 0..<c {
            g[0, 1 + j] = s.total[s.covariate(j)]
            for l in j..<c { g[1 + j, 1 + l] = s.total[s.product(j, l)] }
        }
        for (a, (k, p)) in dummies.enumerated() {
            let col = 1 + c + a, nk = s.inStratum(k, s.count)
            g[0, col] = nk - p * n1
            for j in 0..<c { g[1 + j, col] = s.inStratum(k, s.covariate(j)) - p * s.total[s.covariate(j)] }
            for (b, (l, pl)) in dummies.enumerated() where b <= a {
                let nl = s.inStratum(l, s.count)
                g[1 + c + b, col] = (k == l ? nk : 0) - pl * nk - p * nl + p * pl * n1
            }
        }
        for j in 0..<q { for i in (j + 1)..<max(j + 1, q) { g[i, j] = g[j, i] } }
        for o in 0..<t {
            x[0, o] = s.total[s.outcome(o)]
            for j in 0..<c { x[1 + j, o] = s.total[s.covariateOutcome(j, o)] }
            for (a, (k, p)) in dummies.enumerated() { x[1 + c + a, o] = s.inStratum(k, s.outcome(o)) - p * s.total[s.outcome(o)] }
        }
        return (g, x)
    }
}
