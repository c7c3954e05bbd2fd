// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#endif

/// The log-rank test and its G-ρ family (Harrington & Fleming), stratified, as R's
/// `survdiff(Surv(time, status) ~ group + strata(s), rho = ρ)`.
///
/// Formula: at each distinct time `t` of stratum `s`, with `n_g` at risk and `d_g` events in group
/// `g`, `n = Σ n_g`, `d = Σ d_g`, and weight `w = Ŝ_s(t−)^ρ` (the stratum's pooled Kaplan–Meier
/// just before `t`): `O_g = Σ w d_g`, `E_g = Σ w d n_g / n`,
/// `V_gh = Σ w² d (n − d) / (n − 1) · (n_g / n) (δ_gh − n_h / n)`, summed over times and strata.
/// The statistic `χ² = (O − E)ᵀ V⁻ (O − E)` uses the first `G − 1` groups with non-zero variance;
/// `df = G' − 1` where `G'` counts groups with positive expected count, as R.
///
/// Preconditions: at least two groups; `ρ ≥ 0`.
/// Complexity: O(n) for the event table, O(G² T) for the sums, O(G³) for the solve.
/// Reference: Mantel (1966); Harrington & Fleming (1982); R survival `survdiff`.
public struct LogRankTest: Sendable {
    /// One group's observed and expected (weighted) events.
    public struct GroupRow: Sendable, Equatable {
        public let label: String
        public let observationCount: Int
        public let observed: Double
        public let expected: Double
    }

    /// Per group, in code order.
    public let groups: [GroupRow]
    /// The χ² statistic.
    public let statistic: Double
    /// Its degrees of freedom.
    public let degreesOfFreedom: Int
    /// Upper-tail χ² p-value.
    public let pValue: Double
    /// The variance matrix `V` of `O − E` (G × G).
    public let variance: Matrix
    /// The ρ of the G-ρ family (0: log-rank; 1: Peto–Peto–Prentice-like).
    public let rho: Double

    /// Compares the groups' survival.
    public init(data: SurvivalData, groups: Grouping, strata: Grouping? = nil, rho: Double = 0) throws(SurvivalAnalysisError) {
        let g = groups.count
        let table = try EventTable(data: data, strata: strata, groups: groups)
        var present = [Bool](repeating: false, count: g)
        for c in groups.codes { present[Int(c)] = true }
        guard present.filter({ $0 }).count >= 2 else { throw .tooFewGroups(count: present.filter { $0 }.count) }
        var observed = [Double](repeating: 0, count: g), expected = observed
        var v = Matrix(rows: g, columns: g)
        var nGroup = [Double](repeating: 0, count: g)
        for s in table.strata {
            var km = 1.0
            for k in 0..<s.times.count {
                let d = s.events[k], n = s.atRisk[k]
                guard d > 0 else { continue }
                let w = rho == 0 ? 1 : pow(km, rho)
                for a in 0..<g {
                    nGroup[a] = s.atRiskByGroup[a][k]
                    observed[a] += w * s.eventsByGroup[a][k]
                    expected[a] += w * d * nGroup[a] / n
                }
                if n > 1 {
                    let scale = w * w * d * (n - d) / (n - 1)
                    for a in 0..<g where nGroup[a] > 0 {
                        let pa = nGroup[a] / n
                        v[a, a] += scale * pa * (1 - pa)
                        for b in (a + 1)..<Swift.max(a + 1, g) where nGroup[b] > 0 {
                            let value = scale * pa * nGroup[b] / n
                            v[a, b] -= value
                            v[b, a] -= value
                        }
                    }
                }
                km *= 1 - d / n
            }
        }
        // Generalised inverse on the first G−1 groups (survdiff drops the last and any all-zero row).
        let keep = (0..<(g - 1)).filter { v[$0, $0] > 0 }
        var chi2 = 0.0
        if !keep.isEmpty {
            let sub = v.selectingRows(keep).selectingColumns(keep)
            let diff = keep.map { observed[$0] - expected[$0] }
            if let chol = try? Cholesky(sub), let sol = try? chol.solve(diff) {
                chi2 = zip(diff, sol).reduce(0) { $0 + $1.0 * $1.1 }
            }
        }
        let df = expected.filter { $0 > 0 }.count - 1
        var counts = [Int](repeating: 0, count: g)
        for c in groups.codes { counts[Int(c)] += 1 }
        self.groups = (0..<g).map { GroupRow(label: groups.labels[$0], observationCount: counts[$0],
                                              observed: observed[$0], expected: expected[$0]) }
        statistic = chi2
        degreesOfFreedom = df
        pValue = df > 0 ? ((try? ChiSquared(degreesOfFreedom: Double(df)))?.survival(chi2) ?? .nan) : .nan
        variance = v
        self.rho = rho
    }
}
