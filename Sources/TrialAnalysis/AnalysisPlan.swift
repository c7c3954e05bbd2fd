// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import Regression
import TrialModel

/// What `effekt analyze` estimates and how: the trial's pre-specified plan (trial.toml) plus the
/// analysis options of the command line.
public struct AnalysisPlan: Sendable {
    public var trial: TrialDefinition
    /// Confidence level of every interval.
    public var level: Double
    /// Standard errors of the effect regressions (estimatr's default HC2).
    public var covariance: CovarianceEstimator
    /// Randomization-inference replays of the logged design (0 turns it off).
    public var permutations: Int
    /// Seed of the randomization-inference replays and of the split-control meta-regression.
    public var inferenceSeed: UInt64
    /// Optional municipality attributes for meta-regressions: municipality → attribute → value.
    public var siteAttributes: [String: [String: Double]]
    /// National benchmarks shown beside the arms (benchmarks.csv; none by default).
    public var benchmarks: [NationalBenchmark] = []

    public init(trial: TrialDefinition, level: Double = 0.95, covariance: CovarianceEstimator = .hc2,
                permutations: Int = 500, inferenceSeed: UInt64? = nil, siteAttributes: [String: [String: Double]] = [:]) {
        self.trial = trial
        self.level = level
        self.covariance = covariance
        self.permutations = permutations
        self.inferenceSeed = inferenceSeed ?? trial.seed &+ 1
        self.siteAttributes = siteAttributes
    }

    /// The arm compared with the control arm: the first arm that is not the control.
    public var treatedArm: String { trial.arms.first { $0.name != trial.controlArm }?.name ?? trial.controlArm }

    /// The trial's allocation design, as the randomizer replays it.
    public var design: AllocationDesign {
        trial.design == .complete ? .complete : .permutedBlocks(blockSizes: trial.blockSizes)
    }

    /// The outcomes estimated in every analysis window, in table order.
    public var windowOutcomes: [OutcomeKind] {
        var list: [OutcomeKind] = [.anyPaidHours, .paidHours]
        if trial.companyRunWeeks > 0 { list.append(.companyRun) }
        if trial.primaryExit != nil { list.insert(.flexJob, at: 0) }
        return list
    }

    /// The outcomes with a weekly effect curve.
    public var curveOutcomes: [OutcomeKind] {
        trial.primaryExit != nil ? [.flexJob, .anyPaidHours, .paidHours] : [.anyPaidHours, .paidHours]
    }

    /// The estimand used for site effects, subgroups and the "too small to detect" note:
    /// the first window outcome in the first (headline) window.
    public var primaryOutcome: OutcomeKind { windowOutcomes[0] }

    /// The analysis windows (a trial without any gets its whole follow-up as one window).
    public var windows: [WeekWindow] {
        let w = trial.windows.map { WeekWindow(name: $0.name, firstWeek: $0.weeks.lowerBound, lastWeek: $0.weeks.upperBound) }
        return w.isEmpty ? [WeekWindow(name: "follow-up", firstWeek: 1, lastWeek: trial.followUpWeeks)] : w
    }
}
