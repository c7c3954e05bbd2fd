// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// CONSORT counts for a scope.
public struct ConsortFlow: Codable, Sendable, Equatable {
    public var enrolled: Int
    /// Randomized participants per arm (arm order as in the trial).
    public var randomized: [ArmCount]
    /// Participants with a weekly record at the end of follow-up, per arm.
    public var followedUp: [ArmCount]
    /// Participants who left before the end of follow-up, per arm and reason (status code).
    public var lost: [LossCount]
    /// Participants analysed by intention to treat, per compared arm: every randomized
    /// participant of the arms the effects compare (control and treated), whether followed up
    /// or not. Empty in results written before this field existed.
    public var analysed: [ArmCount]

    public init(enrolled: Int, randomized: [ArmCount], followedUp: [ArmCount], lost: [LossCount], analysed: [ArmCount] = []) {
        self.enrolled = enrolled
        self.randomized = randomized
        self.followedUp = followedUp
        self.lost = lost
        self.analysed = analysed
    }

    private enum CodingKeys: String, CodingKey { case enrolled, randomized, followedUp, lost, analysed }

    /// Decodes a flow; results without `analysed` (written by older versions) get none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enrolled = try c.decode(Int.self, forKey: .enrolled)
        randomized = try c.decode([ArmCount].self, forKey: .randomized)
        followedUp = try c.decode([ArmCount].self, forKey: .followedUp)
        lost = try c.decode([LossCount].self, forKey: .lost)
        analysed = try c.decodeIfPresent([ArmCount].self, forKey: .analysed) ?? []
    }
}

public struct LossCount: Codable, Sendable, Equatable {
    public var arm: String
    public var reason: String
    public var count: Int
    public init(arm: String, reason: String, count: Int) { self.arm = arm; self.reason = reason; self.count = count }
}

/// One baseline covariate by arm, with its standardized difference and WWC category.
public struct BaselineRow: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case mean, share }
    public var covariate: String
    public var kind: Kind
    /// Per arm: mean (or share, 0–1), standard deviation (nil for shares), N.
    public var arms: [ArmBaseline]
    /// Hedges' g (treated − control).
    public var standardizedDifference: Double
    /// What Works Clearinghouse baseline-equivalence category of |g| (the one definition, in TrialModel).
    public var category: EquivalenceCategory

    public init(covariate: String, kind: Kind, arms: [ArmBaseline], standardizedDifference: Double, category: EquivalenceCategory) {
        self.covariate = covariate
        self.kind = kind
        self.arms = arms
        self.standardizedDifference = standardizedDifference
        self.category = category
    }
}

public struct ArmBaseline: Codable, Sendable, Equatable {
    public var arm: String
    public var mean: Double
    public var standardDeviation: Double?
    public var n: Int
    public init(arm: String, mean: Double, standardDeviation: Double?, n: Int) {
        self.arm = arm
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.n = n
    }
}

/// An outcome Effekt estimates effects on (report text is keyed by these).
public enum OutcomeKind: String, Codable, Sendable, CaseIterable {
    case anyPaidHours = "any_paid_hours"           // share with ordinary paid hours (0/1 per week or window)
    case paidHours = "paid_hours"                  // ordinary paid hours per week
    case companyRun = "company_run"                // completed 13 consecutive weeks of company-directed activity
    case timeToPaidHours = "time_to_paid_hours"    // weeks until first paid hours
    case losingPaidHours = "losing_paid_hours"     // hazard of a paid-hours spell ending
    case timeToFlexJob = "time_to_flex_job"        // weeks until a flex job (competing exits)
    case flexJob = "flex_job"                      // in a flex job (0/1) at a time or window
}

/// An intention-to-treat effect on one outcome in one window.
///
/// When `notEstimable` is set, every estimated number (effect, SE, interval, p-values, relative
/// effect, MDE) is NaN — written as `null` in the results JSON — and reports print "not
/// estimable" with the reason. For a share, the interval is truncated to the possible range of a
/// difference of shares, [−1, 1] (`intervalTruncated` says when that changed it).
public struct EffectEstimate: Codable, Sendable, Equatable {
    /// Stable identifier, e.g. `any_paid_hours@66-78`.
    public let id: String
    public let outcome: OutcomeKind
    public let window: WeekWindow?
    /// Unadjusted arm means (persons with the outcome recorded).
    public let controlMean: Double
    public let treatedMean: Double
    /// Persons with the outcome recorded, per compared arm.
    public let controlN: Int
    public let treatedN: Int
    /// Treated − control by `method`.
    public let effect: Double
    public let stdError: Double
    public let confLow: Double
    public let confHigh: Double
    public let intervalTruncated: Bool
    public let df: Double
    public let pValue: Double
    /// The unadjusted difference in means with its interval, shown beside the adjusted effect.
    public let unadjusted: UnadjustedDifference?
    /// Randomization-inference p-value (two-sided), when computed.
    public let riPValue: Double?
    /// Relative effect `effect / controlMean`, when the control mean is non-zero.
    public let relativeEffect: Double?
    /// The relative effect's interval: the effect's interval divided by the control mean (the
    /// control mean treated as fixed).
    public let relativeConfLow: Double?
    public let relativeConfHigh: Double?
    public let n: Int
    /// Minimum detectable effect at 80 % power and the stated level, from this cell's SE.
    public let minimumDetectableEffect: Double
    public let holmPValue: Double?
    public let benjaminiHochbergPValue: Double?
    public let method: EffectMethod
    public let notEstimable: NotEstimableReason?

    public init(id: String, outcome: OutcomeKind, window: WeekWindow?, controlMean: Double, treatedMean: Double,
                controlN: Int, treatedN: Int, effect: Double, stdError: Double, confLow: Double, confHigh: Double,
                intervalTruncated: Bool = false, df: Double, pValue: Double, unadjusted: UnadjustedDifference? = nil,
                riPValue: Double? = nil, relativeEffect: Double? = nil, n: Int, minimumDetectableEffect: Double,
                holmPValue: Double? = nil, benjaminiHochbergPValue: Double? = nil, method: EffectMethod,
                notEstimable: NotEstimableReason? = nil) {
        self.id = id
        self.outcome = outcome
        self.window = window
        self.controlMean = controlMean
        self.treatedMean = treatedMean
        self.controlN = controlN
        self.treatedN = treatedN
        self.effect = effect
        self.stdError = stdError
        self.confLow = confLow
        self.confHigh = confHigh
        self.intervalTruncated = intervalTruncated
        self.df = df
        self.pValue = pValue
        self.unadjusted = unadjusted
        self.riPValue = riPValue
        self.relativeEffect = relativeEffect
        var low: Double?, high: Double?
        if let relativeEffect, relativeEffect.isFinite, controlMean != 0, controlMean.isFinite {
            low = min(confLow, confHigh) / controlMean
            high = max(confLow, confHigh) / controlMean
            if controlMean < 0 { swap(&low, &high) }
        }
        relativeConfLow = low
        relativeConfHigh = high
        self.n = n
        self.minimumDetectableEffect = minimumDetectableEffect
        self.holmPValue = holmPValue
        self.benjaminiHochbergPValue = benjaminiHochbergPValue
        self.method = method
        self.notEstimable = notEstimable
    }

    /// The same estimate with the p-values that need every cell (randomization inference and the
    /// multiplicity adjustments): a new value, built once when the whole analysis is known.
    func completed(riPValue: Double?, holm: Double?, benjaminiHochberg: Double?) -> EffectEstimate {
        EffectEstimate(id: id, outcome: outcome, window: window, controlMean: controlMean, treatedMean: treatedMean,
                       controlN: controlN, treatedN: treatedN, effect: effect, stdError: stdError, confLow: confLow,
                       confHigh: confHigh, intervalTruncated: intervalTruncated, df: df, pValue: pValue,
                       unadjusted: unadjusted, riPValue: riPValue, relativeEffect: relativeEffect, n: n,
                       minimumDetectableEffect: minimumDetectableEffect, holmPValue: holm,
                       benjaminiHochbergPValue: benjaminiHochberg, method: method, notEstimable: notEstimable)
    }
}

/// The unadjusted difference in arm means with its interval (Neyman variance
/// s²₁/n₁ + s²₀/n₀, Welch–Satterthwaite df: `estimatr::difference_in_means` without blocks),
/// truncated to [−1, 1] for shares like the adjusted effect.
public struct UnadjustedDifference: Codable, Sendable, Equatable {
    public let effect: Double
    public let confLow: Double
    public let confHigh: Double
    public init(effect: Double, confLow: Double, confHigh: Double) {
        self.effect = effect
        self.confLow = confLow
        self.confHigh = confHigh
    }
}

extension OutcomeKind {
    /// Outcomes whose values are shares of persons or weeks (0–1): their differences lie in [−1, 1].
    public var isShare: Bool {
        switch self {
        case .anyPaidHours, .companyRun, .flexJob: return true
        case .paidHours, .timeToPaidHours, .losingPaidHours, .timeToFlexJob: return false
        }
    }

    /// Whether each participant's value is 0 or 1 (a share of *persons*, which reveals a count),
    /// as opposed to a share of weeks per person.
    public var isPersonIndicator: Bool { self == .companyRun || self == .flexJob }

    /// An interval on this outcome's difference scale, truncated to the possible range [−1, 1]
    /// for shares; `truncated` is true when that changed a bound.
    public func bounded(_ low: Double, _ high: Double) -> (low: Double, high: Double, truncated: Bool) {
        guard isShare else { return (low, high, false) }
        let l = max(low, -1), h = min(high, 1)
        return (l, h, l != low || h != high)
    }
}

/// An inclusive range of weeks, e.g. 66–78 ("1.5 years after start").
public struct WeekWindow: Codable, Sendable, Hashable {
    public var name: String
    public var firstWeek: Int
    public var lastWeek: Int
    public init(name: String, firstWeek: Int, lastWeek: Int) {
        self.name = name
        self.firstWeek = firstWeek
        self.lastWeek = lastWeek
    }
}

/// The weekly effect curve of one outcome.
public struct EffectCurve: Codable, Sendable, Equatable {
    public var outcome: OutcomeKind
    public var points: [CurvePoint]
    public init(outcome: OutcomeKind, points: [CurvePoint]) { self.outcome = outcome; self.points = points }
}

/// One week of an effect curve. When the week's effect or interval is not a finite number,
/// `notEstimable` says why (the numbers are `null` in the results JSON).
public struct CurvePoint: Codable, Sendable, Equatable {
    public let week: Int
    public let controlMean: Double
    public let treatedMean: Double
    public let effect: Double
    public let confLow: Double
    public let confHigh: Double
    public let notEstimable: NotEstimableReason?
    public init(week: Int, controlMean: Double, treatedMean: Double, effect: Double, confLow: Double, confHigh: Double,
                notEstimable: NotEstimableReason? = nil) {
        self.week = week
        self.controlMean = controlMean
        self.treatedMean = treatedMean
        self.effect = effect
        self.confLow = confLow
        self.confHigh = confHigh
        self.notEstimable = notEstimable
    }
}

/// An effect within a subgroup, with the test that the effect is equal across the variable's levels.
public struct SubgroupEffect: Codable, Sendable, Equatable {
    public var variable: String
    public var level: String
    public var outcome: OutcomeKind
    public var effect: Double
    public var confLow: Double
    public var confHigh: Double
    public var pValue: Double
    public var n: Int
    /// p-value of the treatment × subgroup interaction (same for every level of the variable).
    public var interactionPValue: Double
    public var prespecified: Bool
    public init(variable: String, level: String, outcome: OutcomeKind, effect: Double, confLow: Double, confHigh: Double,
                pValue: Double, n: Int, interactionPValue: Double, prespecified: Bool) {
        self.variable = variable
        self.level = level
        self.outcome = outcome
        self.effect = effect
        self.confLow = confLow
        self.confHigh = confHigh
        self.pValue = pValue
        self.n = n
        self.interactionPValue = interactionPValue
        self.prespecified = prespecified
    }
}
