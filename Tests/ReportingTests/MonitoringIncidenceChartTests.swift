// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ProgrammeMonitoring
@testable import Reporting
import TrialModel
import XCTest

/// The time-to-placement charts of the overview and of each organisation form are drawn on
/// common days on which no curve, step or difference between the charts shows fewer than 5 persons.
final class MonitoringIncidenceChartTests: XCTestCase {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/placement-units")

    func testFormChartsAreDrawnOnDaysThatRevealNoSmallCount() throws {
        let register = try CaseRegister.read(unitsPath: Self.data.appendingPathComponent("units.csv").path,
                                             casesPath: Self.data.appendingPathComponent("cases.csv").path)
        let set = MonitoringReportSet(register: register, goals: [], assessments: [], language: .english, synthetic: true)
        let extract = try XCTUnwrap(register.latestDate)
        let days = set.incidenceDays()
        let files = Dictionary(uniqueKeysWithValues: set.files().map { ($0.path, $0.contents) })
        var drawnForms = 0
        for p in MonitoringReportSet.chartedProposals {
            let overview = try XCTUnwrap(days.overview[p]), forms = try XCTUnwrap(days.forms[p])
            XCTAssertTrue(Set(forms).isSubset(of: overview), "\(p)")
            XCTAssertEqual(Array(overview.prefix(forms.count)), forms, "the forms' days are the overview's first days")
            if !forms.isEmpty { drawnForms += 1 }
            let scopes = [register.cases] + set.formsWithCases.map { register.cases(in: .organisationForm($0)) }.filter { $0.contains { $0.proposed == p } }
            for (k, scope) in scopes.enumerated() {
                let mine = scope.filter { $0.proposed == p }
                func placed(by day: Double) -> Int { mine.filter { $0.exit.map { $0.kind == .placed && Double($0.days) <= day } ?? false }.count }
                func atRisk(after day: Double) -> Int {
                    mine.filter { Double($0.exit?.days ?? (extract.daysSinceEpoch - $0.contactDate.daysSinceEpoch)) > day }.count
                }
                var previous = 0
                for day in k == 0 ? overview : forms {
                    XCTAssertGreaterThanOrEqual(atRisk(after: day), 5, "\(p) scope \(k) day \(day)")
                    let step = placed(by: day) - previous
                    XCTAssertTrue(step == 0 || step >= 5, "\(p) scope \(k): \(step) placed up to day \(day)")
                    previous = placed(by: day)
                }
            }
        }
        XCTAssertGreaterThan(drawnForms, 0, "the shipped data draw at least one proposal per form")
        for form in set.formsWithCases {
            XCTAssertNotNil(files["forms/\(form.rawValue)-time-to-placement.svg"])
            XCTAssertTrue(files["forms/\(form.rawValue).md"]?.contains("](\(form.rawValue)-time-to-placement.svg)") == true)
        }
    }
}
