// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension DanishTexts {
    public func hazardMeaning(outcome: OutcomeKind, cause: String?, lower: Bool, percent: String) -> String {
        switch outcome {
        case .timeToPaidHours:
            return lower ? "\(arms.treated.capitalizedFirst) fik løntimer langsommere: \(percent) lavere rate for første løntimer end \(arms.control)."
                : "\(arms.treated.capitalizedFirst) fik løntimer hurtigere: \(percent) højere rate for første løntimer end \(arms.control)."
        case .losingPaidHours:
            return lower ? "\(arms.treated.capitalizedFirst) havde \(percent) lavere risiko for at miste løntimerne igen end \(arms.control)."
                : "\(arms.treated.capitalizedFirst) havde \(percent) højere risiko for at miste løntimerne igen end \(arms.control)."
        case .timeToFlexJob:
            let exit = cause.flatMap(statusName) ?? "afgang"
            return "\(arms.treated.capitalizedFirst) havde \(percent) \(lower ? "lavere" : "højere") rate for afgang til \(exit) end \(arms.control)."
        default:
            return "Raten var \(percent) \(lower ? "lavere" : "højere") for \(arms.treated) end for \(arms.control)."
        }
    }

    public func hiddenEffectSentence(outcome: String, window: String?) -> String {
        let when = window.map { " (\($0))" } ?? ""
        return "**\(outcome)**\(when): tallene vises ikke, fordi de ville afsløre oplysninger om færre personer end diskretionsgrænsen."
    }

    public func notEstimableSentence(outcome: String, window: String?, reason: String) -> String {
        let when = window.map { " (\($0))" } ?? ""
        return "**\(outcome)**\(when): \(reason)."
    }

    public func disclosureStatement(threshold: Int, hidesSomething: Bool) -> String {
        let rule = "Tal, der beskriver færre end \(threshold) personer, vises ikke. Et antal fra 1 til \(threshold - 1) vises som "
            + "\"< \(threshold)\". Et antal, der ellers ville gøre det muligt at regne et skjult tal ud (fra en total, fra en andel "
            + "gange antallet eller fra hele forsøget minus kommunerne), vises som \"..\" (sekundær diskretionering, på tværs af alle "
            + "rapporter i samme sæt). Gennemsnit, andele, effekter, intervaller og p-værdier for grupper med færre end \(threshold) "
            + "personer vises som \"..\". Kurver tegnes ikke for grupper med færre end \(threshold) personer, og trinene i "
            + "Kaplan–Meier-kurver og kumuleret incidens samles, så intet trin står for færre hændelser. Antal kommuner vises altid."
        return rule + (hidesSomething ? " I denne rapport er nogle tal skjult efter disse regler." : " I denne rapport er ingen tal skjult.")
    }
}
