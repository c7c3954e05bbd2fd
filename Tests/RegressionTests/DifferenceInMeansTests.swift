// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import Regression

/// Against estimatr 1.0.0 `difference_in_means` (Welch, blocked, matched pairs); 1e-8 relative.
final class DifferenceInMeansTests: XCTestCase {
    func compare(_ effect: TreatmentEffect, _ caseName: String, file: StaticString = #filePath, line: UInt = #line) {
        let ref = Fixtures.references(case: caseName, seType: "default")
        XCTAssertEqual(ref.count, 1, file: file, line: line)
        let row = effect.summary().rows[0]
        assertClose(row.estimate, ref[0].estimate, relative: 1e-8, "estimate", file: file, line: line)
        assertClose(row.stdError, ref[0].stdError, relative: 1e-8, "se", file: file, line: line)
        assertClose(row.df, ref[0].df, relative: 1e-8, "df", file: file, line: line)
        assertClose(row.pValue, ref[0].pValue, relative: 1e-6, "p", file: file, line: line)
        assertClose(row.confLow, ref[0].confLow, relative: 1e-8, "ci", file: file, line: line)
        assertClose(row.confHigh, ref[0].confHigh, relative: 1e-8, "ci", file: file, line: line)
    }

    func testWelch() throws {
        let m = Fixtures.main
        let effect = try DifferenceInMeans.estimate(outcome: Fixtures.numeric(m, "y"), treatment: Fixtures.numeric(m, "D"))
        XCTAssertEqual(effect.kind, .standard)
        compare(effect, "dim")
    }

    func testBlocked() throws {
        let m = Fixtures.main
        let effect = try DifferenceInMeans.estimate(outcome: Fixtures.numeric(m, "y"), treatment: Fixtures.numeric(m, "D"),
                                                    blocks: Fixtures.categorical(m, "s"))
        XCTAssertEqual(effect.kind, .blocked)
        compare(effect, "dim_blocked")
    }

    func testMatchedPairs() throws {
        let p = Fixtures.table("pairs.csv")
        let effect = try DifferenceInMeans.estimate(outcome: Fixtures.numeric(p, "y"), treatment: Fixtures.numeric(p, "D"),
                                                    blocks: Fixtures.categorical(p, "pair"))
        XCTAssertEqual(effect.kind, .matchedPairs)
        compare(effect, "dim_pairs")
    }

    /// y = 1,2,3 | 4,6,8: τ̂ = 4, SE² = 4/3 + 1/3 = 5/3, Welch df = (5/3)² / ((4/3)²/2 + (1/3)²/2) = 50/17.
    func testHandComputed() throws {
        let effect = try DifferenceInMeans.estimate(outcome: NumericColumn(name: "y", values: [1, 2, 3, 4, 6, 8]),
                                                    treatment: NumericColumn(name: "D", values: [0, 0, 0, 1, 1, 1]))
        XCTAssertEqual(effect.estimate, 4, accuracy: 1e-14)
        XCTAssertEqual(effect.standardError, (5.0 / 3).squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(effect.degreesOfFreedom, 50.0 / 17, accuracy: 1e-13)
        compare(effect, "hand_dim")
    }

    func testErrorsReadAsSentences() {
        XCTAssertThrowsError(try DifferenceInMeans.estimate(outcome: NumericColumn(name: "y", values: [1, 2, 3]),
                                                            treatment: NumericColumn(name: "D", values: [1, 1, 1]))) {
            XCTAssertEqual("\($0)", "The treatment column 'D' is constant (every value is 1); a treatment effect needs both arms.")
        }
        XCTAssertThrowsError(try DifferenceInMeans.estimate(outcome: NumericColumn(name: "y", values: [1, 2, 3]),
                                                            treatment: NumericColumn(name: "D", values: [0, 1, 2]))) {
            XCTAssertEqual($0 as? RegressionError, .nonBinaryTreatment(column: "D", value: 2))
        }
    }
}
