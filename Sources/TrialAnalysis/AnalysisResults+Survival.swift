// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Kaplan–Meier curves by arm for one time-to-event outcome.
public struct SurvivalCurveSet: Codable, Sendable, Equatable {
    public var outcome: OutcomeKind
    public var arms: [SurvivalCurve]
    /// Log-rank test across arms.
    public var logRankStatistic: Double
    public var logRankPValue: Double
    public init(outcome: OutcomeKind, arms: [SurvivalCurve], logRankStatistic: Double, logRankPValue: Double) {
        self.outcome = outcome
        self.arms = arms
        self.logRankStatistic = logRankStatistic
        self.logRankPValue = logRankPValue
    }
}

public struct SurvivalCurve: Codable, Sendable, Equatable {
    public var arm: String
    public var n: Int
    public var events: Int
    public var median: Double?
    public var points: [SurvivalPoint]
    public init(arm: String, n: Int, events: Int, median: Double?, points: [SurvivalPoint]) {
        self.arm = arm
        self.n = n
        self.events = events
        self.median = median
        self.points = points
    }
}

/// A Kaplan–Meier curve read at one time of a grid (the report's weeks).
///
/// `events` and `censored` count what happened in (previous grid time, `time`] — at the first
/// point, at or before `time` — so summing them over the points gives the arm's events and
/// censorings up to the last point. The figures use them to coarsen steps and to place censor
/// marks without revealing fewer than 5 people (`DisclosureControl`).
public struct SurvivalPoint: Codable, Sendable, Equatable {
    public var time: Double
    public var survival: Double
    public var confLow: Double
    public var confHigh: Double
    public var nRisk: Int
    /// Events in (previous point's time, `time`].
    public var events: Int
    /// Participants censored in (previous point's time, `time`].
    public var censored: Int
    public init(time: Double, survival: Double, confLow: Double, confHigh: Double, nRisk: Int, events: Int, censored: Int) {
        self.time = time
        self.survival = survival
        self.confLow = confLow
        self.confHigh = confHigh
        self.nRisk = nRisk
        self.events = events
        self.censored = censored
    }
}

/// A Cox hazard ratio (treated vs control).
///
/// When `notEstimable` is set (too few events per arm under the reporting policy, no
/// convergence, an infinite coefficient), the ratio, interval, SE and p-value are NaN — `null`
/// in the results JSON — and reports print "not estimable" with the reason.
public struct HazardEstimate: Codable, Sendable, Equatable {
    public let id: String
    public let outcome: OutcomeKind
    /// For cause-specific models, the cause (e.g. `flex_job`).
    public let cause: String?
    public let hazardRatio: Double
    public let confLow: Double
    public let confHigh: Double
    public let stdError: Double
    public let pValue: Double
    /// Rows of the fit: persons, or spells for `coxSpellsClustered` (see `persons`).
    public let n: Int
    /// Persons behind the rows.
    public let persons: Int
    public let events: Int
    /// Events per compared arm (control first).
    public let eventsByArm: [ArmCount]
    public let method: HazardModel
    public let converged: Bool
    public let notEstimable: NotEstimableReason?
    public init(id: String, outcome: OutcomeKind, cause: String? = nil, hazardRatio: Double, confLow: Double,
                confHigh: Double, stdError: Double, pValue: Double, n: Int, persons: Int, events: Int,
                eventsByArm: [ArmCount], method: HazardModel, converged: Bool, notEstimable: NotEstimableReason? = nil) {
        self.id = id
        self.outcome = outcome
        self.cause = cause
        self.hazardRatio = hazardRatio
        self.confLow = confLow
        self.confHigh = confHigh
        self.stdError = stdError
        self.pValue = pValue
        self.n = n
        self.persons = persons
        self.events = events
        self.eventsByArm = eventsByArm
        self.method = method
        self.converged = converged
        self.notEstimable = notEstimable
    }
}

/// Cumulative incidence by arm for each competing outcome (Aalen–Johansen).
public struct CumulativeIncidenceSet: Codable, Sendable, Equatable {
    public var outcome: OutcomeKind
    public var arms: [CumulativeIncidenceArm]
    public init(outcome: OutcomeKind, arms: [CumulativeIncidenceArm]) { self.outcome = outcome; self.arms = arms }
}

public struct CumulativeIncidenceArm: Codable, Sendable, Equatable {
    public var arm: String
    public var causes: [CumulativeIncidenceCurve]
    public init(arm: String, causes: [CumulativeIncidenceCurve]) { self.arm = arm; self.causes = causes }
}

public struct CumulativeIncidenceCurve: Codable, Sendable, Equatable {
    public var cause: String
    public var points: [IncidencePoint]
    public init(cause: String, points: [IncidencePoint]) { self.cause = cause; self.points = points }
}

/// A cumulative incidence curve of one cause read at one time of a grid.
///
/// `events` counts exits by this cause in (previous grid time, `time`] (at the first point: at or
/// before `time`); the figures coarsen steps with it (`DisclosureControl`).
public struct IncidencePoint: Codable, Sendable, Equatable {
    public var time: Double
    public var estimate: Double
    public var stdError: Double
    /// Exits by this cause in (previous point's time, `time`].
    public var events: Int
    public init(time: Double, estimate: Double, stdError: Double, events: Int) {
        self.time = time
        self.estimate = estimate
        self.stdError = stdError
        self.events = events
    }
}
