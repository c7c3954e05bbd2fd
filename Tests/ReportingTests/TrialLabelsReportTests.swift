// SPDX-License-Identifier: GPL-3.0-or-later
import Reporting
import TrialAnalysis
import TrialModel
import XCTest

/// Reports name codes by the trial's labels, else the built-in names, else the code itself; arms
/// by their labels in every table and sentence; outcome names follow the trial's run length.
final class TrialLabelsReportTests: XCTestCase {
    private func results(labels: TrialLabels = .none, companyRunWeeks: Int = 13) -> AnalysisResults {
        let r = ResultsFixture.results(), t = r.trial
        return AnalysisResults(
            trial: TrialFacts(name: t.name, arms: t.arms, controlArm: t.controlArm, treatedArm: t.treatedArm,
                              followUpWeeks: t.followUpWeeks, municipalities: t.municipalities, benefits: t.benefits,
                              labels: labels, companyRunWeeks: companyRunWeeks),
            cells: r.cells, methods: r.methods, provenance: r.provenance)
    }

    private func report(_ results: AnalysisResults, _ language: ReportLanguage, _ path: String = "cash_benefit.md") -> String {
        ReportSet(results: results, language: language).files().first { $0.path == path }!.contents
    }

    func testOutcomeNamesFollowTheRunLength() {
        let four = results(companyRunWeeks: 4)
        XCTAssertTrue(report(four, .danish).contains("| 4 sammenhængende uger med virksomhedsrettet indsats | uge 66–78 |"))
        XCTAssertFalse(report(four, .danish).contains("13 sammenhængende"))
        XCTAssertTrue(report(four, .english).contains("4 consecutive weeks of company-directed activity"))
        let strings = ReportStrings(language: .danish, trial: results(companyRunWeeks: 1).trial)
        XCTAssertEqual(strings.outcome(.companyRun), "1 uge med virksomhedsrettet indsats")
    }

    func testTrialLabelThenBuiltInNameThenTheCode() {
        let labels = TrialLabels(danish: LabelTable(trial: "JobFirst (syntetiske data)", arms: ["treatment": "JobFirst"],
                                                    benefits: ["cash_benefit": "kontanthjælpsmodtagere"],
                                                    values: ["origin": ["non_western": "ikke-vestlige lande"]]))
        let da = ReportStrings(language: .danish, trial: results(labels: labels).trial)
        XCTAssertEqual(da.trialName("JobFirst (synthetic)"), "JobFirst (syntetiske data)")
        XCTAssertEqual(da.arm("treatment"), "JobFirst")
        XCTAssertEqual(da.arm("control"), "kontrolgruppen")
        XCTAssertEqual(da.arm("waiting_list"), "waiting_list")
        XCTAssertEqual(da.benefit("cash_benefit"), "kontanthjælpsmodtagere")
        XCTAssertEqual(da.benefit("resource_programme"), "ressourceforløb")
        XCTAssertEqual(da.covariate("origin=non_western"), "herkomst: ikke-vestlige lande")
        XCTAssertEqual(da.covariate("origin=western"), "herkomst: vestlig")
        XCTAssertEqual(da.covariate("shoe_size=large"), "shoe_size: large")
        let en = ReportStrings(language: .english, trial: results(labels: labels).trial)
        XCTAssertEqual(en.trialName("JobFirst (synthetic)"), "JobFirst (synthetic)")
        XCTAssertEqual(en.arm("treatment"), "treatment group")
        XCTAssertEqual(en.covariate("origin=non_western"), "origin: non-Western")
    }

    /// One name per arm: the CONSORT, balance, effects, Kaplan–Meier and site tables and the
    /// sentences all use the arm's label.
    func testArmsAreNamedByTheirLabelsEverywhere() {
        let labels = TrialLabels(danish: LabelTable(arms: ["treatment": "JobFirst", "control": "kontrolgruppen"]))
        let text = report(results(labels: labels), .danish)
        XCTAssertTrue(text.contains("| Trin | Kontrolgruppen | JobFirst |"))
        XCTAssertTrue(text.contains("| Baggrundsvariabel | Kontrolgruppen: gennemsnit (standardafvigelse) | Kontrolgruppen: N | JobFirst: gennemsnit"))
        XCTAssertTrue(text.contains("| Udfald | Periode | Kontrolgruppen | JobFirst | Ujusteret forskel"))
        XCTAssertTrue(text.contains("| Kommune | Kontrolgruppen: gennemsnit | Effekt |"))
        XCTAssertTrue(text.contains(": JobFirst 19,2 %, kontrolgruppen 11,8 %; forskellen er +7,4 procentpoint"))
        for other in ["Indsatsgruppe", "indsatsgruppe", "| kontrolgruppe |", "Kontrolgruppe |"] {
            XCTAssertFalse(text.contains(other), other)
        }
    }
}
