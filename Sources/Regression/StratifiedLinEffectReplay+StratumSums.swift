// SPDX-License-Identifier: GPL-3.0-or-later

extension StratifiedLinEffectReplay {
    /// Per-stratum sums of the row terms `r = [1, xᶜ, (xᶜⱼxᶜₗ)ⱼ≤ₗ, y, (xᶜⱼyₜ)ⱼ,ₜ]` over a subset of
    /// the rows (a replay's treated arm), the sufficient statistics of an arm's normal equations.
    ///
    /// Formula: `Σₛ[k] = Σ_{i ∈ subset, stratum(i) = s} rᵢ[k]`, accumulated in row order (a fixed
    /// order: the same subset gives bit-identical sums on any number of cores).
    /// Preconditions: `stratum[i] < strata`; every covariate and outcome column has one value per row.
    /// Complexity: O(n m) time and n m doubles to build, `m = 1 + c + c(c+1)/2 + T + cT`;
    /// O(n₁ m + S m) per `total(selecting:)` for `n₁` selected rows and `S` strata.
    struct StratumSums: Sendable {
        /// Row terms, row-major `n × m`.
        private let terms: [Double]
        private let stratum: [Int32]
        let strata: Int
        let width: Int
        private let covariates: Int
        private let outcomes: Int

        init(stratum: [Int32], strata: Int, covariates x: [[Double]], outcomes y: [[Double]]) {
            let c = x.count, t = y.count, n = stratum.count
            let width = 1 + c + c * (c + 1) / 2 + t + c * t
            var terms = [Double](repeating: 0, count: n * width)
            for i in 0..<n {
                var k = i * width
                terms[k] = 1; k += 1
                for j in 0..<c { terms[k] = x[j][i]; k += 1 }
                for j in 0..<c { for l in j..<c { terms[k] = x[j][i] * x[l][i]; k += 1 } }
                for o in 0..<t { terms[k] = y[o][i]; k += 1 }
                for j in 0..<c { for o in 0..<t { terms[k] = x[j][i] * y[o][i]; k += 1 } }
            }
            self.terms = terms
            self.stratum = stratum
            self.strata = strata
            self.width = width
            covariates = c
            outcomes = t
        }

        /// The sums over the rows with `selected[i]` (every row when nil), per stratum and in total
        /// (the total summed over strata in stratum order).
        func total(selecting selected: [Bool]?) -> Totals {
            let m = width
            var perStratum = [Double](repeating: 0, count: strata * m)
            terms.withUnsafeBufferPointer { t in
                perStratum.withUnsafeMutableBufferPointer { s in
                    guard let base = t.baseAddress, let out = s.baseAddress else { return }
                    for i in 0..<stratum.count where selected?[i] ?? true {
                        let row = base + i * m, acc = out + Int(stratum[i]) * m
                        for k in 0..<m { acc[k] += row[k] }
                    }
                }
            }
            var total = [Double](repeating: 0, count: m)
            for s in 0..<strata { for k in 0..<m { total[k] += perStratum[s * m + k] } }
            return Totals(total: total, perStratum: perStratum, width: m, covariates: covariates, outcomes: outcomes)
        }

        /// Sums of the row terms over a subset: in total and per stratum, with the term positions.
        struct Totals {
            let total: [Double]
            let perStratum: [Double]
            let width: Int
            let covariates: Int
            let outcomes: Int

            /// The sum at position `k` (indexed like `total`) of stratum `s`.
            func inStratum(_ s: Int, _ k: Int) -> Double { perStratum[s * width + k] }
            /// Position of the row count.
            var count: Int { 0 }
            /// Position of `Σ xᶜⱼ`.
            func covariate(_ j: Int) -> Int { 1 + j }
            /// Position of `Σ xᶜⱼ xᶜₗ`, `j ≤ l`.
            func product(_ j: Int, _ l: Int) -> Int {
                let c = covariates
                return 1 + c + j * c - j * (j - 1) / 2 + (l - j)
            }
            /// Position of `Σ yₜ`.
            func outcome(_ o: Int) -> Int { 1 + covariates + covariates * (covariates + 1) / 2 + o }
            /// Position of `Σ xᶜⱼ yₜ`.
            func covariateOutcome(_ j: Int, _ o: Int) -> Int { outcome(outcomes) + j * outcomes + o }
        }
    }
}
