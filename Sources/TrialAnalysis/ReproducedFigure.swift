// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// A published figure next to its reproduction from the data.
public struct ReproducedFigure: Sendable, Equatable, Codable {
    public let id: String
    public let description: String
    public let published: Double
    public let unit: String
    public let population: String
    public let estimand: String
    /// NaN when the estimand cannot be computed on this data (`note` says why).
    public let estimate: Double
    public let confLow: Double
    public let confHigh: Double
    /// Whether the published value lies within [conf_low, conf_high].
    public let within: Bool
    /// How the interval was made (e.g. "exact count", "95 % t interval", "effect CI from the ITT regression").
    public let interval: String
    public let note: String?
}
