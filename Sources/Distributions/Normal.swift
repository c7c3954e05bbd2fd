// SPDX-License-Identifier: GPL-3.0-or-later
import CRmath

/// The normal distribution N(μ, σ²) — R's `dnorm`, `pnorm`, `qnorm`.
public struct Normal: ContinuousDistribution {
    public let mean: Double
    public let standardDeviation: Double

    /// The standard normal N(0, 1).
    public static let standard = Normal(uncheckedMean: 0, standardDeviation: 1)

    public init(mean: Double = 0, standardDeviation: Double = 1) throws(DistributionsError) {
        guard standardDeviation > 0 else { throw .nonPositiveScale(standardDeviation) }
        self.init(uncheckedMean: mean, standardDeviation: standardDeviation)
    }

    private init(uncheckedMean mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    public func density(_ x: Double) -> Double { dnorm4(x, mean, standardDeviation, 0) }
    public func cdf(_ x: Double) -> Double { pnorm5(x, mean, standardDeviation, 1, 0) }
    public func survival(_ x: Double) -> Double { pnorm5(x, mean, standardDeviation, 0, 0) }
    public func quantile(_ p: Double) -> Double { qnorm5(p, mean, standardDeviation, 1, 0) }
    public func upperQuantile(_ p: Double) -> Double { qnorm5(p, mean, standardDeviation, 0, 0) }
}
