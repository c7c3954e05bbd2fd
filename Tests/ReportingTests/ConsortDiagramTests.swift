// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialAnalysis
import TrialModel
@testable import Reporting

/// The CONSORT 2010 diagram and table: four stages, losses by reason, ITT counts, "<5".
final class ConsortDiagramTests: XCTestCase {
    let flow = ConsortFlow(enrolled: 240, randomized: [ArmCount(arm: "municipality", count: 120), ArmCount(arm: "other_actor", count: 120)],
                           followedUp: [ArmCount(arm: "municipality", count: 104), ArmCount(arm: "other_actor", count: 117)],
                           lost: [LossCount(arm: "municipality", reason: "disability_pension", count: 9),
                                  LossCount(arm: "municipality", reason: "moved_away", count: 7),
                                  LossCount(arm: "other_actor", reason: "moved_away", count: 3)],
                           analysed: [ArmCount(arm: "municipality", count: 120), ArmCount(arm: "other_actor", count: 120)])

    func testTheDiagramHasTheFourStagesAndTheIntentionToTreatCounts() {
        let svg = ConsortDiagram(flow: flow, heading: "CONSORT").svg(numbers: ReportNumbers(language: .danish))
        for text in ["Tilmelding", "Allokering", "Opfølgning", "Analyse", "Tilmeldt", "N = 240",
                     "Randomiseret: kommune", "førtidspension: 9", "fraflyttet: 7", "fraflyttet: &lt; 5",
                     "Fulgt til slut: 104", "Fulgt til slut: 117", "Analyseret (alle randomiserede): kommune", "Analyseret (alle randomiserede): anden aktør"] {
            XCTAssertTrue(svg.contains(">\(text)</text>"), text)
        }
        XCTAssertEqual(svg.components(separatedBy: ">N = 120</text>").count - 1, 4)
    }

    func testOlderResultsWithoutAnalysedCountsHaveNoAnalysisRow() {
        var old = flow
        old.analysed = []
        let svg = ConsortDiagram(flow: old, heading: "CONSORT").svg(numbers: ReportNumbers(language: .english))
        XCTAssertTrue(svg.contains(">Follow-up</text>"))
        XCTAssertFalse(svg.contains(">Analysis</text>"))
        XCTAssertFalse(svg.contains("Analysed (all randomised)"))
    }

    func testTheMarkdownTableHasTheAnalysedRow() {
        let results = FigureCases.results()
        let report = CellReport(results: results, cell: results.cells[0], language: .english).markdown()
        XCTAssertTrue(report.contains("| Analysed (all randomised) | 120 | 120 |"), report)
    }
}
