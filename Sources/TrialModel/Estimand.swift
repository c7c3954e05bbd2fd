// SPDX-License-Identifier: GPL-3.0-or-later

/// What a published figure measures, as `published.csv` names it: a kind with its arguments,
/// parsed once when the file is read (`init(parsing:)`) and written back the same way
/// (`description`).
///
/// Text form: `kind` or `kind:argument`, e.g. `count_randomized:treated`,
/// `share_status_week:flex_job@26`, `effect:any_paid_hours@66-78`, `baseline_share:waited_weeks>=78`.
public enum Estimand: Hashable, Sendable, CustomStringConvertible {
    /// An arm of a trial by its role, or by its name.
    public enum ArmRole: Hashable, Sendable, CustomStringConvertible {
        case treated, control
        case named(String)

        public init(_ text: String) {
            switch text {
            case "treated": self = .treated
            case "control": self = .control
            default: self = .named(text)
            }
        }

        public var description: String {
            switch self {
            case .treated: return "treated"
            case .control: return "control"
            case .named(let name): return name
            }
        }
    }

    /// An outcome over a window of weeks: `any_paid_hours@66-78`.
    public struct OutcomeWindow: Hashable, Sendable, CustomStringConvertible {
        public let outcome: String
        public let firstWeek: Int
        public let lastWeek: Int

        public init(outcome: String, firstWeek: Int, lastWeek: Int) {
            self.outcome = outcome
            self.firstWeek = firstWeek
            self.lastWeek = lastWeek
        }

        public var description: String { "\(outcome)@\(firstWeek)-\(lastWeek)" }
    }

    /// A baseline condition on a roster column: `female=1`, `origin=non_western`, `waited_weeks>=78`.
    public enum BaselineCondition: Hashable, Sendable, CustomStringConvertible {
        case equals(column: String, level: String)
        case atLeast(column: String, bound: Double)

        public var description: String {
            switch self {
            case .equals(let column, let level): return "\(column)=\(level)"
            case .atLeast(let column, let bound): return "\(column)>=\(Self.number(bound))"
            }
        }

        static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
    }

    /// Persons randomized (to one arm when given).
    case countRandomized(ArmRole?)
    /// Persons randomized per arm and stratum: the mean, with min and max as its range.
    case countRandomizedPerArmStratum
    case countMunicipalities
    /// Persons whose last recorded week has this status.
    case countStatusLastWeek(BenefitStatus)
    /// Persons with at least one week in a flex job.
    case countFlexJobStarts
    /// Flex jobs started (events.csv `flex_job_start`) that this creator created.
    case countFlexJobStartsBy(JobCreator)
    /// Flex jobs started with this wage subsidy (events.csv `flex_job_start`).
    case countFlexJobStartsWithSubsidy(WageSubsidy)
    /// The share of persons whose last recorded week has this status.
    case shareStatusLastWeek(BenefitStatus)
    /// Among persons placed in a flex job (a `flex_job_start` event), the share meeting a baseline condition.
    case placedShare(BaselineCondition)
    /// Persons still waiting at the end whose end classification is this one.
    case countEndClassification(WaitingClassification)
    /// The share of persons with this status in a week.
    case shareStatusWeek(BenefitStatus, week: Int)
    /// Mean months with this status among those with any.
    case meanStatusMonths(BenefitStatus)
    case baselineMean(column: String)
    case baselineShare(BaselineCondition)
    case treatedMean(OutcomeWindow)
    case controlMean(OutcomeWindow)
    /// The headline ITT effect, and the effect relative to the control mean.
    case effect(OutcomeWindow)
    case relativeEffect(OutcomeWindow)
    /// The treated share who completed a company-directed run by a week.
    case treatedShareCompanyRunByWeek(Int)
    /// A hazard ratio by its id (`losing_paid_hours`).
    case hazardRatio(id: String)
    /// The largest municipality effect on an outcome window.
    case maxSiteEffect(OutcomeWindow)
    /// A figure of a monitored programme (the placement units): `Estimand+Monitoring.swift`.
    case monitoring(MonitoringEstimand)

    /// The kinds, as `published.csv` spells them.
    public static let kinds = ["count_randomized", "count_randomized_per_arm_stratum", "count_municipalities",
                               "count_status_last_week", "count_flex_job_starts", "count_flex_job_starts_by",
                               "count_flex_job_starts_with_subsidy", "share_status_last_week", "placed_share", "count_end_classification", "share_status_week", "mean_status_months",
                               "baseline_mean", "baseline_share", "treated_mean", "control_mean", "effect", "relative_effect",
                               "treated_share_company_run_by_week", "hazard_ratio", "max_site_effect"]
        + MonitoringEstimand.kinds

    /// Parses the text form; nil when the kind is unknown or its argument does not fit it
    /// (`published.csv` reports that with file, line and column).
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let kind = parts[0], argument = parts.count > 1 ? parts[1] : nil
        func status() -> BenefitStatus? { argument.flatMap(BenefitStatus.init(rawValue:)) }
        func window() -> OutcomeWindow? { argument.flatMap(Self.window) }
        func nonEmpty() -> String? { argument.flatMap { $0.isEmpty ? nil : $0 } }
        switch kind {
        case "count_randomized":
            if let argument { guard !argument.isEmpty else { return nil }; self = .countRandomized(ArmRole(argument)) }
            else { self = .countRandomized(nil) }
        case "count_randomized_per_arm_stratum" where argument == nil: self = .countRandomizedPerArmStratum
        case "count_municipalities" where argument == nil: self = .countMunicipalities
        case "count_flex_job_starts" where argument == nil: self = .countFlexJobStarts
        case "count_status_last_week": guard let s = status() else { return nil }; self = .countStatusLastWeek(s)
        case "share_status_last_week": guard let s = status() else { return nil }; self = .shareStatusLastWeek(s)
        case "count_flex_job_starts_by":
            guard let c = argument.flatMap(JobCreator.init(rawValue:)) else { return nil }; self = .countFlexJobStartsBy(c)
        case "count_flex_job_starts_with_subsidy":
            guard let s = argument.flatMap(WageSubsidy.init(rawValue:)) else { return nil }; self = .countFlexJobStartsWithSubsidy(s)
        case "count_end_classification":
            guard let c = argument.flatMap(WaitingClassification.init(rawValue:)) else { return nil }; self = .countEndClassification(c)
        case "placed_share": guard let c = argument.flatMap(Self.condition) else { return nil }; self = .placedShare(c)
        case "mean_status_months": guard let s = status() else { return nil }; self = .meanStatusMonths(s)
        case "share_status_week":
            guard let parts = argument?.split(separator: "@", omittingEmptySubsequences: false), parts.count == 2,
                  let s = BenefitStatus(rawValue: String(parts[0])), let week = Int(parts[1]), week >= 0 else { return nil }
            self = .shareStatusWeek(s, week: week)
        case "baseline_mean": guard let c = nonEmpty() else { return nil }; self = .baselineMean(column: c)
        case "baseline_share": guard let c = argument.flatMap(Self.condition) else { return nil }; self = .baselineShare(c)
        case "treated_mean": guard let w = window() else { return nil }; self = .treatedMean(w)
        case "control_mean": guard let w = window() else { return nil }; self = .controlMean(w)
        case "effect": guard let w = window() else { return nil }; self = .effect(w)
        case "relative_effect": guard let w = window() else { return nil }; self = .relativeEffect(w)
        case "max_site_effect": guard let w = window() else { return nil }; self = .maxSiteEffect(w)
        case "treated_share_company_run_by_week":
            guard let week = argument.flatMap({ Int($0) }), week >= 0 else { return nil }
            self = .treatedShareCompanyRunByWeek(week)
        case "hazard_ratio": guard let id = nonEmpty() else { return nil }; self = .hazardRatio(id: id)
        default:
            guard let m = MonitoringEstimand(kind: kind, argument: argument) else { return nil }
            self = .monitoring(m)
        }
    }

    public var description: String {
        switch self {
        case .countRandomized(let arm): return arm.map { "count_randomized:\($0)" } ?? "count_randomized"
        case .countRandomizedPerArmStratum: return "count_randomized_per_arm_stratum"
        case .countMunicipalities: return "count_municipalities"
        case .countStatusLastWeek(let s): return "count_status_last_week:\(s.rawValue)"
        case .countFlexJobStarts: return "count_flex_job_starts"
        case .countFlexJobStartsBy(let c): return "count_flex_job_starts_by:\(c.rawValue)"
        case .countFlexJobStartsWithSubsidy(let s): return "count_flex_job_starts_with_subsidy:\(s.rawValue)"
        case .shareStatusLastWeek(let s): return "share_status_last_week:\(s.rawValue)"
        case .placedShare(let c): return "placed_share:\(c)"
        case .countEndClassification(let c): return "count_end_classification:\(c.rawValue)"
        case .shareStatusWeek(let s, let week): return "share_status_week:\(s.rawValue)@\(week)"
        case .meanStatusMonths(let s): return "mean_status_months:\(s.rawValue)"
        case .baselineMean(let column): return "baseline_mean:\(column)"
        case .baselineShare(let c): return "baseline_share:\(c)"
        case .treatedMean(let w): return "treated_mean:\(w)"
        case .controlMean(let w): return "control_mean:\(w)"
        case .effect(let w): return "effect:\(w)"
        case .relativeEffect(let w): return "relative_effect:\(w)"
        case .treatedShareCompanyRunByWeek(let week): return "treated_share_company_run_by_week:\(week)"
        case .hazardRatio(let id): return "hazard_ratio:\(id)"
        case .maxSiteEffect(let w): return "max_site_effect:\(w)"
        case .monitoring(let m): return m.description
        }
    }

    /// `outcome@first-last` with 1 ≤ first ≤ last.
    static func window(_ text: String) -> OutcomeWindow? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let weeks = parts[1].split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard weeks.count == 2, weeks[0] >= 1, weeks[0] <= weeks[1] else { return nil }
        return OutcomeWindow(outcome: String(parts[0]), firstWeek: weeks[0], lastWeek: weeks[1])
    }

    /// `column=level` or `column>=number`.
    static func condition(_ text: String) -> BaselineCondition? {
        if let r = text.range(of: ">=") {
            let column = String(text[..<r.lowerBound])
            guard !column.isEmpty, let bound = Double(text[r.upperBound...]), bound.isFinite else { return nil }
            return .atLeast(column: column, bound: bound)
        }
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return .equals(column: String(parts[0]), level: String(parts[1]))
    }
}
