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
        XCTAssertEqual(hr.estimand, "hazard_ratio:losing_paid_hours")
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
}
