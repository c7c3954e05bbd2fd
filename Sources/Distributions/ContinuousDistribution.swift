// SPDX-License-Identifier: GPL-3.0-or-later

/// A continuous probability distribution on the real line with the verbs Effekt needs.
///
/// Implementations delegate to R's standalone math library (`libRmath`), so every value equals
/// what R's `p*`, `q*` and `d*` functions return for the same arguments.
public protocol ContinuousDistribution: Sendable {
    /// Density `f(x)`.
    func density(_ x: Double) -> Double
    /// Lower tail `P(X ≤ x)`.
    func cdf(_ x: Double) -> Double
    /// Upper tail `P(X > x)`, computed directly (accurate far in the tail, unlike `1 − cdf`).
    func survival(_ x: Double) -> Double
    /// The quantile `q` with `P(X ≤ q) = p`. Precondition: `0 ≤ p ≤ 1`.
    func quantile(_ p: Double) -> Double
}

extension ContinuousDistribution {
    /// The upper-tail quantile `q` with `P(X > q) = p`.
    public func upperQuantile(_ p: Double) -> Double { quantile(1 - p) }
}
