// SPDX-License-Identifier: GPL-3.0-or-later
import CRmath

/// Student's t distribution with ν degrees of freedom (ν may be fractional, e.g. a
/// Satterthwaite df) — R's `dt`, `pt`, `qt`. ν = ∞ gives the standard normal.
public struct StudentT: ContinuousDistribution {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) throws(DistributionsError) {
        guard degreesOfFreedom > 0 else { throw .nonPositiveDegreesOfFreedom(degreesOfFreedom) }
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func density(_ x: Double) -> Double { dt(x, degreesOfFreedom, 0) }
    public func cdf(_ x: Double) -> Double { pt(x, degreesOfFreedom, 1, 0) }
    public func survival(_ x: Double) -> Double { pt(x, degreesOfFreedom, 0, 0) }
    public func quantile(_ p: Double) -> Double { qt(p, degreesOfFreedom, 1, 0) }
    public func upperQuantile(_ p: Double) -> Double { qt(p, degreesOfFreedom, 0, 0) }

    /// Two-sided p-value `2 P(T > |t|)`.
    public func twoSidedPValue(_ t: Double) -> Double { 2 * pt(abs(t), degreesOfFreedom, 0, 0) }
}
