// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TestSupport
import TrialAnalysis
import TrialModel
import XCTest

/// National benchmarks beside the arms: read with refusals naming line and column, and compared
/// with counts that hold by construction of the shipped flex-job data.
final class BenchmarkComparisonTests: XCTestCase {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("benchmarks-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testShippedBenchmarksBesideTheArms() throws {
        let dir = ShippedTrialData.packageRoot.appendingPathComponent("Data/flexjob")
        let benchmarks = try NationalBenchmark.read(path: dir.appendingPathComponent("benchmarks.csv").path)
        XCTAssertEqual(benchmarks.map(\.percent), ["9", "14", "12"])
        XCTAssertEqual(benchmarks.map(\.week), [35, 52, 52])
        let c = BenchmarkComparison(dataset: try ShippedTrialData.dataset("flexjob"), benchmarks: benchmarks, level: 0.95)
        // Week 52 counts equal the published end states (56 in a flex job, 16 on disability
        // pension: an absorbing exit carries on), over all 240 and split by arm.
        XCTAssertEqual(c.rows[1].shares[0].count, 56)
        XCTAssertEqual(c.rows[2].shares[0].count, 16)
        for row in c.rows {
            XCTAssertEqual(row.shares.map(\.arm), [nil, "municipality", "other_actor"])
            XCTAssertEqual(row.shares[0].n, 240)
            XCTAssertEqual(row.shares[1].count + row.shares[2].count, row.shares[0].count)
            let s = row.shares[0]
            let half = 1.959963984540054 * (s.share * (1 - s.share) / 240).squareRoot()
            XCTAssertEqual(s.low, s.share - half, accuracy: 1e-12)
            XCTAssertEqual(s.high, s.share + half, accuracy: 1e-12)
        }
        // The trial is above the national level in a flex job and below it on disability pension.
        XCTAssertGreaterThan(c.rows[0].shares[0].low, benchmarks[0].share)
        XCTAssertLessThan(c.rows[2].shares[0].high, benchmarks[2].share)
        XCTAssertFalse(c.rows[2].nationalWithinTrial)
    }

    func testBadRowsAreRefusedNamingLineAndColumn() throws {
        let header = "# c\nid,description,status,month,percent,source\nok,x,flex_job,8,9,s\n"
        for (bad, column) in [("a,x,flexjob,8,9,s", "status"), ("a,x,flex_job,0,9,s", "month"), ("a,x,flex_job,8,101,s", "percent"),
                              ("ok,x,flex_job,8,9,s", "id"), (",x,flex_job,8,9,s", "id")] {
            let path = try write(header + bad + "\n")
            XCTAssertThrowsError(try NationalBenchmark.read(path: path), bad) { e in
                XCTAssertTrue("\(e)".contains("line 4, column \(column)"), "\(e)")
            }
        }
    }
}
