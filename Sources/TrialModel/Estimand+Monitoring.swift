// SPDX-License-Identifier: GPL-3.0-or-later

/// What a published figure of a monitored programme measures (the placement units): the
/// `Estimand.monitoring` kinds of published.csv, with their arguments as the monitoring files
/// spell their codes. The codes are checked against the monitoring code lists when
/// ProgrammeMonitoring reads its published.csv.
///
/// Text form: `kind` or `kind:argument`, e.g. `benefit_share:cash_benefit`,
/// `arranged_share:ordinary_work>sent_back`, `proposed_share:ordinary_work+flex_job`,
/// `as_proposed_difference:flex_job-ordinary_work`, `placement_days_ratio:flex_job/ordinary_work`.
public enum MonitoringEstimand: Hashable, Sendable, CustomStringConvertible {
    case countUnits
    case countUnitsInForm(String)
    /// Units with at least one registered case.
    case countUnitsWithCases
    /// Mean support period in years (days / 365.25).
    case meanSupportYears
    /// Share of cases with a benefit at contact; the benefit's rank by count (1 = largest).
    case benefitShare(String)
    case benefitRank(String)
    case sourceShare(String)
    /// Share of cases whose proposed intervention is one of these.
    case proposedShare([String])
    /// Among decided cases with this proposal, the share arranged as one of these codes.
    case arrangedShare(proposed: String, arranged: [String])
    /// Arranged-as-proposed rate of the first minus that of the second proposal.
    case asProposedDifference(String, String)
    /// Change of the send-back rate per half-year (Cochran–Armitage slope).
    case sendBackTrendSlope
    /// Change of the share of referrals on a benefit per half-year (Cochran–Armitage slope).
    case benefitTrendSlope(String)
    /// Median days from contact to placement among placed cases: first proposal ÷ second.
    case placementDaysRatio(String, String)
    /// Share of a goal type's measured goals graded I or I+.
    case goalShareMet(String)

    public static let kinds = ["count_units", "count_units_in_form", "count_units_with_cases", "mean_support_years",
                               "benefit_share", "benefit_rank", "source_share", "proposed_share", "arranged_share",
                               "as_proposed_difference", "send_back_trend_slope", "benefit_trend_slope", "placement_days_ratio", "goal_share_met"]

    /// Parses a kind and its argument; nil when the kind is unknown or the argument does not fit.
    public init?(kind: String, argument: String?) {
        func one() -> String? { argument.flatMap { $0.isEmpty || $0.contains(where: { "+>/".contains($0) }) ? nil : $0 } }
        func list(_ text: String?) -> [String]? {
            guard let parts = text?.split(separator: "+", omittingEmptySubsequences: false).map(String.init),
                  !parts.contains(where: \.isEmpty) else { return nil }
            return parts
        }
        func pair(_ separator: Character) -> (String, String)? {
            guard let parts = argument?.split(separator: separator, omittingEmptySubsequences: false), parts.count == 2,
                  !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
        switch kind {
        case "count_units" where argument == nil: self = .countUnits
        case "count_units_with_cases" where argument == nil: self = .countUnitsWithCases
        case "mean_support_years" where argument == nil: self = .meanSupportYears
        case "send_back_trend_slope" where argument == nil: self = .sendBackTrendSlope
        case "count_units_in_form": guard let a = one() else { return nil }; self = .countUnitsInForm(a)
        case "benefit_share": guard let a = one() else { return nil }; self = .benefitShare(a)
        case "benefit_rank": guard let a = one() else { return nil }; self = .benefitRank(a)
        case "source_share": guard let a = one() else { return nil }; self = .sourceShare(a)
        case "goal_share_met": guard let a = one() else { return nil }; self = .goalShareMet(a)
        case "benefit_trend_slope": guard let a = one() else { return nil }; self = .benefitTrendSlope(a)
        case "proposed_share": guard let l = list(argument) else { return nil }; self = .proposedShare(l)
        case "arranged_share":
            guard let (p, rest) = pair(">"), let l = list(rest) else { return nil }
            self = .arrangedShare(proposed: p, arranged: l)
        case "as_proposed_difference": guard let (a, b) = pair("-") else { return nil }; self = .asProposedDifference(a, b)
        case "placement_days_ratio": guard let (a, b) = pair("/") else { return nil }; self = .placementDaysRatio(a, b)
        default: return nil
        }
    }

    /// The codes the argument names, for checking against the monitoring code lists.
    public var codes: [String] {
        switch self {
        case .countUnits, .countUnitsWithCases, .meanSupportYears, .sendBackTrendSlope: return []
        case .countUnitsInForm(let a), .benefitShare(let a), .benefitRank(let a), .sourceShare(let a), .goalShareMet(let a),
             .benefitTrendSlope(let a): return [a]
        case .proposedShare(let l): return l
        case .arrangedShare(let p, let l): return [p] + l
        case .asProposedDifference(let a, let b), .placementDaysRatio(let a, let b): return [a, b]
        }
    }

    public var description: String {
        switch self {
        case .countUnits: return "count_units"
        case .countUnitsInForm(let a): return "count_units_in_form:\(a)"
        case .countUnitsWithCases: return "count_units_with_cases"
        case .meanSupportYears: return "mean_support_years"
        case .benefitShare(let a): return "benefit_share:\(a)"
        case .benefitRank(let a): return "benefit_rank:\(a)"
        case .sourceShare(let a): return "source_share:\(a)"
        case .proposedShare(let l): return "proposed_share:" + l.joined(separator: "+")
        case .arrangedShare(let p, let l): return "arranged_share:\(p)>" + l.joined(separator: "+")
        case .asProposedDifference(let a, let b): return "as_proposed_difference:\(a)-\(b)"
        case .sendBackTrendSlope: return "send_back_trend_slope"
        case .benefitTrendSlope(let a): return "benefit_trend_slope:\(a)"
        case .placementDaysRatio(let a, let b): return "placement_days_ratio:\(a)/\(b)"
        case .goalShareMet(let a): return "goal_share_met:\(a)"
        }
    }
}
