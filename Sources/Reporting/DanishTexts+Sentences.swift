// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// The reports' Danish sentences: findings, notes on what is hidden, chart descriptions.
extension DanishTexts {
    public func effectSentence(outcome: String, window: String?, treated: String, control: String,
                               effect: String, interval: String, levelPercent: String) -> String {
        let when = window.map { " (\($0))" } ?? ""
        return "**\(outcome)**\(when): \(arms.treated.capitalizedFirst) \(treated), \(arms.control) \(control); "
            + "forskellen er \(effect) (\(levelPercent) konfidensinterval \(interval))."
    }

    public func significanceSentence(_ judgement: SignificanceJudgement, p: String, alphaPercent: String) -> String {
        switch judgement {
        case .strong: return "Forskellen er klart statistisk signifikant (\(p)); det er meget usandsynligt, at den skyldes tilfældigheder."
        case .significant: return "Forskellen er statistisk signifikant på \(alphaPercent)-niveau (\(p))."
        case .weak: return "Der er en svag indikation af en forskel, men den er ikke statistisk signifikant på \(alphaPercent)-niveau (\(p))."
        case .none: return "Forskellen er ikke statistisk signifikant (\(p)); den kan skyldes tilfældigheder."
        }
    }

    public func randomizationSentence(riP: String, agrees: Bool) -> String {
        agrees
            ? "Randomiseringsinferens giver samme konklusion (\(riP))."
            : "Randomiseringsinferens giver en anden konklusion (\(riP)); resultatet bør tolkes varsomt."
    }

    public func holmSentence(holmP: String, significant: Bool) -> String {
        significant
            ? "Forskellen er også signifikant efter Holm-korrektion for mange samtidige test (\(holmP))."
            : "Efter Holm-korrektion for mange samtidige test er forskellen ikke signifikant (\(holmP))."
    }

    public func underpoweredSentence(mde: String, overall: String?) -> String {
        let size = overall.map { " af samme størrelse som den samlede effekt (\($0))" } ?? ""
        return "Udsnittet er for lille til at påvise en effekt\(size): den mindste effekt, der kan påvises med 80 % styrke, er \(mde). At der ikke findes en signifikant effekt, betyder derfor ikke, at der ikke er nogen."
    }

    public func hazardSentence(outcome: String, ratio: String, interval: String, judgement: SignificanceJudgement, p: String) -> String {
        let sure = judgement.isSignificant ? "statistisk signifikant" : "ikke statistisk signifikant"
        return "**\(outcome)**: hasardratio \(ratio) \(interval) (\(arms.treated) over for \(arms.control)), \(sure) (\(p))."
    }

    public func heterogeneitySentence(statistic: String, df: String, p: String, differs: Bool) -> String {
        let verdict = differs ? "Effekterne er signifikant forskellige mellem kommunerne" : "Der er ikke signifikant forskel på effekterne mellem kommunerne"
        return "\(verdict) (Q = \(statistic), frihedsgrader = \(df), \(p))."
    }

    public func suppressedSentence(threshold: Int) -> String {
        "Nogle tal er skjult (\"< \(threshold)\" for et lille antal, \"..\" for tal, der ellers kunne afsløre det), fordi de beskriver eller afslører færre end \(threshold) personer."
    }


    public func droppedRowsSentence(subject: String, count: String) -> String {
        "\(count) rækker blev udeladt før estimationen af \(subject)."
    }

    public func smallCellSentence(subject: String) -> String {
        "Der er få deltagere bag \(subject); tallet skal tolkes varsomt."
    }

    public func noEstimatesSentence() -> String {
        "Der er ikke estimeret effekter for dette udsnit."
    }

    public func chartDescription(_ chart: ChartKind, outcome: String) -> String {
        switch chart {
        case .effectCurve: return "Effekt uge for uge på \(outcome.lowercasedFirst) med konfidensbånd og nullinje."
        case .kaplanMeier: return "Kaplan–Meier-kurver pr. gruppe for \(outcome.lowercasedFirst)."
        case .cumulativeIncidence: return "Kumuleret incidens pr. gruppe og afgangsårsag for \(outcome.lowercasedFirst)."
        case .forestPlot: return "Effekt pr. kommune på \(outcome.lowercasedFirst) med konfidensintervaller og samlet effekt."
        case .consort: return "Deltagerflow fra tilmelding over lodtrækning til opfølgning."
        }
    }
}
