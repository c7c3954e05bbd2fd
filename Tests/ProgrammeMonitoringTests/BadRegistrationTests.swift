// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import ProgrammeMonitoring

/// Registrations that must be refused whole: the message names file, line, column and value, and
/// the reader returns nothing (there is no partial result to keep).
final class BadRegistrationTests: XCTestCase {
    static let header = "case,unit,contact_source,municipality,benefit,proposed,arranged,status_history,contact_date,placement_date,expected_end\n"
    static let good = "c01,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,ordinary_work,in_placement@2004-01-05;closed@2004-02-04,2004-01-05,2004-02-04,open\n"

    /// cases.csv with the good row on line 2 and `row` on line 3 (and the good row repeated after it
    /// under another id, so that the bad row is not the last one).
    private func refusal(_ row: String, file: String = "cases.csv") throws -> String {
        let later = Self.good.replacingOccurrences(of: "c01,", with: "c99,")
        let dir = try MonitoringFixture.folder(["units.csv": try MonitoringFixture.text("units.csv"),
                                                "cases.csv": Self.header + Self.good + row + "\n" + later])
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let r = try CaseRegister.read(unitsPath: dir.appendingPathComponent("units.csv").path,
                                          casesPath: dir.appendingPathComponent("cases.csv").path,
                                          unitsName: "units.csv", casesName: "cases.csv")
            XCTFail("accepted \(row): \(r.cases.count) cases")
            return ""
        } catch {
            return "\(error)"
        }
    }

    private func expect(_ row: String, _ fragments: [String], line: Int = 3, _ name: String = #function) throws {
        let message = try refusal(row)
        XCTAssert(message.contains("cases.csv, line \(line)"), "\(name): \(message)")
        for f in fragments { XCTAssert(message.contains(f), "\(name): '\(f)' missing in: \(message)") }
    }

    func testUnknownCodes() throws {
        try expect("c02,u1,phone_call,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05,2004-01-05,,",
                   ["column contact_source", "'phone_call'", "municipal_referral"])
        try expect("c02,u1,municipal_referral,Horsens,kontanthjælp,ordinary_work,,in_placement@2004-01-05,2004-01-05,,",
                   ["column benefit", "'kontanthjælp'", "cash_benefit"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,sent_back,,in_placement@2004-01-05,2004-01-05,,",
                   ["column proposed", "'sent_back'"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,unknown,in_placement@2004-01-05;closed@2004-02-04,2004-01-05,2004-02-04,",
                   ["column arranged", "'unknown'"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05;paused@2004-01-09,2004-01-05,,",
                   ["column status_history", "'paused'", "authority_reconsidering"])
        try expect("c02,u9,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05,2004-01-05,,",
                   ["column unit", "'u9'", "units.csv"])
    }

    func testPlacementBeforeContact() throws {
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,ordinary_work,in_placement@2004-01-05;closed@2004-01-04,2004-01-05,2004-01-04,open",
                   ["column placement_date", "2004-01-04", "before the contact date 2004-01-05"])
    }

    func testStatusHistoryOutOfOrder() throws {
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,flex_job,in_placement@2004-01-05;closed@2004-03-01;authority_reconsidering@2004-02-01,2004-01-05,2004-03-01,open",
                   ["column status_history", "authority_reconsidering@2004-02-01", "no status may follow 'closed'"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-02-05;authority_reconsidering@2004-02-01,2004-01-05,,",
                   ["column status_history", "'authority_reconsidering@2004-02-01' is dated before 'in_placement@2004-02-05'"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-01,2004-01-05,,",
                   ["column status_history", "in_placement@2004-01-01", "contact_date 2004-01-05"])
    }

    func testDuplicateCase() throws {
        try expect("c01,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05,2004-01-05,,",
                   ["column case", "'c01' is already on line 2"])
    }

    func testRulesTyingColumnsTogether() throws {
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,flex_job,in_placement@2004-01-05;closed@2004-02-04,2004-01-05,2004-02-04,open",
                   ["column status_history", "'flex_job' differs from the proposed 'ordinary_work'", "authority_reconsidering"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05;closed@2004-02-04,2004-01-05,,",
                   ["column arranged", "a closed case needs an arranged intervention"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,sent_back,in_placement@2004-01-05,2004-01-05,2004-02-04,",
                   ["column status_history", "must end with 'interrupted'"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05,2004-01-05,2004-02-04,",
                   ["column placement_date", "'2004-02-04'", "arranged is empty"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,ordinary_work,in_placement@2004-01-05,2004-01-05,2004-02-04,",
                   ["column status_history", "end with 'closed'"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,ordinary_work,in_placement@2004-01-05;closed@2004-02-04,2004-01-05,2004-02-04,2004-01-31",
                   ["column expected_end", "'2004-01-31'", "on or after placement_date 2004-02-04"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,ordinary_work,in_placement@2004-01-05;closed@2004-02-05,2004-01-05,2004-02-04,open",
                   ["column status_history", "dated on placement_date (2004-02-04)"])
    }

    func testMalformedFields() throws {
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05,2004-13-05,,",
                   ["column contact_date", "'2004-13-05'", "YYYY-MM-DD"])
        try expect("c 2,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05,2004-01-05,,",
                   ["column case", "'c 2'", "identifier"])
        try expect("c02,u1,municipal_referral,,cash_benefit,ordinary_work,,in_placement@2004-01-05,2004-01-05,,",
                   ["column municipality", "empty"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement,2004-01-05,,",
                   ["column status_history", "'in_placement'", "status@YYYY-MM-DD"])
        try expect("c02,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,,in_placement@2004-01-05,2004-01-05,",
                   ["expected 11", "found 10"])
    }

    private func refusalOf(_ name: String, _ content: String, read: (String) throws -> Void) throws -> String {
        let dir = try MonitoringFixture.folder([name: content])
        defer { try? FileManager.default.removeItem(at: dir) }
        do { try read(dir.appendingPathComponent(name).path); XCTFail("accepted \(content)"); return "" } catch { return "\(error)" }
    }

    func testBadUnitsGoalsAndAssessments() throws {
        let units = try PlacementUnit.read(path: MonitoringFixture.path("units.csv"))
        let unitHeader = PlacementUnit.columns.joined(separator: ",") + "\n"
        var m = try refusalOf("units.csv", unitHeader + "u1,A,county,Horsens,2003-01-01,2004-12-31,both\n") { _ = try PlacementUnit.read(path: $0) }
        XCTAssert(m.contains("line 2, column organisation_form") && m.contains("'county'"), m)
        m = try refusalOf("units.csv", unitHeader + "u1,A,single_municipality,Horsens,2003-01-01,2002-12-31,both\n") { _ = try PlacementUnit.read(path: $0) }
        XCTAssert(m.contains("column support_end") && m.contains("2002-12-31"), m)
        m = try refusalOf("units.csv", unitHeader + "u1,A,single_municipality,Horsens;,2003-01-01,2004-12-31,both\n") { _ = try PlacementUnit.read(path: $0) }
        XCTAssert(m.contains("column municipalities") && m.contains("'Horsens;'"), m)

        let goalHeader = UnitGoal.columns.joined(separator: ",") + "\n"
        m = try refusalOf("goals.csv", goalHeader + "u1,g1,general,flex_jobs,count,125,,218,agreed,no\n") { _ = try UnitGoal.read(path: $0, units: units) }
        XCTAssert(m.contains("line 2, column type") && m.contains("'flex_jobs' belongs to category 'jobs_established'"), m)
        m = try refusalOf("goals.csv", goalHeader + "u1,g1,jobs_established,flex_jobs,count,125,,,agreed,no\n") { _ = try UnitGoal.read(path: $0, units: units) }
        XCTAssert(m.contains("column achieved") && m.contains("agreed"), m)
        m = try refusalOf("goals.csv", goalHeader + "u1,g1,jobs_established,flex_jobs,count,0,,5,agreed,no\n") { _ = try UnitGoal.read(path: $0, units: units) }
        XCTAssert(m.contains("column target") && m.contains("'0'"), m)
        m = try refusalOf("goals.csv", goalHeader + "u1,g1,jobs_established,flex_jobs,count,125,,218,agreed,no\nu1,g1,jobs_established,flex_jobs,count,5,,5,agreed,no\n") {
            _ = try UnitGoal.read(path: $0, units: units)
        }
        XCTAssert(m.contains("line 3, column goal") && m.contains("already on line 2"), m)
        m = try refusalOf("goals.csv", goalHeader + "u1,g1,jobs_established,flex_jobs,count,125,,1e3,agreed,no\n") { _ = try UnitGoal.read(path: $0, units: units) }
        XCTAssert(m.contains("column achieved") && m.contains("'1e3'"), m)

        let aHeader = StagedAssessment.columns.joined(separator: ",") + "\n"
        m = try refusalOf("assessments.csv", aHeader + "t1,joint_activation,final,6,\n") { _ = try StagedAssessment.read(path: $0) }
        XCTAssert(m.contains("line 2, column level") && m.contains("'6'"), m)
        m = try refusalOf("assessments.csv", aHeader + "t1,joint_activation,final,3,\nt1,joint_activation,final,4,\n") { _ = try StagedAssessment.read(path: $0) }
        XCTAssert(m.contains("line 3, column point") && m.contains("already on line 2"), m)
        m = try refusalOf("assessments.csv", aHeader + "t1,it,final,3,\n") { _ = try StagedAssessment.read(path: $0) }
        XCTAssert(m.contains("column area") && m.contains("'it'"), m)
    }
}
