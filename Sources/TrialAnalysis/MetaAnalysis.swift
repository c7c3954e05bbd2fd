// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions

/// Site-level (municipality) effects combined: equality test and random-effects meta-regression.
public enum MetaAnalysis {
    /// Cochran's Q test that `k` independent site effects share one value.
    ///
    /// `Q = Σ wᵢ (θ̂ᵢ − θ̄)²` with `wᵢ = 1/SEᵢ²`, `θ̄ = Σ wᵢθ̂ᵢ / Σ wᵢ`; under equality
    /// `Q ~ χ²(k − 1)`. Equivalent R call: `metafor::rma(yi, sei = se, method = "FE")$QE`.
    ///
    /// Precondition: every `SE > 0`; `k ≥ 2`.
    public static func equalityTest(effects: [Double], standardErrors: [Double]) -> (statistic: Double, df: Int, pValue: Double) {
        let w = standardErrors.map { 1 / ($0 * $0) }
        let sw = w.reduce(0, +)
        let mean = zip(w, effects).reduce(0) { $0 + $1.0 * $1.1 } / sw
        let q = zip(w, effects).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }
        let df = effects.count - 1
        let p = df > 0 ? ((try? ChiSquared(degreesOfFreedom: Double(df)))?.survival(q) ?? .nan) : .nan
        return (q, df, p)
    }

    /// Random-effects meta-regression of site effects on one moderator, τ² by the
    /// DerSimonian–Laird method of moments; Wald z test for the slope.
    ///
    /// Model: `θ̂ᵢ = β₀ + β₁ xᵢ + uᵢ + εᵢ`, `uᵢ ~ (0, τ²)`, `εᵢ ~ (0, SEᵢ²)`.
    /// `τ̂² = max(0, (Q_E − (k − 2)) / (Σwᵢ − tr((XᵀWX)⁻¹ XᵀW²X)))` with fixed-effect weights
    /// `wᵢ = 1/SEᵢ²`; then weighted least squares with `1/(SEᵢ² + τ̂²)`.
    /// Equivalent R call: `metafor::rma(yi, sei = se, mods = ~ x, method = "DL")`.
    ///
    /// Precondition: `k ≥ 3` sites with distinct moderator values; every `SE > 0`.
    /// Complexity: O(k).
    public static func regression(effects y: [Double], standardErrors se: [Double], moderator x: [Double],
                                  level: Double = 0.95) -> (intercept: Double, slope: Double, slopeSE: Double, tau2: Double, pValue: Double, confLow: Double, confHigh: Double) {
        func wls(_ w: [Double]) -> (b0: Double, b1: Double, inv: (Double, Double, Double)) {
            let s0 = w.reduce(0, +)
            let s1 = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 }
            let s2 = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
            let t0 = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 }
            let t1 = zip(zip(w, x), y).reduce(0) { $0 + $1.0.0 * $1.0.1 * $1.1 }
            let det = s0 * s2 - s1 * s1
            let b1 = (s0 * t1 - s1 * t0) / det
            let b0 = (t0 - b1 * s1) / s0
            // (XᵀWX)⁻¹ = 1/det [[s2, −s1], [−s1, s0]]
            return (b0, b1, (s2 / det, -s1 / det, s0 / det))
        }
        let k = y.count
        let w = se.map { 1 / ($0 * $0) }
        let fe = wls(w)
        let qe = (0..<k).reduce(0.0) { acc, i in
            let r = y[i] - fe.b0 - fe.b1 * x[i]
            return acc + w[i] * r * r
        }
        // tr((XᵀWX)⁻¹ XᵀW²X)
        let w2 = w.map { $0 * $0 }
        let a0 = w2.reduce(0, +)
        let a1 = zip(w2, x).reduce(0) { $0 + $1.0 * $1.1 }
        let a2 = zip(w2, x).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        let trace = fe.inv.0 * a0 + 2 * fe.inv.1 * a1 + fe.inv.2 * a2
        let denominator = w.reduce(0, +) - trace
        let tau2 = max(0, (qe - Double(k - 2)) / denominator)
        let re = wls(se.map { 1 / ($0 * $0 + tau2) })
        let slopeSE = re.inv.2.squareRoot()
        let z = re.b1 / slopeSE
        let p = 2 * Normal.standard.survival(abs(z))
        let crit = Normal.standard.quantile(1 - (1 - level) / 2)
        return (re.b0, re.b1, slopeSE, tau2, p, re.b1 - crit * slopeSE, re.b1 + crit * slopeSE)
    }
}
