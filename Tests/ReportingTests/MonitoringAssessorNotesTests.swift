// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import Reporting
import TrialModel
import XCTest

/// The cooperation-trial report prints the assessor's notes as recorded, by trial, area and point.
final class MonitoringAssessorNotesTests: XCTestCase {
    private func report(_ rows: [StagedAssessment], _ language: ReportLanguage) throws -> String {
        let set = MonitoringReportSet(register: CaseRegister(units: [], cases: []), goals: [], assessments: rows, language: language, synthetic: false)
        return try XCTUnwrap(set.files().first { $0.path == "cooperation-trials.md" }?.contents)
    }

    func testNotesArePrintedInOrderWithTheirPipesEscaped() throws {
        let rows = [
            StagedAssessment(trial: "sf02", area: .jointReferral, point: .final, level: .init(rawValue: 4)!, note: "Fælles visitation i drift"),
            StagedAssessment(trial: "sf01", area: .jointReferral, point: .final, level: .init(rawValue: 3)!, note: "Set | checked again"),
            StagedAssessment(trial: "sf01", area: .jointReferral, point: .baseline, level: .init(rawValue: 1)!, note: "Kun planer"),
            StagedAssessment(trial: "sf01", area: .localBackingAndSteering, point: .baseline, level: .init(rawValue: 2)!, note: " "),
        ]
        let en = try report(rows, .english)
        XCTAssertTrue(en.contains("## Assessor notes"), en)
        let lines = en.split(separator: "\n").filter { $0.hasPrefix("| sf0") }.map(String.init)
        XCTAssertEqual(lines, ["| sf01 | Joint referral | Baseline | Kun planer |",
                               "| sf01 | Joint referral | Final | Set \\| checked again |",
                               "| sf02 | Joint referral | Final | Fælles visitation i drift |"])
        let da = try report(rows, .danish)
        XCTAssertTrue(da.contains("## Bedømmerens bemærkninger"), da)
        XCTAssertTrue(da.contains("| sf01 | Fælles visitation | Start | Kun planer |"), da)
    }

    func testNoNotesSaysSo() throws {
        let rows = [StagedAssessment(trial: "sf01", area: .jointReferral, point: .baseline, level: .init(rawValue: 1)!)]
        XCTAssertTrue(try report(rows, .english).contains("The assessor recorded no notes."))
        XCTAssertTrue(try report(rows, .danish).contains("Der er ingen bemærkninger fra bedømmeren."))
    }
}
