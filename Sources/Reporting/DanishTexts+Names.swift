// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// Names of benefits, outcomes, statuses, arms, variables, values, windows and scopes in Danish.
extension DanishTexts {
    public func benefitName(_ code: String) -> String? {
        switch code {
        case "cash_benefit": return "kontanthjælp"
        case "resource_programme": return "ressourceforløb"
        case "flexjob_waiting_benefit": return "ledighedsydelse"
        default: return nil
        }
    }

    public func outcomeName(_ outcome: OutcomeKind, companyRunWeeks: Int) -> String {
        switch outcome {
        case .anyPaidHours: return "Andel med ordinære løntimer"
        case .paidHours: return "Ordinære løntimer pr. uge"
        case .companyRun:
            return companyRunWeeks == 1 ? "1 uge med virksomhedsrettet indsats"
                : "\(companyRunWeeks) sammenhængende uger med virksomhedsrettet indsats"
        case .timeToPaidHours: return "Tid til første ordinære løntimer"
        case .losingPaidHours: return "Risiko for at miste løntimerne igen"
        case .timeToFlexJob: return "Tid til fleksjob"
        case .flexJob: return "Andel i fleksjob"
        }
    }

    public func statusName(_ code: String) -> String? {
        switch code {
        case "on_benefit": return "på ydelse"
        case "self_supporting": return "selvforsørgende"
        case "flex_job": return "fleksjob"
        case "flexjob_waiting_benefit": return "ledighedsydelse"
        case "disability_pension": return "førtidspension"
        case "moved_away", "moved": return "fraflyttet"
        case "cash_benefit": return "kontanthjælp"
        case "flexjob_retirement_benefit": return "fleksydelse"
        case "records_end_early": return "registreringer stopper før tid"
        case "no_weekly_records": return "ingen ugentlige registreringer"
        case "sickness_benefit": return "sygedagpenge"
        case "died", "death": return "død"
        case "withdrew", "withdrawn": return "trukket sig"
        default: return nil
        }
    }

    public func armName(_ code: String) -> String? {
        switch code.lowercased() {
        case "control": return "kontrolgruppen"
        case "treatment", "treated", "intervention": return "indsatsgruppen"
        case "jobfirst": return "JobFirst"
        case "municipality": return "kommune"
        case "other_actor": return "anden aktør"
        default: return nil
        }
    }

    public func variableName(_ code: String) -> String? {
        switch code {
        case "gender": return "køn"
        case "female": return "kvinde"
        case "age": return "alder"
        case "age_group": return "aldersgruppe"
        case "origin": return "herkomst"
        case "municipality": return "kommune"
        case "benefit": return "ydelse"
        case "prior_weeks_employed": return "uger i beskæftigelse, seneste 3 år"
        case "prior_weeks_self_supporting": return "uger selvforsørgende, seneste 3 år"
        case "prior_weeks_sick": return "uger sygemeldt, seneste 3 år"
        case "control_success_rate": return "kontrolgruppens succesrate"
        case "caseload": return "sagsstamme"
        case "internship_share": return "andel i virksomhedspraktik"
        default: return nil
        }
    }

    public func valueName(_ code: String, of variable: String) -> String? {
        switch code {
        case "female": return "kvinde"
        case "male": return "mand"
        case "danish": return "dansk"
        case "western": return "vestlig"
        case "non_western": return "ikke-vestlig"
        case "immigrant", "immigrant_or_descendant": return "indvandrer eller efterkommer"
        case "yes", "1": return text(.yes)
        case "no", "0": return text(.no)
        default: return benefitName(code)
        }
    }

    public func windowText(_ window: WeekWindow) -> String {
        window.firstWeek == window.lastWeek ? "uge \(window.firstWeek)" : "uge \(window.firstWeek)–\(window.lastWeek)"
    }

    public func scopeTitle(benefit: String?, municipality: String?) -> String {
        let b = (benefit ?? "").capitalizedFirst
        guard let municipality else { return b }
        return "\(municipality), \(benefit ?? "")"
    }
}
