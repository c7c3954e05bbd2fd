// SPDX-License-Identifier: GPL-3.0-or-later
import Ink
import TrialAnalysis
import TestSupport
import XCTest
@testable import Reporting
import TrialModel

/// Shapes other than the JobFirst fixture: nearly empty results, and a flex-job trial with
/// other arm names, a competing-exits outcome and non-finite numbers.
final class EdgeCaseTests: XCTestCase {
    func methods() -> MethodsNote {
        MethodsNote(confidenceLevel: 0.9, standardErrors: .hc2, design: .complete, permutations: nil, inferenceSeed: nil,
                    policy: .standard, software: [])
    }

    func testNearlyEmptyResultsRenderInBothLanguages() {
        let results = AnalysisResults(
            trial: TrialFacts(name: "Empty <&> trial", arms: [], controlArm: "control", treatedArm: "treatment", followUpWeeks: 0,
                              municipalities: [], benefits: []),
            cells: [CellResults(scope: CellScope(level: .overall), consort: ConsortFlow(enrolled: 0, randomized: [], followedUp: [], lost: []))],
            methods: methods(),
            provenance: Provenance(dataHashes: [:], seed: 0, effektVersion: "0.0.0", command: "effekt report --out \"a b\""))
        for language in ReportLanguage.allCases {
            let files = ReportSet(results: results, language: language).files()
            XCTAssertEqual(files.map(\.path), ["README.md", "overall.md", "overall-consort.svg"])
            for file in files where file.path.hasSuffix(".svg") { XCTAssertEqual(WellFormedXML.errors(in: file.contents), [], file.path) }
            let overall = files[1].contents
            XCTAssertTrue(overall.contains(language.strings.texts.noEstimatesSentence()))
            XCTAssertTrue(overall.contains(language.strings[.noSiteEffects]))
            XCTAssertTrue(MarkdownParser().html(from: overall).contains("<h2>"), MarkdownParser().html(from: overall))
            XCTAssertTrue(overall.contains("| \(language.strings[.enrolled]) | 0 |"), overall)
        }
    }

    func testFlexJobShapedTrialWithCompetingExitsAndNonFiniteNumbers() {
        let window = WeekWindow(name: "one year", firstWeek: 52, lastWeek: 52)
        let estimate = EffectEstimate(id: "flex_job@52", outcome: .flexJob, window: window, controlMean: 0.2583, treatedMean: 0.2,
                                      controlN: 120, treatedN: 120, effect: -0.0583,
                                      stdError: 0.05, confLow: -0.16, confHigh: 0.04, df: 230, pValue: 0.26, riPValue: nil,
                                      relativeEffect: nil, n: 240, minimumDetectableEffect: 0.16, method: EffectMethod(estimator: .differenceInMeans, strata: false, standardErrors: .hc2, adjustmentParameters: 0))
        let cif = CumulativeIncidenceSet(outcome: .timeToFlexJob, arms: ["municipality", "other_actor"].map { arm in
            CumulativeIncidenceArm(arm: arm, causes: ["flex_job", "disability_pension", "moved_away"].map { cause in
                CumulativeIncidenceCurve(cause: cause, points: [IncidencePoint(time: 12, estimate: 0.05, stdError: 0.01, events: 6),
                                                                IncidencePoint(time: 52, estimate: .nan, stdError: 0.02, events: 6)])
            })
        })
        let curve = EffectCurve(outcome: .flexJob, points: [CurvePoint(week: 1, controlMean: 0, treatedMean: 0, effect: 0, confLow: .nan, confHigh: .nan),
                                                            CurvePoint(week: 2, controlMean: 0.01, treatedMean: 0.02, effect: 0.01, confLow: -0.01, confHigh: 0.03)])
        let cell = CellResults(
            scope: CellScope(level: .benefit, benefit: "flexjob_waiting_benefit"),
            consort: ConsortFlow(enrolled: 240, randomized: [ArmCount(arm: "municipality", count: 120), ArmCount(arm: "other_actor", count: 120)],
                                 followedUp: [ArmCount(arm: "municipality", count: 113), ArmCount(arm: "other_actor", count: 115)],
                                 lost: [LossCount(arm: "municipality", reason: "moved_away", count: 7),
                                        LossCount(arm: "other_actor", reason: "moved_away", count: 5)]),
            headline: [estimate], curves: [curve],
            hazards: [HazardEstimate(id: "hr", outcome: .timeToFlexJob, cause: "flex_job", hazardRatio: 0.83, confLow: 0.5, confHigh: 1.38,
                                     stdError: 0.26, pValue: 0.47, n: 240, persons: 240, events: 55,
                                     eventsByArm: [ArmCount(arm: "municipality", count: 30), ArmCount(arm: "other_actor", count: 25)],
                                     method: .causeSpecificCox, converged: false, notEstimable: .nonConvergence)],
            cumulativeIncidence: [cif],
            notes: [AnalysisNote(kind: .notEstimable, subject: "hr", reason: .nonConvergence)])
        let results = AnalysisResults(
            trial: TrialFacts(name: "Andre aktører", arms: ["municipality", "other_actor"], controlArm: "municipality", treatedArm: "other_actor",
                              followUpWeeks: 52, municipalities: [], benefits: ["flexjob_waiting_benefit"]),
            cells: [cell], methods: methods(),
            provenance: Provenance(dataHashes: ["roster.csv": "ff"], seed: 2005, effektVersion: "0.4.0", command: "effekt run Data/flexjob"))
        let files = Dictionary(uniqueKeysWithValues: ReportSet(results: results, language: .danish).files().map { ($0.path, $0.contents) })
        for (path, text) in files where path.hasSuffix(".svg") { XCTAssertEqual(WellFormedXML.errors(in: text), [], path) }
        let report = files["flexjob_waiting_benefit.md"]!
        XCTAssertTrue(report.hasPrefix("# Effektmåling: Andre aktører – Ledighedsydelse\n"))
        XCTAssertTrue(report.contains("| 25,8 % | 20,0 % | – | -5,8 procentpoint | [-16,0; 4,0] |"))
        XCTAssertTrue(report.contains("90 % konfidensinterval"))
        XCTAssertTrue(report.contains("statistisk signifikant på 10 %-niveau") == false)
        XCTAssertTrue(report.contains("Forskellen er ikke statistisk signifikant (p = 0,260)"))
        XCTAssertTrue(report.contains("| Anden aktør | førtidspension | 52 | – |"))   // a NaN estimate prints as "–"
        XCTAssertTrue(report.contains("| Kommune | Anden aktør |"))
        XCTAssertTrue(report.contains("konvergerede ikke"))
        // A hazard ratio that did not converge is not shown: the reason takes its place.
        XCTAssertTrue(report.contains("| fleksjob | ikke estimerbar (modellen konvergerede ikke) | – | – | 240 | 240 | 55 |"), report)
        XCTAssertFalse(report.contains("0,83"))
        XCTAssertNotNil(files["flexjob_waiting_benefit-cif-1-time_to_flex_job.svg"])
        XCTAssertTrue(files["flexjob_waiting_benefit-cif-1-time_to_flex_job.svg"]!.contains("Anden aktør: fraflyttet"))
    }
}

final class MarkdownDocumentTests: XCTestCase {
    func testNamesFromTheDataNeverBecomeMarkup() {
        XCTAssertEqual(MarkdownDocument.neutralizingHTML("a <script> b"), "a &lt;script> b")
        // "<5" is backslash-escaped: Ink reads a bare "<5" as an HTML tag running to the next ">".
        XCTAssertEqual(MarkdownDocument.neutralizingHTML("<5 and < 0,001"), "\\<5 and < 0,001")
        XCTAssertEqual(MarkdownDocument.neutralizingHTML("x<"), "x&lt;")
        var doc = MarkdownDocument()
        doc.table(header: ["a|b", "c"], rows: [["1", "2\n3"], ["4"]])
        XCTAssertEqual(doc.text, "| a\\|b | c |\n| --- | --- |\n| 1 | 2 3 |\n| 4 |  |\n")
        let html = MarkdownParser().html(from: doc.text)
        XCTAssertTrue(html.contains("<td>2 3</td>"), html)
    }
}
