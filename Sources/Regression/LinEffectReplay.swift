// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// Lin's (2013) effect estimate alone, recomputed for many re-drawn treatment vectors of the
/// same participants — the inner loop of randomization inference.
///
/// Formula: with covariates centred at the full-sample mean, `xᶜ = x − x̄` (which does not
/// depend on the treatment), the interacted regression `y ~ 1 + D + xᶜ + D·xᶜ` is the two
/// arm-specific regressions `y ~ 1 + xᶜ` side by side, and its treatment coefficient is the
/// difference of their intercepts, `τ̂ = α̂₁ − α̂₀` (Lin 2013, §3). Each replay therefore needs
/// only the treated arm's Gram matrix `G₁ = X₁ᵀX₁` and cross-products `X₁ᵀY` (the control arm's
/// follow by subtraction from the full-sample ones) and two small Cholesky solves — no design
/// rebuild and no standard errors.
///
/// Randomization inference uses `StratifiedLinEffectReplay` (the same estimate from per-stratum
/// sums, for batches of replays) wherever the fixed effects are stratum dummies; this row-selection
/// path serves other covariate sets and is the reference that path is tested against.
///
/// Preconditions: the same complete rows, covariates and fixed-effect dummies as the full fit
/// (the trial analysis' `EffectEstimation.estimate`); no weights.
/// Returns nil for a replay whose arm Gram matrix is singular or ill-conditioned (reciprocal
/// condition < 1e-10); the caller then refits the full design, whose rank rule drops aliased
/// columns as `lm` does.
/// Complexity: O(n₁ q² + n₁ q T + q³) per replay, for n₁ treated rows, q columns, T outcomes.
/// Reference: W. Lin, "Agnostic notes on regression adjustments to experimental data",
/// Annals of Applied Statistics 7 (2013) 295–318.
public struct LinEffectReplay: Sendable {
    /// Positions (in the cell's unit order) of the rows every column has a value for.
    private let rows: [Int]
    /// `n × k`: intercept, then the centred covariates (constant ones left out).
    private let x: Matrix
    /// `n × T` outcomes.
    private let y: Matrix
    private let gram: Matrix
    private let cross: Matrix

    /// Precomputes the centred design of a cell. `covariates` must include the stratum dummies.
    public init(outcomes: [[Double]], covariates: [[Double]]) throws(LinearAlgebraError) {
        let n = outcomes.first?.count ?? 0
        let rows = (0..<n).filter { i in outcomes.allSatisfy { $0[i].isFinite } && covariates.allSatisfy { $0[i].isFinite } }
        var columns: [[Double]] = [[Double](repeating: 1, count: rows.count)]
        for c in covariates {
            let v = rows.map { c[$0] }
            let mean = v.reduce(0, +) / Double(max(1, v.count))
            guard v.contains(where: { $0 != v[0] }) else { continue }
            columns.append(v.map { $0 - mean })
        }
        self.rows = rows
        x = Matrix(columns: columns)
        y = Matrix(columns: outcomes.map { o in rows.map { o[$0] } })
        gram = x.gram
        cross = try Matrix.product(x, .transposed, y, .none)
    }

    /// The effect on every outcome for the treatment vector `treated` (over the cell's units), or
    /// nil when the arm-specific fits are not well determined.
    public func effects(treated: [Bool]) -> [Double]? {
        let mine = rows.indices.filter { treated[rows[$0]] }
        guard mine.count > x.columns, rows.count - mine.count > x.columns else { return nil }
        let x1 = x.selectingRows(mine), y1 = y.selectingRows(mine)
        let g1 = x1.gram
        guard let c1 = try? Matrix.product(x1, .transposed, y1, .none) else { return nil }
        let g0 = gram - g1, c0 = cross - c1
        guard let b1 = Self.solveWellConditioned(g1, c1), let b0 = Self.solveWellConditioned(g0, c0) else { return nil }
        return (0..<y.columns).map { b1[0, $0] - b0[0, $0] }
    }

    /// `G⁻¹C` by Cholesky, or nil when `G` is not positive definite or its reciprocal condition
    /// number (1-norm estimate) is below 1e-10 — the rule that sends a replay to the full refit.
    /// Complexity: O(q³ + q² T).
    static func solveWellConditioned(_ g: Matrix, _ c: Matrix) -> Matrix? {
        let oneNorm = (0..<g.columns).map { j in (0..<g.rows).reduce(0) { $0 + abs(g[$1, j]) } }.max() ?? 0
        guard let chol = try? Cholesky(g), let rcond = try? chol.reciprocalConditionNumber(oneNorm: oneNorm),
              rcond >= 1e-10 else { return nil }
        return try? chol.solve(c)
    }
}
