// SPDX-License-Identifier: GPL-3.0-or-later

/// What a participant did in a week (`activity` column of weekly.csv).
public enum ActivityKind: String, CaseIterable, Hashable, Sendable, Codable {
    case none
    /// Virksomhedspraktik: unpaid work placement in a firm.
    case internship
    /// Løntilskud: subsidised job at a firm.
    case wageSubsidy = "wage_subsidy"
    /// Ordinary paid job (possibly a few hours).
    case ordinaryJob = "ordinary_job"
    case education
    case other

    /// Company-directed activity (virksomhedsrettet indsats): internship, wage subsidy or ordinary job.
    public var isCompanyDirected: Bool {
        self == .internship || self == .wageSubsidy || self == .ordinaryJob
    }
}

/// A participant's benefit or labour-market status in a week (`status` column of weekly.csv).
public enum BenefitStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case onBenefit = "on_benefit"
    case selfSupporting = "self_supporting"
    case flexJob = "flex_job"
    case flexjobWaitingBenefit = "flexjob_waiting_benefit"
    case disabilityPension = "disability_pension"
    case movedAway = "moved_away"
    case cashBenefit = "cash_benefit"
    case flexjobRetirementBenefit = "flexjob_retirement_benefit"
    case sicknessBenefit = "sickness_benefit"

    /// Absorbing exits: after one, a participant has no further weekly rows.
    public var isAbsorbingExit: Bool { self == .disabilityPension || self == .movedAway }

    /// Every absorbing exit, in declaration order — the one list the store's SQL is written from.
    public static let absorbingExits: [BenefitStatus] = allCases.filter(\.isAbsorbingExit)
}

/// One participant-week of follow-up (a row of weekly.csv), as kept in the participant's
/// history (`ParticipantHistory`), which says whose it is.
///
/// 16 bytes: at 1,000,000 participants × 104 weeks the analysis holds 100 million of them
/// (1.6 GB; 4.0 GB when each carried its participant's id and a full-width week).
public struct WeeklyRecord: Hashable, Sendable, Codable {
    /// Ordinary paid hours, 0 ≤ hours ≤ 80.
    public let paidHours: Double
    private let storedWeek: Int32
    public let activity: ActivityKind
    public let mentor: Bool
    public let status: BenefitStatus

    /// 1-based week since enrolment.
    public var week: Int { Int(storedWeek) }

    /// - Precondition: `week` fits in 32 bits (follow-up is weeks, not millennia).
    public init(week: Int, paidHours: Double, activity: ActivityKind, mentor: Bool, status: BenefitStatus) {
        precondition(week >= Int(Int32.min) && week <= Int(Int32.max), "week \(week) out of range")
        self.storedWeek = Int32(week)
        self.paidHours = paidHours
        self.activity = activity
        self.mentor = mentor
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case storedWeek = "week", paidHours, activity, mentor, status
    }

    /// A week of company-directed activity: a company-directed activity kind or any paid hours.
    public var isCompanyDirected: Bool { activity.isCompanyDirected || paidHours > 0 }
}
