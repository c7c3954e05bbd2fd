// SPDX-License-Identifier: GPL-3.0-or-later

/// The benefit a participant received at enrolment (the `benefit` roster column).
public enum BenefitType: String, CaseIterable, Hashable, Sendable, Codable {
    /// Kontanthjælp: means-tested social assistance.
    case cashBenefit = "cash_benefit"
    /// Ressourceforløb: long programme for people far from the labour market.
    case resourceProgramme = "resource_programme"
    /// Ledighedsydelse: paid while a person approved for a flex job waits for one.
    case flexjobWaitingBenefit = "flexjob_waiting_benefit"
}

/// A baseline covariate value from the roster: a number, or a category label.
public enum CovariateValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
    case category(String)

    /// Reads a roster field: a decimal number becomes `.number`, anything else `.category`.
    public init(field: String) {
        if let v = Double(field), v.isFinite { self = .number(v) } else { self = .category(field) }
    }

    public var number: Double? { if case let .number(v) = self { return v } else { return nil } }

    public var description: String {
        switch self {
        case let .number(v): return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
        case let .category(s): return s
        }
    }
}

/// One enrolled citizen: identity, stratum variables, enrolment date, baseline covariates.
public struct Participant: Hashable, Sendable, Codable {
    public let id: ParticipantID
    public let municipality: String
    public let benefit: BenefitType
    public let enrolledOn: CalendarDate
    /// Every other roster column, by column name.
    public let covariates: [String: CovariateValue]

    public init(id: ParticipantID, municipality: String, benefit: BenefitType, enrolledOn: CalendarDate,
                covariates: [String: CovariateValue] = [:]) {
        self.id = id
        self.municipality = municipality
        self.benefit = benefit
        self.enrolledOn = enrolledOn
        self.covariates = covariates
    }

    /// The value of a roster column by name, including the fixed ones (`municipality`, `benefit`).
    public func value(of column: String) -> CovariateValue? {
        switch column {
        case "id": return .category(id.rawValue)
        case "municipality": return .category(municipality)
        case "benefit": return .category(benefit.rawValue)
        case "enrolled_on": return .category(enrolledOn.description)
        default: return covariates[column]
        }
    }

    /// The participant's stratum under the given stratification variables.
    /// Returns nil when a variable is missing for this participant.
    public func stratum(by variables: [String]) -> Stratum? {
        var values = [String]()
        for v in variables {
            guard let value = self.value(of: v) else { return nil }
            let text = value.description
            if text.isEmpty { return nil }
            values.append(text)
        }
        return Stratum(values: values)
    }
}
