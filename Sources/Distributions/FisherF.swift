// SPDX-License-Identifier: GPL-3.0-or-later
import CRmath

/// Fisher's F distribution with (d₁, d₂) degrees of freedom — R's `df`, `pf`, `qf`.
public struct FisherF: ContinuousDistribution {
    public let numeratorDegreesOfFreedom: Double
    public let denominatorDegreesOfFreedom: Double

    public init(numerator: Double, denominator: Double) throws(DistributionsError) {
        guard numerator > 0 else { throw .nonPositiveDegreesOfFreedom(numerator) }
        guard denominator > 0 else { throw .nonPositiveDegreesOfFreedom(denominator) }
        numeratorDegreesOfFreedom = numerator
        denominatorDegreesOfFreedom = denominator
    }

    public func density(_ x: Double) -> Double { CRmath.df(x, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, 0) }
    public func cdf(_ x: Double) -> Double { pf(x, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, 1, 0) }
    public func survival(_ x: Double) -> Double { pf(x, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, 0, 0) }
    public func quantile(_ p: Double) -> Double { qf(p, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, 1, 0) }
    public func upperQuantile(_ p: Double) -> Double { qf(p, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, 0, 0) }
}
