// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension DanishTexts {
    public func incrementalCostSentence(_ verdict: IncrementalCostVerdict, ratio: String, interval: FiellerInterval,
                                        low: String, high: String, levelPercent: String) -> String {
        let bounds: String
        switch interval {
        case .bounded: bounds = "\(levelPercent) %-intervallet efter Fieller går fra \(low) til \(high)."
        case .twoRays: bounds = "\(levelPercent) %-intervallet efter Fieller er ubegrænset (under \(low) eller over \(high)), fordi effektens interval indeholder nul."
        case .wholeLine: bounds = "\(levelPercent) %-intervallet efter Fieller er ubegrænset (alle værdier), fordi effektens interval indeholder nul."
        }
        switch verdict {
        case .dominated:
            return "Domineret: \(arms.treated) koster mere og får færre i fleksjob end \(arms.control), så en pris pr. ekstra person i fleksjob giver ikke mening."
        case .dominant:
            return "Dominerende: \(arms.treated) koster ikke mere og får flere i fleksjob end \(arms.control); " + bounds
        case .noDifferenceInPlacements:
            return "\(arms.treated.capitalizedFirst) får præcis lige så mange i fleksjob som \(arms.control): der er ingen pris pr. ekstra person i fleksjob."
        case .extraCostPerAdditionalPlacement:
            return "Merudgift pr. ekstra person i fleksjob: \(ratio); " + bounds
        case .savingPerPlacementForgone:
            return "\(arms.treated.capitalizedFirst) får færre i fleksjob til en lavere udgift: en besparelse på \(ratio) pr. person færre i fleksjob; " + bounds
        }
    }
}
