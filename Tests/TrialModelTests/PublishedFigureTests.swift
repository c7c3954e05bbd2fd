// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
@testable import TrialModel

final class PublishedFigureTests: XCTestCase {
    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testReadsTheShippedFigures() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let figures = try PublishedFigure.read(path: root.appendingPathComponent("Data/jobfirst/published.csv").path)
        let hr = try XCTUnwrap(figures.first { $0.id == "hazard_ratio_losing_hours" })
        XCTAssertEqual(hr.value, 0.77)
        XCTAssertEqual(hr.unit, .hazardRatio)
        XCTAssertEqual(hr.estimand, .hazardRatio(id: "losing_paid_hours"))
        XCTAssertTrue(figures.allSatisfy { $0.value.isFinite })
    }

    func testRefusesANonNumberAndAnUnknownUnitNamingLineAndColumn() throws {
        let header = "# comment\nid,description,published,unit,population,estimand,source\n"
        let bad = try write(header + "a,first,12,percent,all,effect:x@1-2,src\nb,second,about 8,percent,all,effect:x@1-2,src\n")
        XCTAssertThrowsError(try PublishedFigure.read(path: bad)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("line 4") && text.contains("published") && text.contains("about 8"), text)
        }
        let unit = try write(header + "a,first,12,furlongs,all,effect:x@1-2,src\n")
        XCTAssertThrowsError(try PublishedFigure.read(path: unit)) { error in
            XCTAssertTrue("\(error)".contains("furlongs"), "\(error)")
        }
    }

    /// Every estimand of the shipped data parses and prints back to the same text.
    func testEstimandsRoundTripTheirText() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for trial in ["jobfirst", "flexjob"] {
            let path = root.appendingPathComponent("Data/\(trial)/published.csv").path
            let texts = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst(2)
                .map { $0.split(separator: ",").map(String.init) }
            for (figure, fields) in zip(try PublishedFigure.read(path: path), texts) {
                XCTAssertTrue(fields.contains(figure.estimand.description), "\(figure.estimand) in \(fields)")
            }
        }
        XCTAssertEqual(Estimand(parsing: "share_status_week:flex_job@52"), .shareStatusWeek(.flexJob, week: 52))
        XCTAssertEqual(Estimand(parsing: "baseline_share:waited_weeks>=78"), .baselineShare(.atLeast(column: "waited_weeks", bound: 78)))
        XCTAssertEqual(Estimand(parsing: "count_randomized:treated"), .countRandomized(.treated))
        XCTAssertEqual(Estimand(parsing: "effect:paid_hours@66-78")?.description, "effect:paid_hours@66-78")
    }

    /// The estimands of placement events parse to typed values and print back the same text.
    func testEventEstimandsParseToTypedValues() throws {
        let cases: [(String, Estimand)] = [
            ("count_flex_job_starts_by:provider", .countFlexJobStartsBy(.provider)),
            ("count_flex_job_starts_by:municipality", .countFlexJobStartsBy(.municipality)),
            ("count_flex_job_starts_with_subsidy:half", .countFlexJobStartsWithSubsidy(.half)),
            ("count_end_classification:towards_disability_pension", .countEndClassification(.towardsDisabilityPension)),
            ("share_status_last_week:disability_pension", .shareStatusLastWeek(.disabilityPension)),
            ("placed_share:sickness_benefit_before=1", .placedShare(.equals(column: "sickness_benefit_before", level: "1"))),
        ]
        for (text, estimand) in cases {
            XCTAssertEqual(Estimand(parsing: text), estimand, text)
            XCTAssertEqual(estimand.description, text)
        }
        let header = "id,description,published,unit,population,estimand,source\n"
        for bad in ["count_flex_job_starts_by:actor", "count_flex_job_starts_by", "count_flex_job_starts_with_subsidy:full",
                    "count_end_classification:lost", "placed_share:", "share_status_last_week:flexjob"] {
            let path = try write(header + "b,second,8,percent,all,\(bad),src\n")
            XCTAssertThrowsError(try PublishedFigure.read(path: path), bad) { error in
                XCTAssertTrue("\(error)".contains("line 2, column estimand") && "\(error)".contains(bad), "\(error)")
            }
        }
    }

    /// A bad estimand fails when the file is read, naming file, line, column and value.
    func testABadEstimandFailsAtLoadNamingLineAndColumn() throws {
        let header = "# comment\nid,description,published,unit,population,estimand,source\n"
        for bad in ["effekt:paid_hours@66-78", "effect:paid_hours", "effect:paid_hours@78-66", "share_status_week:flexjob@52",
                    "count_status_last_week", "hazard_ratio:", "count_municipalities:3", "baseline_share:female"] {
            let path = try write(header + "a,first,12,percent,all,effect:x@1-2,src\nb,second,8,percent,all,\(bad),src\n")
            XCTAssertThrowsError(try PublishedFigure.read(path: path), bad) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(path) && text.contains("line 4") && text.contains("estimand") && text.contains(bad), text)
            }
        }
    }
}
