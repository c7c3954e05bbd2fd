// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import SurvivalAnalysis

/// Cumulative incidence of competing outcomes against R's multi-state `survfit`
/// (survival 3.5-3, `mgus2`: progression to PCM and death before it). Tolerance 1e-7 relative.
final class AalenJohansenTests: XCTestCase {
    private func mgus() throws -> (time: [Double], outcome: [Int], female: [Double]) {
        let t = try SurvivalFixture.table("mgus2.csv")
        return (t["etime"], t["ecode"].map { Int($0) }, t["female"])
    }

    func testEveryStepOneGroup() throws {
        let m = try mgus()
        let aj = try AalenJohansen(time: m.time, outcome: m.outcome, outcomeLabels: ["pcm", "death"])
        let r = SurvivalFixture.section("cif_all")
        let curve = aj.curves[0]
        assertClose(curve.times, numbers(r["time"]), relative: 1e-7, absolute: 1e-12, "time")
        assertClose(curve.cumulativeIncidence[0], numbers(r["pcm"]), relative: 1e-7, absolute: 1e-12, "pcm")
        assertClose(curve.cumulativeIncidence[1], numbers(r["death"]), relative: 1e-7, absolute: 1e-12, "death")
        assertClose(curve.standardErrors[0], numbers(r["pcm_se"]), relative: 1e-7, absolute: 1e-12, "pcm se")
        assertClose(curve.standardErrors[1], numbers(r["death_se"]), relative: 1e-7, absolute: 1e-12, "death se")
    }

    func testByGroupAtRequestedTimes() throws {
        let m = try mgus()
        let aj = try AalenJohansen(time: m.time, outcome: m.outcome, outcomeLabels: ["pcm", "death"], groups: Grouping(m.female))
        let times: [Double] = [12, 60, 120, 240, 360]
        let points = aj.at(times)
        for (g, key) in ["female=0", "female=1"].enumerated() {
            let r = SurvivalFixture.section("cif", key)
            assertClose(points[g][0].map(\.estimate), numbers(r["pcm"]), relative: 1e-7, absolute: 1e-12, "\(key) pcm")
            assertClose(points[g][0].map(\.standardError), numbers(r["pcm_se"]), relative: 1e-7, absolute: 1e-12, "\(key) pcm se")
            assertClose(points[g][1].map(\.estimate), numbers(r["death"]), relative: 1e-7, absolute: 1e-12, "\(key) death")
            assertClose(points[g][1].map(\.standardError), numbers(r["death_se"]), relative: 1e-7, absolute: 1e-12, "\(key) death se")
        }
    }

    func testUndeclaredOutcomeNamesTheRow() {
        XCTAssertThrowsError(try AalenJohansen(time: [1, 2, 3], outcome: [1, 0, 3], outcomeLabels: ["a", "b"])) { error in
            XCTAssertEqual(error as? SurvivalAnalysisError, .undeclaredOutcome(row: 3, code: 3, outcomeCount: 2))
        }
    }
}
