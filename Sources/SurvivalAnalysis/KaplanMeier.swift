// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kaplan–Meier survival curves with Greenwood standard errors, one per group, as R's
/// `survfit(Surv(time, status) ~ group, conf.type = …, conf.int = level)`.
///
/// Formula: `Ŝ(t) = Π_{t_k ≤ t} (1 − d_k / n_k)`; Greenwood: the standard error of the cumulative
/// hazard `σ(t) = √Σ_{t_k ≤ t} d_k / (n_k (n_k − d_k))`, and `se Ŝ(t) = Ŝ(t) σ(t)`.
/// Confidence intervals as `ConfidenceType` describes; the median as `print.survfit`.
///
/// Preconditions: `groups` (when given) has one code per row; `0 < level < 1`.
/// Complexity: O(n) for the event table plus O(T) per curve.
/// Reference: Kaplan & Meier (1958); Greenwood (1926); R survival `survfit.formula`,
/// `survfit_confint`, `quantile.survfit`.
public struct KaplanMeier: Sendable {
    /// How a pointwise confidence interval for `S(t)` is built from Greenwood's `σ(t)`, `z = Φ⁻¹((1+level)/2)`.
    public enum ConfidenceType: Sendable, CaseIterable {
        /// `exp(log Ŝ ± z σ)`, the upper limit capped at 1 — R's default `conf.type = "log"`.
        case log
        /// `exp(−exp(log(−log Ŝ) ∓ z σ / log Ŝ))` — R's `conf.type = "log-log"`; undefined where Ŝ is 0 or 1.
        case logLog
        /// `Ŝ ± z Ŝ σ`, clipped to [0, 1] — R's `conf.type = "plain"`.
        case plain
    }

    /// One group's curve at each of its distinct exit times.
    public struct Curve: Sendable {
        /// The group's label.
        public let label: String
        /// Number of rows in the group.
        public let observationCount: Int
        /// Number of events in the group.
        public let eventCount: Double
        /// Distinct exit times, ascending.
        public let times: [Double]
        /// Number at risk, events and censored at each time.
        public let atRisk: [Double]
        public let events: [Double]
        public let censored: [Double]
        /// `Ŝ(t)` at each time.
        public let survival: [Double]
        /// Greenwood `σ(t)`: the standard error of `−log Ŝ(t)` (R's `survfit(...)$std.err`).
        public let logStandardError: [Double]
        /// Confidence limits for `Ŝ(t)` (NaN where undefined, as R's NA).
        public let lower: [Double]
        public let upper: [Double]
        /// The median survival time and its confidence interval (NaN where not reached).
        public let median: Double
        public let medianLower: Double
        public let medianUpper: Double

        /// `se Ŝ(t) = Ŝ(t) σ(t)` (R's `summary(survfit(...))$std.err`).
        public var standardError: [Double] { zip(survival, logStandardError).map { $0 * $1 } }
    }

    /// The curve read off at a requested time.
    public struct Point: Sendable, Equatable {
        public let time: Double
        public let survival: Double
        public let standardError: Double
        public let lower: Double
        public let upper: Double
        /// Number at risk at `time`: at the first observed time at or after it (0 past the end).
        public let atRisk: Double
    }

    /// One line of `summary`: a group's size, events and median with its limits (`print.survfit`).
    public struct SummaryRow: Sendable, Equatable {
        public let group: String
        public let observationCount: Int
        public let eventCount: Double
        public let median: Double
        public let medianLower: Double
        public let medianUpper: Double
    }

    /// One row per group, as `print(survfit(...))` shows.
    public var summary: [SummaryRow] {
        curves.map { SummaryRow(group: $0.label, observationCount: $0.observationCount, eventCount: $0.eventCount,
                                median: $0.median, medianLower: $0.medianLower, medianUpper: $0.medianUpper) }
    }

    /// One curve per group, in the order of the group codes.
    public let curves: [Curve]
    public let confidenceType: ConfidenceType
    public let level: Double

    /// Estimates the curves.
    public init(data: SurvivalData, groups: Grouping? = nil, confidenceType: ConfidenceType = .log,
                level: Double = 0.95) throws(SurvivalAnalysisError) {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        let table = try EventTable(data: data, strata: groups)
        let z = Normal.standard.quantile(1 - (1 - level) / 2)
        curves = table.strata.map { Self.curve($0, type: confidenceType, z: z) }
        self.confidenceType = confidenceType
        self.level = level
    }

    static func curve(_ s: EventTable.StratumTable, type: ConfidenceType, z: Double) -> Curve {
        let k = s.times.count
        var surv = [Double](repeating: 1, count: k)
        var sigma = [Double](repeating: 0, count: k)
        var current = 1.0, greenwood = 0.0
        for j in 0..<k {
            let n = s.atRisk[j], d = s.events[j]
            if d > 0 {
                current *= 1 - d / n
                greenwood += d / (n * (n - d))
            }
            surv[j] = current
            sigma[j] = greenwood.squareRoot()
        }
        var lower = [Double](repeating: .nan, count: k), upper = lower
        for j in 0..<k { (lower[j], upper[j]) = interval(surv[j], sigma[j], type: type, z: z) }
        let (median, mLow, mHigh) = medianWithInterval(times: s.times, survival: surv, lower: lower, upper: upper)
        return Curve(label: s.label, observationCount: s.rowCount, eventCount: s.events.reduce(0, +),
                     times: s.times, atRisk: s.atRisk, events: s.events, censored: s.censored,
                     survival: surv, logStandardError: sigma, lower: lower, upper: upper,
                     median: median, medianLower: mLow, medianUpper: mHigh)
    }

    /// The interval for one survival value `p` with Greenwood `σ`, as `survfit_confint`.
    static func interval(_ p: Double, _ sigma: Double, type: ConfidenceType, z: Double) -> (Double, Double) {
        switch type {
        case .plain:
            let half = z * sigma * p
            return (Swift.max(p - half, 0), Swift.min(p + half, 1))
        case .log:
            guard p > 0 else { return (.nan, .nan) }
            return (exp(log(p) - z * sigma), Swift.min(exp(log(p) + z * sigma), 1))
        case .logLog:
            guard p > 0, p < 1 else { return (.nan, .nan) }
            let center = log(-log(p)), half = z * sigma / log(p)
            return (exp(-exp(center - half)), exp(-exp(center + half)))
        }
    }

    /// Each curve read at `times` (sorted or not), as `summary(fit, times = …, extend = TRUE)`:
    /// before the first time the survival is 1 with limits 1 (R does this for every interval type).
    public func at(_ times: [Double]) -> [[Point]] {
        curves.map { c in
            times.map { t in
                // Last index with time <= t.
                var lo = 0, hi = c.times.count
                while lo < hi { let mid = (lo + hi) / 2; if c.times[mid] <= t { lo = mid + 1 } else { hi = mid } }
                let atRisk: Double
                if lo < c.times.count {
                    atRisk = (lo > 0 && c.times[lo - 1] == t) ? c.atRisk[lo - 1] : c.atRisk[lo]
                } else if lo > 0 && c.times[lo - 1] == t {
                    atRisk = c.atRisk[lo - 1]
                } else {
                    atRisk = 0
                }
                if lo == 0 {
                    return Point(time: t, survival: 1, standardError: 0, lower: 1, upper: 1, atRisk: atRisk)
                }
                let j = lo - 1
                return Point(time: t, survival: c.survival[j], standardError: c.survival[j] * c.logStandardError[j],
                             lower: c.lower[j], upper: c.upper[j], atRisk: atRisk)
            }
        }
    }
}
