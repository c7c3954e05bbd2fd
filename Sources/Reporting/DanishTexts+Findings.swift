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
            + "Kaplan–Meier-kurver og kumuleret incidens samles, så intet trin står for færre hændelser, og så ingen to kurver i "
            + "samlingen kan trækkes fra hinanden og afsløre færre; en kurve, der ikke kan tegnes sådan, udelades. Antal kommuner vises altid."
        return rule + (hidesSomething ? " I denne rapport er nogle tal skjult efter disse regler." : " I denne rapport er ingen tal skjult.")
    }

    public func provenanceLine(version: String, trialHash: String?, dataDate: String?, storeHead: StoreHead?) -> String {
        var parts = ["Effekt \(version)"]
        if let trialHash { parts.append("forsøgsfilens SHA-256 `\(trialHash.prefix(16))`") }
        if let dataDate { parts.append("data til og med \(dataDate)") }
        if let storeHead { parts.append("databasens fingeraftryk `\(storeHead.digest.prefix(16))`" + (storeHead.verified ? "" : " (ikke verificeret)")) }
        return parts.joined(separator: " · ")
    }

    public func limitationsParagraph(tests: Int, underpowered: Int, cells: Int, fallback: Int, hides: Bool, synthetic: Bool) -> String {
        var s = ["Rapporterne viser \(tests) effektestimater; nogle vil være signifikante ved et tilfælde, så p-værdier efter Holm- og Benjamini–Hochberg-korrektion står ved siden af."]
        if underpowered > 0 { s.append("I \(underpowered) af \(cells) udsnit er gruppen for lille til at påvise en effekt af samme størrelse som den samlede; her betyder en ikke-signifikant forskel ikke, at der ingen effekt er.") }
        if fallback > 0 { s.append("I \(fallback) udsnit er der for få deltagere til kovariatjustering, og effekten er den ujusterede forskel i gennemsnit.") }
        if hides { s.append("Tal, der beskriver eller afslører færre end diskretionsgrænsen, er skjult.") }
        if synthetic { s.append("Data er syntetiske: de er dannet af Effekt og kalibreret til de offentliggjorte tal, og beskriver ingen virkelige personer.") }
        return s.joined(separator: " ")
    }
}
