// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// The reports' English sentences: findings, notes on what is hidden, chart descriptions.
extension EnglishTexts {
    public func effectSentence(outcome: String, window: String?, treated: String, control: String,
                               effect: String, interval: String, levelPercent: String) -> String {
        let when = window.map { " (\($0))" } ?? ""
        return "**\(outcome)**\(when): \(arms.treated.capitalizedFirst) \(treated), \(arms.control) \(control); "
            + "the difference is \(effect) (\(levelPercent) confidence interval \(interval))."
    }

    public func significanceSentence(_ judgement: SignificanceJudgement, p: String, alphaPercent: String) -> String {
        switch judgement {
        case .strong: return "The difference is clearly statistically significant (\(p)); it is very unlikely to be due to chance."
        case .significant: return "The difference is statistically significant at the \(alphaPercent) level (\(p))."
        case .weak: return "There is a weak indication of a difference, but it is not statistically significant at the \(alphaPercent) level (\(p))."
        case .none: return "The difference is not statistically significant (\(p)); it may be due to chance."
        }
    }

    public func randomizationSentence(riP: String, agrees: Bool) -> String {
        agrees
            ? "Randomisation inference leads to the same conclusion (\(riP))."
            : "Randomisation inference leads to a different conclusion (\(riP)); read the result with care."
    }

    public func holmSentence(holmP: String, significant: Bool) -> String {
        significant
            ? "The difference stays significant after Holm's correction for many simultaneous tests (\(holmP))."
            : "After Holm's correction for many simultaneous tests the difference is not significant (\(holmP))."
    }

    public func underpoweredSentence(mde: String, overall: String?) -> String {
        let size = overall.map { " as large as the overall effect (\($0))" } ?? ""
        return "This scope is too small to detect an effect\(size): the smallest effect it can detect with 80 % power is \(mde). Not finding a significant effect here therefore does not show that there is none."
    }

    public func hazardSentence(outcome: String, ratio: String, interval: String, judgement: SignificanceJudgement, p: String) -> String {
        let sure = judgement.isSignificant ? "statistically significant" : "not statistically significant"
        return "**\(outcome)**: hazard ratio \(ratio) \(interval) (\(arms.treated) versus \(arms.control)), \(sure) (\(p))."
    }

    public func heterogeneitySentence(statistic: String, df: String, p: String, differs: Bool) -> String {
        let verdict = differs ? "The effects differ significantly between municipalities" : "The effects do not differ significantly between municipalities"
        return "\(verdict) (Q = \(statistic), degrees of freedom = \(df), \(p))."
    }

    public func suppressedSentence(threshold: Int) -> String {
        "Some numbers are hidden (\"< \(threshold)\" for a small count, \"..\" for numbers that could otherwise reveal one), because they describe or reveal fewer than \(threshold) people."
    }


    public func droppedRowsSentence(subject: String, count: String) -> String {
        "\(count) rows were left out before estimating \(subject)."
    }

    public func smallCellSentence(subject: String) -> String {
        "Few participants lie behind \(subject); read it with care."
    }

    public func noEstimatesSentence() -> String {
        "No effects were estimated for this scope."
    }

    public func chartDescription(_ chart: ChartKind, outcome: String) -> String {
        switch chart {
        case .effectCurve: return "Week-by-week effect on \(outcome.lowercasedFirst) with confidence band and zero line."
        case .kaplanMeier: return "Kaplan–Meier curves by arm for \(outcome.lowercasedFirst)."
        case .cumulativeIncidence: return "Cumulative incidence by arm and exit for \(outcome.lowercasedFirst)."
        case .forestPlot: return "Effect by municipality on \(outcome.lowercasedFirst) with confidence intervals and the overall effect."
        case .consort: return "Participant flow from enrolment through randomisation to follow-up."
        }
    }
}
