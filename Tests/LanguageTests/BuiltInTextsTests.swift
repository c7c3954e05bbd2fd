// SPDX-License-Identifier: GPL-3.0-or-later
import Reporting
import TrialAnalysis
import TrialModel
import XCTest

/// Every built-in text of each language, also those the shipped trials never print (other
/// reasons, models, notes and sentences), is in that language: the same check as the reports.
final class BuiltInTextsTests: XCTestCase {
    func testDanishTexts() throws { try check(.danish) }
    func testEnglishTexts() throws { try check(.english) }

    private func check(_ language: ReportLanguage) throws {
        let check = LanguageCheck(wordList: try WordList(language))
        let findings = check.findings(path: "\(language.rawValue) texts.md", contents: Self.texts(language).joined(separator: "\n"))
        XCTAssert(findings.isEmpty, LanguageCheck.summary(findings))
    }

    /// Every fixed text, code name, reason, model, note and sentence of a language, with sample numbers.
    static func texts(_ language: ReportLanguage) -> [String] {
        let strings = ReportStrings(language: language), t = strings.texts
        let policy = ReportingPolicy.standard
        var out = ReportLabel.allCases.map { t.text($0) }
        out += OutcomeKind.allCases.flatMap { [t.outcomeName($0, companyRunWeeks: 13), t.outcomeName($0, companyRunWeeks: 1)] }
        out += BenefitType.allCases.map { strings.benefit($0.rawValue) }
        out += BenefitStatus.allCases.map { strings.status($0.rawValue) }
        out += ["control", "treatment"].map(strings.arm)
        out += ["gender", "female", "age", "age_group", "origin", "municipality", "benefit", "prior_weeks_employed",
                "prior_weeks_self_supporting", "prior_weeks_sick", "control_success_rate", "caseload", "internship_share"].map(strings.variable)
        out += ["female", "male", "danish", "western", "non_western", "immigrant", "yes", "no"].map { strings.value($0, of: "x") }
        out += NotEstimableReason.allCases.map { t.notEstimable($0, policy: policy) }
        out += [HazardModel.cox, .coxStratified, .coxSpellsClustered, .causeSpecificCox, .causeSpecificCoxStratified].map(t.hazardModel)
        out.append(t.correction(.splitControl))
        for estimator in [EffectMethod.Estimator.lin, .stratifiedDifferenceInMeans, .differenceInMeans] {
            for fallback in [EffectMethod.Fallback.tooFewPerParameter, .adjustmentNotEstimable, nil] {
                for strata in [true, false] {
                    let method = EffectMethod(estimator: estimator, strata: strata, standardErrors: .hc2,
                                              adjustmentParameters: 7, fallback: fallback)
                    out += [t.effectMethod(method), t.fallbackSentence(method, policy: policy)]
                }
            }
        }
        let judgements: [SignificanceJudgement] = [.strong, .significant, .weak, .none]
        out += judgements.map { t.significanceSentence($0, p: "p = 0,01", alphaPercent: "5 %") }
        out += judgements.map { t.hazardSentence(outcome: "X", ratio: "0,77", interval: "[0,7; 0,8]", judgement: $0, p: "p = 0,01") }
        out += [true, false].flatMap { [t.randomizationSentence(riP: "p = 0,01", agrees: $0), t.holmSentence(holmP: "p = 0,01", significant: $0),
                                        t.heterogeneitySentence(statistic: "2", df: "1", p: "p = 0,1", differs: $0)] }
        out += [t.underpoweredSentence(mde: "4", overall: "2"), t.underpoweredSentence(mde: "4", overall: nil), t.suppressedSentence(threshold: 5),
                t.droppedRowsSentence(subject: "X", count: "3"),
                t.smallCellSentence(subject: "X"), t.noEstimatesSentence(),
                t.effectSentence(outcome: "X", window: t.windowText(WeekWindow(name: "w", firstWeek: 1, lastWeek: 2)),
                                 treated: "1", control: "2", effect: "3", interval: "[1; 2]", levelPercent: "95 %")]
        out += [ChartKind.effectCurve, .kaplanMeier, .cumulativeIncidence, .forestPlot, .consort].map { t.chartDescription($0, outcome: "X") }
        for permutations in [500, nil] {
            let note = MethodsNote(confidenceLevel: 0.95, standardErrors: .hc2, design: .permutedBlocks, permutations: permutations,
                                   inferenceSeed: 1, policy: policy, software: [])
            out += t.methodsItems(note, levelPercent: "95 %").flatMap { [$0.label, $0.text] }
        }
        out.append(t.scopeTitle(benefit: strings.benefit("cash_benefit"), municipality: "X"))
        let verdicts: [IncrementalCostVerdict] = [.extraCostPerAdditionalPlacement, .savingPerPlacementForgone, .dominated, .dominant,
                                                  .noDifferenceInPlacements]
        for verdict in verdicts {
            for interval in [FiellerInterval.bounded(low: 1, high: 2), .twoRays(low: 1, high: 2), .wholeLine] {
                out.append(t.incrementalCostSentence(verdict, ratio: "12 000 DKK", interval: interval, low: "1 000 DKK", high: "2 000 DKK",
                                                     levelPercent: "95"))
            }
        }
        return out
    }
}
