// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension EnglishTexts {
    public func hazardMeaning(outcome: OutcomeKind, cause: String?, lower: Bool, percent: String) -> String {
        switch outcome {
        case .timeToPaidHours:
            return lower ? "\(arms.treated.capitalizedFirst) found paid hours more slowly: a \(percent) lower rate of first paid hours than \(arms.control)."
                : "\(arms.treated.capitalizedFirst) found paid hours faster: a \(percent) higher rate of first paid hours than \(arms.control)."
        case .losingPaidHours:
            return "\(arms.treated.capitalizedFirst) had a \(percent) \(lower ? "lower" : "higher") risk of losing paid hours than \(arms.control)."
        case .timeToFlexJob:
            let exit = cause.flatMap(statusName) ?? "exit"
            return "\(arms.treated.capitalizedFirst) had a \(percent) \(lower ? "lower" : "higher") rate of leaving for \(exit) than \(arms.control)."
        default:
            return "The rate was \(percent) \(lower ? "lower" : "higher") for \(arms.treated) than for \(arms.control)."
        }
    }

    public func hiddenEffectSentence(outcome: String, window: String?) -> String {
        let when = window.map { " (\($0))" } ?? ""
        return "**\(outcome)**\(when): the numbers are not shown because they would reveal information about fewer people than the disclosure limit."
    }

    public func notEstimableSentence(outcome: String, window: String?, reason: String) -> String {
        let when = window.map { " (\($0))" } ?? ""
        return "**\(outcome)**\(when): \(reason)."
    }

    public func disclosureStatement(threshold: Int, hidesSomething: Bool) -> String {
        let rule = "Numbers describing fewer than \(threshold) people are not shown. A count from 1 to \(threshold - 1) shows as "
            + "\"< \(threshold)\". A count that would otherwise let a reader work out a hidden one (from a total, from a share "
            + "times its N, or from the whole trial minus its municipalities) shows as \"..\" (secondary suppression, across all "
            + "reports of the same set). Means, shares, effects, intervals and p-values for groups of fewer than \(threshold) "
            + "people show as \"..\". Curves are not drawn for groups of fewer than \(threshold) people, and the steps of "
            + "Kaplan–Meier and cumulative-incidence curves are merged so that no step stands for fewer events, and so that no "
            + "two curves of the set can be subtracted to reveal fewer; a curve that cannot be drawn that way is left out. Counts of "
            + "municipalities are always shown."
        return rule + (hidesSomething ? " In this report some numbers are hidden by these rules." : " In this report no number is hidden.")
    }

    public func provenanceLine(version: String, trialHash: String?, dataDate: String?, storeHead: StoreHead?) -> String {
        var parts = ["Effekt \(version)"]
        if let trialHash { parts.append("trial file SHA-256 `\(trialHash.prefix(16))`") }
        if let dataDate { parts.append("data up to \(dataDate)") }
        if let storeHead { parts.append("store head `\(storeHead.digest.prefix(16))`" + (storeHead.verified ? "" : " (not verified)")) }
        return parts.joined(separator: " · ")
    }

    public func limitationsParagraph(tests: Int, underpowered: Int, cells: Int, fallback: Int, hides: Bool, synthetic: Bool) -> String {
        var s = ["The reports show \(tests) effect estimates; some will be significant by chance, so p-values after Holm and Benjamini–Hochberg adjustment stand beside them."]
        if underpowered > 0 { s.append("In \(underpowered) of \(cells) scopes the group is too small to detect an effect as large as the overall one; there a non-significant difference does not show that there is no effect.") }
        if fallback > 0 { s.append("In \(fallback) scopes there are too few participants for covariate adjustment, and the effect is the unadjusted difference in means.") }
        if hides { s.append("Numbers that describe or reveal fewer people than the disclosure limit are hidden.") }
        if synthetic { s.append("The data are synthetic: made by Effekt and calibrated to the published figures, they describe no real person.") }
        return s.joined(separator: " ")
    }
}
