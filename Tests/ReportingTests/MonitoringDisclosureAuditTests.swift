// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ProgrammeMonitoring
@testable import Reporting
import TrialModel
import XCTest

/// The trial reports' intruder (`DisclosureAudit`) on the monitoring reports: a unit's rows
/// against its organisation form's and the overview's must not give back a hidden count.
final class MonitoringDisclosureAuditTests: XCTestCase {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/placement-units")

    /// Two units of one organisation form: u1 has 3 cases on cash benefit, u2 has 10. Suppressed
    /// row by row, u1's "< 5" comes back as the form's 13 − u2's 10; suppressed together, it does not.
    func testAUnitsHiddenCountCannotBeRecoveredFromItsForm() throws {
        let units = [PlacementUnit(id: "u1", name: "One", organisationForm: .singleMunicipality, municipalities: ["Horsens"],
                                   supportStart: CalendarDate(iso: "2003-01-01")!, supportEnd: CalendarDate(iso: "2004-12-31")!, approach: .both),
                     PlacementUnit(id: "u2", name: "Two", organisationForm: .singleMunicipality, municipalities: ["Vejle"],
                                   supportStart: CalendarDate(iso: "2003-01-01")!, supportEnd: CalendarDate(iso: "2004-12-31")!, approach: .both)]
        func open(_ id: String, _ unit: String, _ benefit: BenefitAtContact, day: Int) -> RegisteredCase {
            let contact = CalendarDate(iso: "2003-03-" + (day < 10 ? "0\(day)" : "\(day)"))!
            return RegisteredCase(id: id, unit: unit, contactSource: .municipalReferral, municipality: "Horsens", benefit: benefit,
                                  proposed: .ordinaryWork, arranged: nil, history: [.init(.inPlacement, contact)], contactDate: contact,
                                  placementDate: nil, expectedEnd: nil)
        }
        let cases = (1...3).map { open("a\($0)", "u1", .cashBenefit, day: $0) } + (1...7).map { open("b\($0)", "u1", .sicknessBenefit, day: $0) }
            + (1...10).map { open("c\($0)", "u2", .cashBenefit, day: $0) } + (1...6).map { open("d\($0)", "u2", .sicknessBenefit, day: $0) }
        let set = MonitoringReportSet(register: CaseRegister(units: units, cases: cases), goals: [], assessments: [], language: .english, synthetic: false)

        let alone = MonitoringReportSet.disclosureLeaks(of: set.renderedFiles(), units: units, threshold: 5)
        XCTAssertTrue(alone.contains { $0.file == "units/u1.md" && $0.persons == 3 && $0.attack == "difference across reports" }, "\(alone)")

        let together = set.files()
        XCTAssertEqual(MonitoringReportSet.disclosureLeaks(of: together, units: units, threshold: 5), [])
        XCTAssertEqual(set.unprotectedCounts, [])
        let u1 = try XCTUnwrap(together.first { $0.path == "units/u1.md" }?.contents)
        XCTAssertTrue(u1.contains("| Cash benefit | < 5 |"), u1)
    }

    /// The shipped registration (36 units, 4,654 cases) in both languages: the intruder rebuilds
    /// nothing from the reports as published, and does rebuild counts from the same reports
    /// suppressed row by row (so the check can fail).
    func testTheShippedReportsLeakNothingAcrossReports() throws {
        let register = try CaseRegister.read(unitsPath: Self.data.appendingPathComponent("units.csv").path,
                                             casesPath: Self.data.appendingPathComponent("cases.csv").path)
        let goals = try UnitGoal.read(path: Self.data.appendingPathComponent("goals.csv").path, units: register.units)
        for language in ReportLanguage.allCases {
            let set = MonitoringReportSet(register: register, goals: goals, assessments: [], language: language, synthetic: true)
            XCTAssertEqual(MonitoringReportSet.disclosureLeaks(of: set.files(), units: register.units, threshold: 5), [], "\(language)")
            XCTAssertEqual(set.unprotectedCounts, [], "\(language)")
            if language == .english {
                let alone = MonitoringReportSet.disclosureLeaks(of: set.renderedFiles(), units: register.units, threshold: 5)
                XCTAssertFalse(alone.isEmpty, "suppressed row by row, the shipped reports should leak across reports")
            }
        }
    }
}
