// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions

/// The Cochran–Armitage test for a linear trend in proportions over ordered groups (here
/// half-years), as R's `prop.trend.test(x, n, score)`.
///
/// Formula: with `N = Σ nᵢ`, `p̄ = Σ xᵢ / N`, `s̄ = Σ nᵢsᵢ / N`, the slope statistic
/// `T = Σ xᵢ(sᵢ − s̄)` has variance `p̄(1 − p̄) Σ nᵢ(sᵢ − s̄)²` under no trend; `χ² = T²/Var` on
/// 1 degree of freedom (no continuity correction). The slope `b = T / Σ nᵢ(sᵢ − s̄)²` is the change in the proportion per
/// unit of score (per half-year).
/// Preconditions: equal lengths, `0 ≤ xᵢ ≤ nᵢ`. Complexity: O(groups).
/// Reference: Armitage (1955) Biometrics 11:375; R stats `prop.trend.test`.
public struct TrendTest: Sendable, Equatable {
    public let groups: Int
    public let slope: Double
    /// The slope's standard error under no trend, `√(p̄(1 − p̄) / Σ nᵢ(sᵢ − s̄)²)`.
    public let slopeStandardError: Double
    public let chiSquare: Double
    public let pValue: Double

    /// Nil when fewer than two groups have cases, all scores coincide, or the pooled
    /// proportion is 0 or 1 (no variance).
    public init?(scores: [Double], events: [Int], totals: [Int]) {
        precondition(scores.count == events.count && events.count == totals.count, "one score, count and total per group")
        let used = (0..<scores.count).filter { totals[$0] > 0 }
        guard used.count >= 2 else { return nil }
        // The test is unchanged by shifting the scores; scores relative to the first keep the
        // centred sums free of cancellation (half-year indices are about 4,000).
        let scores = scores.map { $0 - scores[used[0]] }
        let n = used.reduce(0.0) { $0 + Double(totals[$1]) }
        let x = used.reduce(0.0) { $0 + Double(events[$1]) }
        let p = x / n
        let sBar = used.reduce(0.0) { $0 + Double(totals[$1]) * scores[$1] } / n
        let sxx = used.reduce(0.0) { $0 + Double(totals[$1]) * (scores[$1] - sBar) * (scores[$1] - sBar) }
        guard sxx > 0, p > 0, p < 1 else { return nil }
        let t = used.reduce(0.0) { $0 + Double(events[$1]) * (scores[$1] - sBar) }
        groups = used.count
        slope = t / sxx
        slopeStandardError = (p * (1 - p) / sxx).squareRoot()
        chiSquare = t * t / (p * (1 - p) * sxx)
        pValue = (try? ChiSquared(degreesOfFreedom: 1))?.survival(chiSquare) ?? .nan
    }
}
