// SPDX-License-Identifier: GPL-3.0-or-later

/// Invalid parameters for a distribution. Each case reads as a sentence with the offending value.
public enum DistributionsError: Error, Equatable, Sendable, CustomStringConvertible {
    case nonPositiveScale(Double)
    case nonPositiveDegreesOfFreedom(Double)

    public var description: String {
        switch self {
        case let .nonPositiveScale(s):
            return "A standard deviation must be positive; got \(s)."
        case let .nonPositiveDegreesOfFreedom(df):
            return "Degrees of freedom must be positive; got \(df)."
        }
    }
}
