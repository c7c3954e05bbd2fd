// SPDX-License-Identifier: GPL-3.0-or-later

/// Cumulative incidence of competing outcomes (Aalen–Johansen) with infinitesimal-jackknife
/// standard errors, by group, as R's `survfit(Surv(time, factor_event) ~ group)` (survival 3.5).
///
/// Formula: per group, at distinct times `t_j` with `n_j` at risk and `d_kj` events of outcome
/// `k` (`λ_kj = d_kj/n_j`, `λ_j = Σ_k λ_kj`): `S_j = S_{j−1}(1 − λ_j)` (no outcome yet) and
/// `F_kj = F_k,j−1 + S_{j−1} λ_kj`. The variance is the infinitesimal jackknife
/// `Var F_kj = Σ_i (∂F_kj/∂w_i)²`, where the derivative with respect to row `i`'s weight follows
/// `∂λ_kj = (dN_ik(t_j) − Y_i(t_j) λ_kj)/n_j`, `∂S_j = ∂S_{j−1}(1 − λ_j) − S_{j−1}∂λ_j`,
/// `∂F_kj = ∂F_k,j−1 + ∂S_{j−1}λ_kj + S_{j−1}∂λ_kj` — what `survfit` reports as `std.err` for
/// multi-state curves. Rows with the same exit time and outcome share a derivative, and after
/// their exit it moves with `(F_kj − F_k,e)/S_e`, so the sum over rows is kept in three running
/// sums per outcome.
///
/// Preconditions: right-censored data (no delayed entry); codes `0` (censored) … `K`.
/// Complexity: O(n) for the table plus O(T K²) per group.
/// Reference: Aalen & Johansen (1978); Therneau, *Multi-state models and competing risks*
/// (survival vignette); R survival `survfit.formula`, `survfitAJ`.
public struct AalenJohansen: Sendable {
    /// One group's curves.
    public struct Curve: Sendable {
        public let label: String
        public let observationCount: Int
        public let times: [Double]
        public let atRisk: [Double]
        /// Probability of still being in the initial state (no outcome yet) at each time.
        public let initialState: [Double]
        /// `cumulativeIncidence[k][j]`: probability of outcome `k` by `times[j]`.
        public let cumulativeIncidence: [[Double]]
        /// Infinitesimal-jackknife standard errors of `cumulativeIncidence`.
        public let standardErrors: [[Double]]
    }

    /// An estimate read off at a requested time.
    public struct Point: Sendable, Equatable {
        public let time: Double
        public let estimate: Double
        public let standardError: Double
    }

    public let outcomeLabels: [String]
    public let curves: [Curve]

    /// Estimates the cumulative incidence of each outcome.
    /// - Parameters:
    ///   - time: exit times; `outcome`: 0 for censored, `k` in `1…outcomeLabels.count` for outcome `k`.
    public init(time: [Double], outcome: [Int], outcomeLabels: [String], groups: Grouping? = nil) throws(SurvivalAnalysisError) {
        let n = time.count
        let kCount = outcomeLabels.count
        guard outcome.count == n else { throw .lengthMismatch(what: "event column", expected: n, actual: outcome.count) }
        for (i, c) in outcome.enumerated() where c < 0 || c > kCount {
            throw .undeclaredOutcome(row: i + 1, code: c, outcomeCount: kCount)
        }
        guard outcome.contains(where: { $0 > 0 }) else { throw .noEvents(subjects: n) }
        let data = try SurvivalData(time: time, event: outcome.map { $0 > 0 })
        let table = try EventTable(data: data, strata: groups)
        // Events by (stratum cell, outcome).
        var offsets = [0]
        for s in table.strata { offsets.append(offsets.last! + s.times.count) }
        var byOutcome = [Double](repeating: 0, count: offsets.last! * (kCount + 1))
        for i in 0..<n {
            let cell = offsets[Int(table.rowStratum[i])] + Int(table.rowExit[i])
            byOutcome[cell * (kCount + 1) + outcome[i]] += 1
        }
        self.outcomeLabels = outcomeLabels
        curves = table.strata.enumerated().map { s, stratum in
            Self.curve(stratum, counts: Array(byOutcome[(offsets[s] * (kCount + 1))..<(offsets[s + 1] * (kCount + 1))]),
                       outcomes: kCount)
        }
    }

    static func curve(_ s: EventTable.StratumTable, counts: [Double], outcomes kCount: Int) -> Curve {
        let t = s.times.count, w = kCount + 1
        var surv = [Double](repeating: 1, count: t)
        var cif = [[Double]](repeating: [Double](repeating: 0, count: t), count: kCount)
        var se = cif
        // Influence of a row still at risk (no outcome) through time j.
        var prefixS = 0.0
        var prefixF = [Double](repeating: 0, count: kCount)
        // Running sums over rows that have exited: Σ m α², Σ m α b, Σ m b² per outcome.
        var c0 = [Double](repeating: 0, count: kCount), c1 = c0, c2 = c0
        var sPrev = 1.0
        var fPrev = [Double](repeating: 0, count: kCount)
        for j in 0..<t {
            let n = s.atRisk[j]
            var lambda = [Double](repeating: 0, count: kCount)
            for k in 0..<kCount { lambda[k] = counts[j * w + k + 1] / n }
            let total = lambda.reduce(0, +)
            let sNow = sPrev * (1 - total)
            var fNow = fPrev
            for k in 0..<kCount { fNow[k] += sPrev * lambda[k] }
            // Rows exiting at j, one profile per exit outcome c (0 = censored).
            for c in 0...kCount {
                let m = counts[j * w + c]
                guard m > 0 else { continue }
                let dTotal = ((c > 0 ? 1 : 0) - total) / n
                let qS = prefixS * (1 - total) - sPrev * dTotal
                let b = sNow > 0 ? qS / sNow : 0
                for k in 0..<kCount {
                    let dk = ((c == k + 1 ? 1 : 0) - lambda[k]) / n
                    let qF = prefixF[k] + prefixS * lambda[k] + sPrev * dk
                    let alpha = qF - b * fNow[k]
                    c0[k] += m * alpha * alpha
                    c1[k] += m * alpha * b
                    c2[k] += m * b * b
                }
            }
            // Rows still at risk after j.
            let newPrefixS = prefixS * (1 - total) + sPrev * total / n
            for k in 0..<kCount { prefixF[k] += prefixS * lambda[k] - sPrev * lambda[k] / n }
            prefixS = newPrefixS
            let remaining = n - s.events[j] - s.censored[j]
            for k in 0..<kCount {
                let variance = remaining * prefixF[k] * prefixF[k] + c0[k] + 2 * fNow[k] * c1[k] + fNow[k] * fNow[k] * c2[k]
                cif[k][j] = fNow[k]
                se[k][j] = Swift.max(variance, 0).squareRoot()
            }
            surv[j] = sNow
            sPrev = sNow
            fPrev = fNow
        }
        return Curve(label: s.label, observationCount: s.rowCount, times: s.times, atRisk: s.atRisk,
                     initialState: surv, cumulativeIncidence: cif, standardErrors: se)
    }

    /// Each curve's estimates at `times`: `[group][outcome][time]`, the value at the last observed
    /// time at or before each requested time (0 before the first).
    public func at(_ times: [Double]) -> [[[Point]]] {
        curves.map { c in
            (0..<outcomeLabels.count).map { k in
                times.map { t in
                    var lo = 0, hi = c.times.count
                    while lo < hi { let mid = (lo + hi) / 2; if c.times[mid] <= t { lo = mid + 1 } else { hi = mid } }
                    if lo == 0 { return Point(time: t, estimate: 0, standardError: 0) }
                    return Point(time: t, estimate: c.cumulativeIncidence[k][lo - 1], standardError: c.standardErrors[k][lo - 1])
                }
            }
        }
    }
}

extension CoxModel {
    /// The cause-specific Cox model for outcome `cause`: other outcomes count as censoring, as
    /// `coxph(Surv(time, event == cause) ~ …)`.
    public static func causeSpecific(time: [Double], outcome: [Int], cause: Int, covariates: [[Double]],
                                     terms: [String]? = nil, strata: Grouping? = nil, ties: Ties = .efron,
                                     variance: VarianceEstimator = .modelBased) throws(SurvivalAnalysisError) -> CoxModel {
        let data = try SurvivalData(time: time, event: outcome.map { $0 == cause })
        return try CoxModel(data: data, covariates: covariates, terms: terms, strata: strata, ties: ties, variance: variance)
    }
}
