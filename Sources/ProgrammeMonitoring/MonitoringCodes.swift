// SPDX-License-Identifier: GPL-3.0-or-later

/// A code of a monitoring file: its raw value is the file's spelling (docs/DATA-FORMATS.md).
public protocol MonitoringCode: RawRepresentable<String>, CaseIterable, Hashable, Sendable {}

extension MonitoringCode {
    /// Every code as the file spells it, in declaration order.
    public static var spellings: [String] { allCases.map(\.rawValue) }
}

/// How a placement unit is organised (the appendix's Bilag 2, six groups).
public enum OrganisationForm: String, MonitoringCode {
    case singleMunicipality = "single_municipality"
    case oneLargeAndSmallerMunicipalities = "one_large_and_smaller_municipalities"
    case severalSmallMunicipalities = "several_small_municipalities"
    case oneMunicipalityAndAF = "one_municipality_and_af"
    case severalMunicipalitiesAndAF = "several_municipalities_and_af"
    case noAuthorityAnchor = "no_authority_anchor"
}

/// Whom a unit works with directly.
public enum UnitApproach: String, MonitoringCode {
    case citizenDirected = "citizen_directed"
    case companyDirected = "company_directed"
    case both
}

/// How a citizen came into contact with the unit (Defgo: Henvendelse).
public enum ContactSource: String, MonitoringCode {
    case municipalReferral = "municipal_referral"
    case companyRequest = "company_request"
    case ownInitiative = "own_initiative"
    case afCountyReferral = "af_county_referral"
}

/// The benefit a citizen received at contact (Defgo: Forsørgelsesgrundlag ved henvendelse).
public enum BenefitAtContact: String, MonitoringCode {
    case cashBenefit = "cash_benefit"
    case sicknessBenefit = "sickness_benefit"
    case wage
    case disabilityPension = "disability_pension"
    case unemploymentInsuranceBenefit = "unemployment_insurance_benefit"
    case flexJobWaitingBenefit = "flex_job_waiting_benefit"
}

/// An intervention proposed by the authority or arranged by the unit (Defgo: Indsatstype).
/// `unknown` is for the proposed one only, `sentBack` for the arranged one only.
public enum Intervention: String, MonitoringCode {
    case ordinaryWork = "ordinary_work"
    case flexJob = "flex_job"
    case shelteredJob = "sheltered_job"
    case jobRetention = "job_retention"
    case wageSubsidyJob = "wage_subsidy_job"
    case workTrial = "work_trial"
    case individualJobTraining = "individual_job_training"
    case specialActivation = "special_activation"
    case preRehabilitation = "pre_rehabilitation"
    case companyRehabilitation = "company_rehabilitation"
    case refugeeImmigrantOffer = "refugee_immigrant_offer"
    case companyInternship = "company_internship"
    case other
    case unknown
    case sentBack = "sent_back"

    /// The codes allowed in `proposed`.
    public static let proposable = allCases.filter { $0 != .sentBack }
    /// The codes allowed in `arranged`.
    public static let arrangeable = allCases.filter { $0 != .unknown }
}

/// The status of a case (Defgo: Status på sagen).
public enum CaseStatus: String, MonitoringCode {
    case inPlacement = "in_placement"
    case interrupted
    case closed
    case authorityReconsidering = "authority_reconsidering"

    /// Whether the status ends the case (nothing may follow it).
    public var isFinal: Bool { self == .interrupted || self == .closed }
}

/// The group of a goal type (Bilag 7's tables).
public enum GoalCategory: String, MonitoringCode {
    case general
    case companyContact = "company_contact"
    case jobsEstablished = "jobs_established"
    case retention
    case reduction
    case labPlacements = "lab_placements"
}

/// A goal type (Bilag 7's columns).
public enum GoalType: String, MonitoringCode {
    case placements
    case increasedCompanyUse = "increased_company_use"
    case jobOrders = "job_orders"
    case maxWaitingTime = "max_waiting_time"
    case satisfaction
    case partnershipAgreements = "partnership_agreements"
    case companyVisits = "company_visits"
    case companyNetwork = "company_network"
    case ordinaryJobs = "ordinary_jobs"
    case flexJobs = "flex_jobs"
    case shelteredJobs = "sheltered_jobs"
    case flexAndShelteredJobs = "flex_and_sheltered_jobs"
    case jobRetention = "job_retention"
    case retentionOrdinaryJobs = "retention_ordinary_jobs"
    case retentionFlexShelteredJobs = "retention_flex_sheltered_jobs"
    case fewerCashBenefitRecipients = "fewer_cash_benefit_recipients"
    case shorterSicknessBenefitPeriods = "shorter_sickness_benefit_periods"
    case fewerWaitingBenefitRecipients = "fewer_waiting_benefit_recipients"
    case rehabilitationPlacements = "rehabilitation_placements"
    case wageSubsidyJobs = "wage_subsidy_jobs"
    case companyInternships = "company_internships"

    /// The category the type belongs to.
    public var category: GoalCategory {
        switch self {
        case .placements, .increasedCompanyUse, .jobOrders, .maxWaitingTime, .satisfaction: return .general
        case .partnershipAgreements, .companyVisits, .companyNetwork: return .companyContact
        case .ordinaryJobs, .flexJobs, .shelteredJobs, .flexAndShelteredJobs: return .jobsEstablished
        case .jobRetention, .retentionOrdinaryJobs, .retentionFlexShelteredJobs: return .retention
        case .fewerCashBenefitRecipients, .shorterSicknessBenefitPeriods, .fewerWaitingBenefitRecipients: return .reduction
        case .rehabilitationPlacements, .wageSubsidyJobs, .companyInternships: return .labPlacements
        }
    }
}

/// How a goal's target is stated.
public enum TargetForm: String, MonitoringCode {
    case count
    case growthPercent = "growth_percent"
    case shareOfReferredPercent = "share_of_referred_percent"
    case retentionPercent = "retention_percent"
    case maxWaitingDays = "max_waiting_days"
    case satisfactionPercent = "satisfaction_percent"
    case reductionPercent = "reduction_percent"

    /// Whether a smaller achieved value is better (the attainment is target ÷ achieved).
    public var lowerIsBetter: Bool { self == .maxWaitingDays }
}

/// Whether a goal was measured as agreed.
public enum GoalMeasurement: String, MonitoringCode {
    case agreed, deviating, none
}

/// A yes/no field.
public enum YesNo: String, MonitoringCode {
    case yes, no
}

/// An evaluation area of the cooperation trials.
public enum EvaluationArea: String, MonitoringCode {
    case localBackingAndSteering = "local_backing_and_steering"
    case competenceDevelopment = "competence_development"
    case analysisAndGoals = "analysis_and_goals"
    case jointReferral = "joint_referral"
    case jointCompanyContact = "joint_company_contact"
    case jointContactCourse = "joint_contact_course"
    case jointActivation = "joint_activation"
    case jointUseOfOtherActors = "joint_use_of_other_actors"
}

/// When a cooperation trial was assessed.
public enum AssessmentPoint: String, MonitoringCode, Comparable {
    case baseline, midway, final

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// The ordinal scale of the staged assessments (levels 1–5; ordered categories).
public enum AssessmentLevel: Int, CaseIterable, Hashable, Sendable, Comparable {
    case notStarted = 1, initiated, partlyEstablished, largelyEstablished, fullyEstablished

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
