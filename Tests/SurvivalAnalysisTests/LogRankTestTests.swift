// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import SurvivalAnalysis

/// Log-rank and G-ρ tests against R's `survdiff` (survival 3.5-3). Tolerance 1e-7 relative.
final class LogRankTestTests: XCTestCase {
    private func check(_ key: String, _ test: LogRankTest) {
        let r = SurvivalFixture.section("logrank", key)
        assertClose(test.statistic, number(r["statistic"]), relative: 1e-7, absolute: 1e-12, "\(key) chisq")
        XCTAssertEqual(Double(test.degreesOfFreedom), number(r["df"]))
        assertClose(test.pValue, number(r["p_value"]), relative: 1e-7, absolute: 1e-12, "\(key) p")
        assertClose(test.groups.map(\.observed), numbers(r["observed"]), relative: 1e-7, absolute: 1e-12, "\(key) observed")
        assertClose(test.groups.map(\.expected), numbers(r["expected"]), relative: 1e-7, absolute: 1e-12, "\(key) expected")
        assertClose(test.variance.elements, numbers(r["var"]), relative: 1e-7, absolute: 1e-12, "\(key) var")
    }

    func testLungBySex() throws {
        let t = try SurvivalFixture.table("lung.csv")
        let data = try SurvivalData(time: t["time"], event: t["status"].map { $0 == 1 })
        check("lung_sex", try LogRankTest(data: data, groups: Grouping(t["sex"])))
    }

    func testLungThreeGroups() throws {
        let t = try SurvivalFixture.table("lung.csv")
        let rows = (0..<t.rowCount).filter { t["ph_ecog"][$0] < 3 }
        let data = try SurvivalData(time: rows.map { t["time"][$0] }, event: rows.map { t["status"][$0] == 1 })
        check("lung_ecog", try LogRankTest(data: data, groups: Grouping(rows.map { t["ph_ecog"][$0] })))
    }

    func testLungStratified() throws {
        let t = try SurvivalFixture.table("lung.csv")
        let data = try SurvivalData(time: t["time"], event: t["status"].map { $0 == 1 })
        check("lung_sex_strata", try LogRankTest(data: data, groups: Grouping(t["sex"]), strata: Grouping(t["ph_ecog"])))
    }

    func testPetoPetoRhoOne() throws {
        let t = try SurvivalFixture.table("lung.csv")
        let data = try SurvivalData(time: t["time"], event: t["status"].map { $0 == 1 })
        check("lung_sex_rho1", try LogRankTest(data: data, groups: Grouping(t["sex"]), rho: 1))
    }

    func testWeeklyStratifiedWithHeavyTies() throws {
        let t = try SurvivalFixture.table("weekly.csv")
        let data = try SurvivalData(time: t["time"], event: t["status"].map { $0 == 1 })
        check("weekly_strata", try LogRankTest(data: data, groups: Grouping(t["treat"]), strata: Grouping(t["stratum"])))
    }

    func testOneGroupIsRejected() throws {
        let data = try SurvivalData(time: [1, 2, 3], event: [true, false, true])
        XCTAssertThrowsError(try LogRankTest(data: data, groups: Grouping([1, 1, 1]))) { error in
            XCTAssertEqual(error as? SurvivalAnalysisError, .tooFewGroups(count: 1))
        }
    }
}
