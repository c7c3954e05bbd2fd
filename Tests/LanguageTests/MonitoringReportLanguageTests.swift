// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import Reporting
import TrialModel
import XCTest

/// Every word of the monitoring reports of the shipped data (Data/placement-units,
/// Data/cooperation-trials) is a word of the report's language: the trial reports' check, with
/// the units' names and municipalities as the programme's own words.
final class MonitoringReportLanguageTests: XCTestCase {
    func testDanishReports() throws { try check(.danish) }
    func testEnglishReports() throws { try check(.english) }

    private func check(_ language: ReportLanguage) throws {
        let root = ShippedReports.packageRoot.appendingPathComponent("Data")
        let register = try CaseRegister.read(unitsPath: root.appendingPathComponent("placement-units/units.csv").path,
                                             casesPath: root.appendingPathComponent("placement-units/cases.csv").path)
        let goals = try UnitGoal.read(path: root.appendingPathComponent("placement-units/goals.csv").path, units: register.units)
        let assessments = try StagedAssessment.read(path: root.appendingPathComponent("cooperation-trials/assessments.csv").path)
        let files = MonitoringReportSet(register: register, goals: goals, assessments: assessments, language: language, synthetic: true).files()
        var own = Set<String>()
        for text in register.units.flatMap({ [$0.name] + $0.municipalities }) {
            for token in ReportText.words(text) { for part in token.parts { own.insert(part.lowercased()) } }
        }
        let check = LanguageCheck(wordList: try WordList(language), trialWords: own)
        let findings = check.findings(files.map { ReportFile(path: $0.path, contents: $0.contents) })
        XCTAssert(findings.isEmpty, LanguageCheck.summary(findings))
        XCTAssertEqual(files.filter { $0.path.hasPrefix("units/") }.count, 36)
    }
}
