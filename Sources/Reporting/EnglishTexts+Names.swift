// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// Names of benefits, outcomes, statuses, arms, variables, values, windows and scopes in English.
extension EnglishTexts {
    public func benefitName(_ code: String) -> String? {
        switch code {
        case "cash_benefit": return "cash benefit"
        case "resource_programme": return "resource programme"
        case "flexjob_waiting_benefit": return "flex-job waiting benefit"
        default: return nil
        }
    }

    public func outcomeName(_ outcome: OutcomeKind, companyRunWeeks: Int) -> String {
        switch outcome {
        case .anyPaidHours: return "Share with ordinary paid hours"
        case .paidHours: return "Ordinary paid hours per week"
        case .companyRun:
            return companyRunWeeks == 1 ? "1 week of company-directed activity"
                : "\(companyRunWeeks) consecutive weeks of company-directed activity"
        case .timeToPaidHours: return "Time to first ordinary paid hours"
        case .losingPaidHours: return "Hazard of losing paid hours again"
        case .timeToFlexJob: return "Time to a flex job"
        case .flexJob: return "Share in a flex job"
        }
    }

    public func statusName(_ code: String) -> String? {
        switch code {
        case "on_benefit": return "on benefit"
        case "self_supporting": return "self-supporting"
        case "flex_job": return "flex job"
        case "flexjob_waiting_benefit": return "flex-job waiting benefit"
        case "disability_pension": return "disability pension"
        case "moved_away", "moved": return "moved away"
        case "cash_benefit": return "cash benefit"
        case "flexjob_retirement_benefit": return "flex-job retirement benefit"
        case "records_end_early": return "records end early"
        case "no_weekly_records": return "no weekly records"
        case "sickness_benefit": return "sickness benefit"
        case "died", "death": return "died"
        case "withdrew", "withdrawn": return "withdrew"
        default: return nil
        }
    }

    public func armName(_ code: String) -> String? {
        switch code.lowercased() {
        case "control": return "control group"
        case "treatment", "treated", "intervention": return "treatment group"
        case "jobfirst": return "JobFirst"
        case "municipality": return "municipality"
        case "other_actor": return "other actor"
        default: return nil
        }
    }

    public func variableName(_ code: String) -> String? {
        switch code {
        case "gender": return "gender"
        case "female": return "woman"
        case "age": return "age"
        case "age_group": return "age group"
        case "origin": return "origin"
        case "municipality": return "municipality"
        case "benefit": return "benefit"
        case "prior_weeks_employed": return "weeks employed, last 3 years"
        case "prior_weeks_self_supporting": return "weeks self-supporting, last 3 years"
        case "prior_weeks_sick": return "weeks registered sick, last 3 years"
        case "control_success_rate": return "control group's success rate"
        case "caseload": return "caseload"
        case "internship_share": return "share in company internship"
        default: return nil
        }
    }

    public func valueName(_ code: String, of variable: String) -> String? {
        switch code {
        case "female": return "woman"
        case "male": return "man"
        case "danish": return "Danish"
        case "western": return "Western"
        case "non_western": return "non-Western"
        case "immigrant", "immigrant_or_descendant": return "immigrant or descendant"
        case "yes", "1": return text(.yes)
        case "no", "0": return text(.no)
        default: return benefitName(code)
        }
    }

    public func windowText(_ window: WeekWindow) -> String {
        window.firstWeek == window.lastWeek ? "week \(window.firstWeek)" : "weeks \(window.firstWeek)–\(window.lastWeek)"
    }

    public func scopeTitle(benefit: String?, municipality: String?) -> String {
        guard let municipality else { return (benefit ?? "").capitalizedFirst }
        return "\(municipality), \(benefit ?? "")"
    }
}
