// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import ProgrammeMonitoring

/// Grading on the seed's own cases and on every boundary of the contract (docs/DATA-FORMATS.md,
/// goals.csv): I+ r ≥ 1.5; I 0.9 ≤ r < 1.5; DI 0.5 ≤ r < 0.9; II r < 0.5; IO not measured.
final class GoalGradeTests: XCTestCase {
    private func d(_ s: String) -> ExactDecimal { ExactDecimal(s)! }

    private func grade(_ achieved: String?, of target: String, revised: String? = nil, form: TargetForm = .count,
                       measurement: GoalMeasurement = .agreed) -> GoalGrade {
        UnitGoal(unit: "u", goal: "g", type: .flexJobs, targetForm: form, target: d(target), revisedTarget: revised.map(d),
                 achieved: achieved.map(d), measurement: measurement).grade
    }

    /// placement-units-appendix-2006.da.txt, Bilag 3: "Målet på 125 formidlinger til fleksjob blev
    /// indfriet over forventning med 218 formidlinger. Målet om formidling af 20 skånejob blev delvist
    /// indfriet med 13 formidlinger"; "det samlede antal formidlinger i perioden på 1000 … indfriet med 1437".
    func testTheSeedsOwnCases() {
        XCTAssertEqual(grade("218", of: "125"), .exceeded)       // r = 1.744
        XCTAssertEqual(grade("13", of: "20"), .partlyMet)        // r = 0.65
        XCTAssertEqual(grade("6", of: "20"), .notMet)            // r = 0.30
        XCTAssertEqual(grade("1437", of: "1000"), .met)          // r = 1.437
        XCTAssertEqual(grade("124", of: "150"), .partlyMet)      // "delvist indfriet med 124 sager mod de forventede 150"
    }

    func testEveryBoundaryIsHalfOpenAndExact() {
        // Exactly 150 %, 90 %, 50 % belong to the upper grade; one millionth below does not.
        XCTAssertEqual(grade("30", of: "20"), .exceeded)
        XCTAssertEqual(grade("29.999999", of: "20"), .met)
        XCTAssertEqual(grade("18", of: "20"), .met)
        XCTAssertEqual(grade("17.999999", of: "20"), .partlyMet)
        XCTAssertEqual(grade("10", of: "20"), .partlyMet)
        XCTAssertEqual(grade("9.999999", of: "20"), .notMet)
        // Decimals that are not exact in binary floating point: 0.45 / 0.5 = 0.9 exactly.
        XCTAssertEqual(grade("0.45", of: "0.5"), .met)
        XCTAssertEqual(grade("0.3", of: "0.2"), .exceeded)
        XCTAssertEqual(grade("0.1", of: "0.2"), .partlyMet)
        XCTAssertEqual(grade("0", of: "20"), .notMet)
    }

    func testReductionsUseAchievedOverTargetReduction() {
        // Target: 10 % fewer recipients. 9 % fewer → 0.9 (I); 5 % → DI; an increase of 2 % → II.
        XCTAssertEqual(grade("9", of: "10", form: .reductionPercent), .met)
        XCTAssertEqual(grade("5", of: "10", form: .reductionPercent), .partlyMet)
        XCTAssertEqual(grade("4.999999", of: "10", form: .reductionPercent), .notMet)
        XCTAssertEqual(grade("-2", of: "10", form: .reductionPercent), .notMet)
        XCTAssertEqual(grade("15", of: "10", form: .reductionPercent), .exceeded)
    }

    func testMaximumWaitingDaysAreLowerIsBetter() {
        // Target at most 10 days: waiting 10 → 1.0 (I); 20 → 0.5 (DI); 21 → II; 6 → 1.67 (I+); 0 → I+.
        XCTAssertEqual(grade("10", of: "10", form: .maxWaitingDays), .met)
        XCTAssertEqual(grade("20", of: "10", form: .maxWaitingDays), .partlyMet)
        XCTAssertEqual(grade("21", of: "10", form: .maxWaitingDays), .notMet)
        XCTAssertEqual(grade("11.111112", of: "10", form: .maxWaitingDays), .partlyMet)   // r just below 0.9
        XCTAssertEqual(grade("6", of: "10", form: .maxWaitingDays), .exceeded)
        XCTAssertEqual(grade("0", of: "10", form: .maxWaitingDays), .exceeded)
        XCTAssertEqual(grade("6.666666", of: "10", form: .maxWaitingDays), .exceeded)     // 10/6.666666 > 1.5
        XCTAssertEqual(grade("6.666667", of: "10", form: .maxWaitingDays), .met)          // 10/6.666667 < 1.5
    }

    func testRevisedTargetIsGradedAndTheOriginalIsKept() {
        let goal = UnitGoal(unit: "u", goal: "g", type: .companyInternships, targetForm: .count, target: d("75"),
                            revisedTarget: d("150"), achieved: d("99"))
        XCTAssertEqual(goal.grade, .partlyMet)                              // 99 / 150 = 0.66
        XCTAssertEqual(goal.originalAttainment?.grade, .met)                // 99 / 75 = 1.32
        XCTAssertEqual(goal.originalAttainment!.ratio, 99.0 / 75.0, accuracy: 1e-15)
    }

    func testNotMeasuredOrMeasuredDifferentlyIsIO() {
        XCTAssertEqual(grade(nil, of: "20", measurement: .none), .notMeasured)
        XCTAssertEqual(grade("25", of: "20", measurement: .deviating), .notMeasured)
        XCTAssertEqual(grade(nil, of: "20", measurement: .deviating), .notMeasured)
    }

    func testExactDecimalParsing() {
        XCTAssertEqual(ExactDecimal("1437")?.millionths, 1_437_000_000)
        XCTAssertEqual(ExactDecimal("-0.5")?.millionths, -500_000)
        XCTAssertEqual(ExactDecimal("0.000001")?.millionths, 1)
        XCTAssertEqual(ExactDecimal("12.50")?.description, "12.5")
        for bad in ["", "1.", ".5", "1.0000001", "1e3", "1,5", "1000000000", "+3", "NaN", "--1"] {
            XCTAssertNil(ExactDecimal(bad), bad)
        }
    }
}
