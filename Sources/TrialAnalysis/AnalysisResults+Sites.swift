// SPDX-License-Identifier: GPL-3.0-or-later

/// Municipality (site) effects, a test of equal effects and meta-regressions on site attributes.
public struct SiteHeterogeneity: Codable, Sendable, Equatable {
    public var outcome: OutcomeKind
    public var window: WeekWindow?
    public var sites: [SiteEffect]
    /// Cochran's Q test that all site effects are equal.
    public var equalityStatistic: Double
    public var equalityDegreesOfFreedom: Int
    public var equalityPValue: Double
    public var metaRegressions: [MetaRegression]
    /// Municipalities without a site effect, with the reason (too few people in an arm, no
    /// variation, an undefined standard error, data the estimator refused).
    public var omitted: [SiteOmission]
    public init(outcome: OutcomeKind, window: WeekWindow?, sites: [SiteEffect], equalityStatistic: Double,
                equalityDegreesOfFreedom: Int, equalityPValue: Double, metaRegressions: [MetaRegression],
                omitted: [SiteOmission] = []) {
        self.outcome = outcome
        self.window = window
        self.sites = sites
        self.equalityStatistic = equalityStatistic
        self.equalityDegreesOfFreedom = equalityDegreesOfFreedom
        self.equalityPValue = equalityPValue
        self.metaRegressions = metaRegressions
        self.omitted = omitted
    }

    private enum CodingKeys: String, CodingKey {
        case outcome, window, sites, equalityStatistic, equalityDegreesOfFreedom, equalityPValue, metaRegressions, omitted
    }

    /// Reads results written before `omitted` existed as having none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try c.decode(OutcomeKind.self, forKey: .outcome)
        window = try c.decodeIfPresent(WeekWindow.self, forKey: .window)
        sites = try c.decode([SiteEffect].self, forKey: .sites)
        equalityStatistic = try c.decode(Double.self, forKey: .equalityStatistic)
        equalityDegreesOfFreedom = try c.decode(Int.self, forKey: .equalityDegreesOfFreedom)
        equalityPValue = try c.decode(Double.self, forKey: .equalityPValue)
        metaRegressions = try c.decode([MetaRegression].self, forKey: .metaRegressions)
        omitted = try c.decodeIfPresent([SiteOmission].self, forKey: .omitted) ?? []
    }
}

/// A municipality the site analysis could not estimate, and why.
public struct SiteOmission: Codable, Sendable, Equatable {
    public let municipality: String
    public let reason: NotEstimableReason
    public init(municipality: String, reason: NotEstimableReason) {
        self.municipality = municipality
        self.reason = reason
    }
}

public struct SiteEffect: Codable, Sendable, Equatable {
    public var municipality: String
    public var effect: Double
    public var stdError: Double
    public var confLow: Double
    public var confHigh: Double
    public var pValue: Double
    public var controlMean: Double
    public var n: Int
    public var holmPValue: Double?
    public var benjaminiHochbergPValue: Double?
    public init(municipality: String, effect: Double, stdError: Double, confLow: Double, confHigh: Double, pValue: Double,
                controlMean: Double, n: Int, holmPValue: Double? = nil, benjaminiHochbergPValue: Double? = nil) {
        self.municipality = municipality
        self.effect = effect
        self.stdError = stdError
        self.confLow = confLow
        self.confHigh = confHigh
        self.pValue = pValue
        self.controlMean = controlMean
        self.n = n
        self.holmPValue = holmPValue
        self.benjaminiHochbergPValue = benjaminiHochbergPValue
    }
}

/// A weighted regression of site effects on a site attribute.
public struct MetaRegression: Codable, Sendable, Equatable {
    /// The site attribute, e.g. `control_success_rate`, `caseload`, `internship_share`.
    public var moderator: String
    public var slope: Double
    public var stdError: Double
    public var confLow: Double
    public var confHigh: Double
    public var pValue: Double
    public var sites: Int
    /// How the estimate guards against the control mean appearing on both sides (when it does).
    public var correction: MetaRegressionCorrection?
    public init(moderator: String, slope: Double, stdError: Double, confLow: Double, confHigh: Double, pValue: Double,
                sites: Int, correction: MetaRegressionCorrection?) {
        self.moderator = moderator
        self.slope = slope
        self.stdError = stdError
        self.confLow = confLow
        self.confHigh = confHigh
        self.pValue = pValue
        self.sites = sites
        self.correction = correction
    }
}

/// A correction a meta-regression applies.
public enum MetaRegressionCorrection: String, Codable, Sendable {
    /// The control group is split at random: one half measures the site's control success rate
    /// (the moderator), the other half is the comparison group of the effect, so the control
    /// mean's noise does not appear on both sides of the regression.
    case splitControl = "split_control"
}
