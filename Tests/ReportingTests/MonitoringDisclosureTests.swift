// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ProgrammeMonitoring
import Reporting
import TrialModel
import XCTest

/// The monitoring reports apply the trial reports' disclosure rule to person counts, and only to
/// them: on the hand-made registration (Tests/Fixtures/monitoring, 14 cases) every count of
/// persons below 5 is printed as "< 5" or hidden, while counts of units and goals are printed.
final class MonitoringDisclosureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/monitoring")

    private func files(_ language: ReportLanguage) throws -> [String: String] {
        let register = try CaseRegister.read(unitsPath: Self.fixtures.appendingPathComponent("units.csv").path,
                                             casesPath: Self.fixtures.appendingPathComponent("cases.csv").path)
        let goals = [UnitGoal(unit: "u1", goal: "g1", type: .flexJobs, targetForm: .count, target: ExactDecimal("125")!, achieved: ExactDecimal("218")!)]
        let set = MonitoringReportSet(register: register, goals: goals, assessments: [], language: language, synthetic: false)
        return Dictionary(uniqueKeysWithValues: set.files().map { ($0.path, $0.contents) })
    }

    /// Table rows of a Markdown text whose first cell is `label`, as cells.
    private func row(_ label: String, in text: String) -> [String]? {
        text.split(separator: "\n").first { $0.hasPrefix("| \(label) |") }
            .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    func testSmallPersonCountsAreSuppressed() throws {
        let en = try files(.english)
        let unit = try XCTUnwrap(en["units/u1.md"])
        // u1: 7 cases, 5 on cash benefit and 2 on sickness benefit: 2 is primary, and 5 must go too
        // (7 − 5 would give it back); the total of 7 stays.
        XCTAssertEqual(row("Sickness benefit", in: unit)?[1], "< 5")
        XCTAssertEqual(row("Cash benefit", in: unit)?[1], "..")
        XCTAssertEqual(row("Cases", in: unit)?[1], "7")
        XCTAssertEqual(row("Sickness benefit", in: unit)?[2], "..")     // its share would give it away
        // No shown person count between 1 and 4 in any table of any file.
        // Rows of units and goals (by organisation form, by goal type) count no persons.
        let texts = MonitoringTexts(language: .english)
        let notPersons = Set(OrganisationForm.allCases.map(texts.name) + GoalType.allCases.map(texts.name))
        for (path, text) in en where path.hasSuffix(".md") {
            for line in text.split(separator: "\n") where line.hasPrefix("| ") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let label = cells.first, !notPersons.contains(label) else { continue }
                // The last cell of the time-to-placement table is a median of days, not a count.
                let counts = line.contains(" % ") && cells.count == 6 ? cells.dropFirst().dropLast() : cells.dropFirst()
                for c in counts where Int(c).map({ (1...4).contains($0) }) == true {
                    XCTFail("\(path): person count \(c) shown in \(line)")
                }
            }
        }
    }

    /// The time-to-placement chart: only proposals with at least 5 cases (ordinary work, 7), read
    /// on the 15-day grid, and the curve stops before fewer than 5 remain at risk — so the first
    /// placement (day 30, after which 4 of 7 remain) is never drawn and the line stays at 0.
    func testIncidenceChartHidesSmallRiskSets() throws {
        let svg = try XCTUnwrap(try files(.english)["time-to-placement.svg"])
        let polylines = svg.components(separatedBy: "<polyline").dropFirst()
        XCTAssertEqual(polylines.count, 1)
        let points = try XCTUnwrap(polylines.first?.components(separatedBy: "points=\"").dropFirst().first?.split(separator: "\"").first)
        let ys = Set(points.split(separator: " ").compactMap { $0.split(separator: ",").last.map(String.init) })
        XCTAssertEqual(ys.count, 1, String(points))
        XCTAssertFalse(svg.contains("Company internship"))   // 2 cases: no curve, no legend entry
    }

    func testUnitAndGoalCountsAreNotSuppressed() throws {
        let index = try XCTUnwrap(try files(.danish)["index.md"])
        // One unit of each of two forms, one goal graded I+: printed as they are.
        XCTAssertEqual(row("Én kommune", in: index)?[1...5].map { $0 }, ["1", "1", "1", "1", "0"])
        XCTAssert(index.contains("Antal personer under 5 vises som „< 5“"))
    }
}
