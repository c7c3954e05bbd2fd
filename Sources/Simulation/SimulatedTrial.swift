// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

/// The synthetic trials Effekt ships, by name (`effekt simulate jobfirst|flexjob`).
public enum SyntheticTrialKind: String, CaseIterable, Sendable {
    /// JobFirst (2016–2017): 15 municipalities, cash benefit and resource programmes, 78 weeks.
    case jobfirst
    /// Other actors placing flex-job candidates (2005–2006): 4 municipalities × 60, 52 weeks.
    case flexjob

    /// The seed the shipped `Data/<kind>/` folder was made with: the trial's start date as a number.
    public var shippedSeed: UInt64 {
        switch self {
        case .jobfirst: return JobFirstModel.shippedSeed
        case .flexjob: return FlexJobModel.shippedSeed
        }
    }

    /// Generates the trial for `seed`: the same seed always gives the same bytes.
    public func simulate(seed: UInt64) -> SimulatedTrial {
        switch self {
        case .jobfirst: return JobFirstSimulator(seed: seed).run()
        case .flexjob: return FlexJobSimulator(seed: seed).run()
        }
    }
}

/// One simulated participant-week, compact (hours in tenths so the text is exact).
public struct SimulatedWeek: Hashable, Sendable {
    /// 1-based week since enrolment.
    public let week: Int
    /// Paid hours × 10 (234 = 23.4 hours).
    public let hoursTenths: Int
    public let activity: ActivityKind
    public let mentor: Bool
    public let status: BenefitStatus

    public init(week: Int, hoursTenths: Int, activity: ActivityKind, mentor: Bool, status: BenefitStatus) {
        self.week = week
        self.hoursTenths = hoursTenths
        self.activity = activity
        self.mentor = mentor
        self.status = status
    }

    public var paidHours: Double { Double(hoursTenths) / 10 }

    /// Company-directed activity: a company-directed activity kind or any paid hours (DATA-FORMATS.md).
    public var isCompanyDirected: Bool { activity.isCompanyDirected || hoursTenths > 0 }
}

/// A generated synthetic trial: the participants, their assignments and weeks, and the files.
public struct SimulatedTrial: Sendable {
    /// Participants in enrolment order (the roster's row order).
    public let participants: [Participant]
    /// The randomizer's assignment of each participant, in the same order.
    public let assignments: [Assignment]
    /// Each participant's weekly rows, in the same order (weeks 1, 2, … until follow-up ends or an exit).
    public let weeks: [[SimulatedWeek]]
    /// The trial folder's files.
    public let files: TrialFiles
}
