// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions

/// The minimum detectable effect of a two-sided test with a given standard error.
///
/// Formula (Bloom 1995): `MDE = (t_{1−α/2, ν} + t_{power, ν}) · SE`, with ν the estimator's
/// degrees of freedom (normal quantiles when ν is infinite). A true effect of this size is
/// detected with probability `power` at level α.
///
/// Precondition: `0 < alpha < 1`, `0 < power < 1`, `standardError ≥ 0`, `degreesOfFreedom > 0`.
/// Reference: H. S. Bloom, "Minimum detectable effects", Evaluation Review 19 (1995) 547–556.
public enum MinimumDetectableEffect {
    public static func compute(standardError: Double, degreesOfFreedom: Double = .infinity,
                               alpha: Double = 0.05, power: Double = 0.8) -> Double {
        let multiplier: Double
        if degreesOfFreedom.isFinite, let t = try? StudentT(degreesOfFreedom: degreesOfFreedom) {
            multiplier = t.quantile(1 - alpha / 2) + t.quantile(power)
        } else {
            multiplier = Normal.standard.quantile(1 - alpha / 2) + Normal.standard.quantile(power)
        }
        return multiplier * standardError
    }
}
