// SPDX-License-Identifier: GPL-3.0-or-later
import CRmath

/// The χ² distribution with k degrees of freedom — R's `dchisq`, `pchisq`, `qchisq`.
public struct ChiSquared: ContinuousDistribution {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) throws(DistributionsError) {
        guard degreesOfFreedom > 0 else { throw .nonPositiveDegreesOfFreedom(degreesOfFreedom) }
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func density(_ x: Double) -> Double { dchisq(x, degreesOfFreedom, 0) }
    public func cdf(_ x: Double) -> Double { pchisq(x, degreesOfFreedom, 1, 0) }
    public func survival(_ x: Double) -> Double { pchisq(x, degreesOfFreedom, 0, 0) }
    public func quantile(_ p: Double) -> Double { qchisq(p, degreesOfFreedom, 1, 0) }
    public func upperQuantile(_ p: Double) -> Double { qchisq(p, degreesOfFreedom, 0, 0) }
}
