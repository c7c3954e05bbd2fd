// SPDX-License-Identifier: GPL-3.0-or-later

/// What happened in a participant's placement course (`event` column of events.csv).
///
/// Weekly records say what status a week had; events say who did what: who created a flex job,
/// that a person was sent back to the municipality and returned, how a person still waiting was
/// judged at the end.
public enum PlacementEventKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// Referred to the provider (the start of the provider's course; the fixed fee is paid for it).
    case referral
    /// A company internship starts (virksomhedspraktik).
    case internshipStart = "internship_start"
    /// A work trial starts (arbejdsprøvning).
    case workTrialStart = "work_trial_start"
    /// A flex job starts; `created_by`, `sector`, `size_band` and `subsidy` describe it.
    case flexJobStart = "flex_job_start"
    /// The flex job that is running ends.
    case flexJobEnd = "flex_job_end"
    /// The provider sends the person back to the municipality; `reason` says why.
    case sendBack = "send_back"
    /// A person sent back returns to the provider.
    case returnToProvider = "return_to_provider"
    /// How a person still waiting at the end was judged; `classification` says how.
    case endClassification = "end_classification"
}

/// Who created a flex job.
public enum JobCreator: String, CaseIterable, Hashable, Sendable, Codable {
    /// The other actor (the provider) the person was referred to.
    case provider
    /// The municipality's job centre.
    case municipality
}

/// The employer's sector.
public enum EmployerSector: String, CaseIterable, Hashable, Sendable, Codable {
    case `private`
    case `public`
}

/// The employer's size in employees.
public enum EmployerSizeBand: String, CaseIterable, Hashable, Sendable, Codable {
    case under10 = "lt10"
    case from10To49 = "10_49"
    case from50To249 = "50_249"
    case atLeast250 = "ge250"

    /// Under 50 employees (the report's "small firms").
    public var isUnder50: Bool { self == .under10 || self == .from10To49 }
}

/// The wage subsidy of a flex job: half or two thirds of the wage.
public enum WageSubsidy: String, CaseIterable, Hashable, Sendable, Codable {
    case half
    case twoThirds = "two_thirds"
}

/// How a person still on waiting benefit at the end was judged (the report's four groups).
public enum WaitingClassification: String, CaseIterable, Hashable, Sendable, Codable {
    case towardsFlexJob = "towards_flex_job"
    case stuck
    case sick
    case towardsDisabilityPension = "towards_disability_pension"
}

/// The attributes of a flex job as its start event gives them.
public struct FlexJobAttributes: Hashable, Sendable, Codable {
    public let createdBy: JobCreator
    public let sector: EmployerSector
    public let sizeBand: EmployerSizeBand
    public let subsidy: WageSubsidy

    public init(createdBy: JobCreator, sector: EmployerSector, sizeBand: EmployerSizeBand, subsidy: WageSubsidy) {
        self.createdBy = createdBy
        self.sector = sector
        self.sizeBand = sizeBand
        self.subsidy = subsidy
    }
}

/// One event of a participant's placement course: a row of events.csv.
///
/// The kind carries what only it has: a flex-job start its job's attributes, a send-back its
/// reason, an end classification its classification. Other events have none of these.
public struct PlacementEvent: Hashable, Sendable, Codable {
    public enum Detail: Hashable, Sendable, Codable {
        case referral, internshipStart, workTrialStart, flexJobEnd, returnToProvider
        case flexJobStart(FlexJobAttributes)
        case sendBack(reason: String)
        case endClassification(WaitingClassification)
    }

    public let participant: ParticipantID
    public let date: CalendarDate
    public let detail: Detail
    /// 1-based line in the file it was read from (0 when made in code).
    public let line: Int

    public init(participant: ParticipantID, date: CalendarDate, detail: Detail, line: Int = 0) {
        self.participant = participant
        self.date = date
        self.detail = detail
        self.line = line
    }

    public var kind: PlacementEventKind {
        switch detail {
        case .referral: return .referral
        case .internshipStart: return .internshipStart
        case .workTrialStart: return .workTrialStart
        case .flexJobStart: return .flexJobStart
        case .flexJobEnd: return .flexJobEnd
        case .sendBack: return .sendBack
        case .returnToProvider: return .returnToProvider
        case .endClassification: return .endClassification
        }
    }

    /// The flex job's attributes, for a flex-job start.
    public var job: FlexJobAttributes? {
        if case .flexJobStart(let a) = detail { return a }
        return nil
    }

    /// The fields of events.csv after `id,date,event`: created_by, sector, size_band, subsidy,
    /// reason, classification ("" where the kind has none).
    public var optionalFields: [String] {
        switch detail {
        case .flexJobStart(let a): return [a.createdBy.rawValue, a.sector.rawValue, a.sizeBand.rawValue, a.subsidy.rawValue, "", ""]
        case .sendBack(let reason): return ["", "", "", "", reason, ""]
        case .endClassification(let c): return ["", "", "", "", "", c.rawValue]
        default: return ["", "", "", "", "", ""]
        }
    }

    /// The trial week of the event's date for someone enrolled on `enrolledOn` (week 1 is the
    /// ISO week of enrolment, as for weekly.csv and register extracts).
    public func trialWeek(enrolledOn: CalendarDate) -> Int {
        ISOWeek(containing: date).trialWeek(enrolledOn: enrolledOn)
    }
}
