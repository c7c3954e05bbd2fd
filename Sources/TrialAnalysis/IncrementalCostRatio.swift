// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions

/// Fieller's confidence set for a ratio of two differences of means, `R = ΔC / ΔE`.
///
/// Formula: the set of `R` with `(ΔC − R·ΔE)² ≤ z² (v_C − 2R·c + R²·v_E)`, i.e. the roots of
/// `a R² + b R + k ≤ 0` with `a = ΔE² − z² v_E`, `b = −2(ΔC·ΔE − z² c)`, `k = ΔC² − z² v_C`
/// (`v_C`, `v_E` the variances of ΔC and ΔE, `c` their covariance, `z` the normal quantile).
/// When `a > 0` (ΔE differs from 0 at the level) the set is the bounded interval between the
/// roots; otherwise it is unbounded: two rays `(−∞, r₁] ∪ [r₂, ∞)` or the whole line.
/// Reference: Fieller (1954), JRSS B 16:175–185; Willan & O'Brien (1996), Health Econ 5:297–305.
public enum FiellerInterval: Hashable, Sendable, Codable {
    /// `[low, high]`: the effect differs from zero at the level.
    case bounded(low: Double, high: Double)
    /// `(−∞, low] ∪ [high, ∞)`: the effect's interval includes zero.
    case twoRays(low: Double, high: Double)
    /// Every ratio: the effect's interval includes zero and the cost difference's too.
    case wholeLine

    /// Computes the set. Precondition: variances ≥ 0, `0 < level < 1`.
    public static func compute(costDifference dc: Double, effect de: Double, costVariance vc: Double, effectVariance ve: Double,
                               covariance c: Double, level: Double) -> FiellerInterval {
        let z = Normal.standard.quantile(0.5 + level / 2)
        let z2 = z * z
        let a = de * de - z2 * ve
        let b = -2 * (dc * de - z2 * c)
        let k = dc * dc - z2 * vc
        let disc = b * b - 4 * a * k
        if a > 0 {
            // a > 0 implies disc ≥ 0 up to rounding (Cauchy–Schwarz on the covariance matrix).
            let root = (max(disc, 0)).squareRoot()
            let r1 = (-b - root) / (2 * a), r2 = (-b + root) / (2 * a)
            return .bounded(low: min(r1, r2), high: max(r1, r2))
        }
        guard disc > 0, a < 0 else { return .wholeLine }
        let root = disc.squareRoot()
        let r1 = (-b - root) / (2 * a), r2 = (-b + root) / (2 * a)
        return .twoRays(low: min(r1, r2), high: max(r1, r2))
    }
}

/// What the incremental cost per additional person placed says, decided from the point
/// estimates; the report's language renders it in words (with the interval's boundedness).
public enum IncrementalCostVerdict: String, Hashable, Sendable, Codable {
    /// The provider places more at an extra cost: the ratio is the extra cost per additional
    /// person placed (bounded or not, as its Fieller interval says).
    case extraCostPerAdditionalPlacement = "extra_cost_per_additional_placement"
    /// The provider places fewer at a saving: the ratio is the saving per placement forgone.
    case savingPerPlacementForgone = "saving_per_placement_forgone"
    /// The provider costs more and places fewer: the ratio is not meaningful.
    case dominated
    /// The provider costs no more and places more.
    case dominant
    /// The arms place exactly as many: no ratio.
    case noDifferenceInPlacements = "no_difference_in_placements"

    /// Dominated when ΔC > 0 and ΔE < 0; dominant when ΔC ≤ 0 and ΔE > 0; no ratio when ΔE = 0.
    public static func decide(costDifference dc: Double, effect de: Double) -> IncrementalCostVerdict {
        if de == 0 { return .noDifferenceInPlacements }
        if dc > 0 && de < 0 { return .dominated }
        if dc <= 0 && de > 0 { return .dominant }
        return de > 0 ? .extraCostPerAdditionalPlacement : .savingPerPlacementForgone
    }
}

/// The incremental cost per additional person in a flex job: cost difference / effect, with
/// Fieller's interval. `costDifference` is the difference in mean cost per citizen (provider −
/// control), `effect` the difference in the share placed; variances are the unpooled
/// `s²/n` sums of the two arms, `covariance` the sum of the arms' `cov(cost, placed)/n`.
public struct IncrementalCost: Hashable, Sendable, Codable {
    public let costDifference: Double
    public let effect: Double
    public let costVariance: Double
    public let effectVariance: Double
    public let covariance: Double
    /// ΔC / ΔE (NaN when ΔE = 0).
    public let ratio: Double
    public let interval: FiellerInterval
    public let verdict: IncrementalCostVerdict
    public let level: Double

    /// From per-citizen costs and placed indicators of the two arms.
    /// Precondition: each arm has at least 2 citizens. Complexity: O(n).
    public init(provider: [(cost: Double, placed: Bool)], control: [(cost: Double, placed: Bool)], level: Double) {
        func moments(_ x: [(cost: Double, placed: Bool)]) -> (mc: Double, me: Double, vc: Double, ve: Double, c: Double) {
            let n = Double(x.count)
            let mc = x.map(\.cost).reduce(0, +) / n, me = Double(x.filter(\.placed).count) / n
            var vc = 0.0, ve = 0.0, c = 0.0
            for (cost, placed) in x {
                let dc = cost - mc, de = (placed ? 1.0 : 0.0) - me
                vc += dc * dc; ve += de * de; c += dc * de
            }
            // Sample (co)variances (n − 1) divided by n: the variance of the mean.
            return (mc, me, vc / (n - 1) / n, ve / (n - 1) / n, c / (n - 1) / n)
        }
        let t = moments(provider), k = moments(control)
        self.init(costDifference: t.mc - k.mc, effect: t.me - k.me, costVariance: t.vc + k.vc, effectVariance: t.ve + k.ve,
                  covariance: t.c + k.c, level: level)
    }

    public init(costDifference: Double, effect: Double, costVariance: Double, effectVariance: Double, covariance: Double, level: Double) {
        self.costDifference = costDifference
        self.effect = effect
        self.costVariance = costVariance
        self.effectVariance = effectVariance
        self.covariance = covariance
        self.level = level
        ratio = effect == 0 ? .nan : costDifference / effect
        interval = FiellerInterval.compute(costDifference: costDifference, effect: effect, costVariance: costVariance,
                                           effectVariance: effectVariance, covariance: covariance, level: level)
        verdict = IncrementalCostVerdict.decide(costDifference: costDifference, effect: effect)
    }
}
