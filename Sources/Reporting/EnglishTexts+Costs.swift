// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension EnglishTexts {
    public func incrementalCostSentence(_ verdict: IncrementalCostVerdict, ratio: String, interval: FiellerInterval,
                                        low: String, high: String, levelPercent: String) -> String {
        let bounds: String
        switch interval {
        case .bounded: bounds = "its \(levelPercent) % Fieller interval is \(low) to \(high)."
        case .twoRays: bounds = "its \(levelPercent) % Fieller interval is unbounded (below \(low) or above \(high)), because the effect's interval includes zero."
        case .wholeLine: bounds = "its \(levelPercent) % Fieller interval is unbounded (every value), because the effect's interval includes zero."
        }
        switch verdict {
        case .dominated:
            return "Dominated: the \(arms.treated) costs more and places fewer people in a flex job than the \(arms.control), so a cost per additional person placed is not meaningful."
        case .dominant:
            return "Dominant: the \(arms.treated) costs no more and places more people in a flex job than the \(arms.control); " + bounds
        case .noDifferenceInPlacements:
            return "The \(arms.treated) places exactly as many people in a flex job as the \(arms.control): there is no cost per additional person placed."
        case .extraCostPerAdditionalPlacement:
            return "Extra cost per additional person in a flex job: \(ratio); " + bounds
        case .savingPerPlacementForgone:
            return "The \(arms.treated) places fewer people at a lower cost: a saving of \(ratio) per person placed fewer; " + bounds
        }
    }
}
