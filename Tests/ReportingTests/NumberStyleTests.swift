// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
@testable import Reporting
import TrialModel

final class NumberStyleTests: XCTestCase {
    let da = NumberStyle(language: .danish)
    let en = NumberStyle(language: .english)

    func testIntegersGroupThousands() {
        XCTAssertEqual(da.integer(1847), "1.847")
        XCTAssertEqual(en.integer(1847), "1,847")
        XCTAssertEqual(da.integer(100_000), "100.000")
        XCTAssertEqual(da.integer(1_234_567), "1.234.567")
        XCTAssertEqual(en.integer(-1234), "-1,234")
        XCTAssertEqual(da.integer(560), "560")
        XCTAssertEqual(da.integer(0), "0")
    }

    func testDecimalsUseTheLanguagesMark() {
        XCTAssertEqual(da.decimal(4.6, digits: 1), "4,6")
        XCTAssertEqual(en.decimal(4.6, digits: 1), "4.6")
        XCTAssertEqual(da.decimal(2.75, digits: 2), "2,75")
        XCTAssertEqual(da.decimal(1847.25, digits: 1), "1.847,2")   // %.1f rounds the binary value
        XCTAssertEqual(en.decimal(12345.678, digits: 2), "12,345.68")
        XCTAssertEqual(da.decimal(-0.00001, digits: 2), "0,00")        // no "-0,00"
        XCTAssertEqual(da.decimal(-0.3, digits: 1), "-0,3")
        XCTAssertEqual(da.decimal(.nan, digits: 1), "–")
        XCTAssertEqual(da.signedDecimal(7.41, digits: 1), "+7,4")
        XCTAssertEqual(da.signedDecimal(0.0001, digits: 1), "0,0")
        XCTAssertEqual(en.signedDecimal(-1.5, digits: 2), "-1.50")
    }

    /// A randomization-inference p of 0 from 500 replays is "< 0,002", not "< 0,001": the replays
    /// cannot tell p apart below 1/500. From 300 replays 1/300 = 0,0033 rounds up to 0,004; from
    /// 10,000 the general floor 0,001 applies.
    func testRandomizationInferencePValuesShowTheirResolution() {
        XCTAssertEqual(NumberStyle.randomizationFloor(permutations: 500), 0.002)
        XCTAssertEqual(NumberStyle.randomizationFloor(permutations: 300), 0.004)
        XCTAssertEqual(NumberStyle.randomizationFloor(permutations: 1000), 0.001)
        XCTAssertEqual(NumberStyle.randomizationFloor(permutations: 10_000), 0.001)
        XCTAssertEqual(NumberStyle.randomizationFloor(permutations: nil), 0.001)
        XCTAssertEqual(da.pValue(0, below: 0.002), "< 0,002")
        XCTAssertEqual(en.pClause(0, below: 0.002), "p < 0.002")
        XCTAssertEqual(da.pValue(0.002, below: 0.002), "0,002")
        XCTAssertEqual(da.pValue(0.0456, below: 0.002), "0,046")
    }

    func testPercentAndPValues() {
        XCTAssertEqual(da.percent(0.192), "19,2 %")
        XCTAssertEqual(en.percent(0.192), "19.2 %")
        XCTAssertEqual(da.percent(0.95, digits: 0), "95 %")
        XCTAssertEqual(da.pValue(0.0004), "< 0,001")
        XCTAssertEqual(en.pValue(0.0004), "< 0.001")
        XCTAssertEqual(da.pValue(0.0456), "0,046")
        XCTAssertEqual(da.pValue(1), "1,000")
        XCTAssertEqual(da.interval("5,1", "9,7"), "[5,1; 9,7]")
    }

    func testReportNumbersFormatByOutcomeScaleAndSuppress() {
        let numbers = ReportNumbers(language: .danish)
        XCTAssertEqual(numbers.level(0.1924, scale: .share, n: 100), "19,2 %")
        XCTAssertEqual(numbers.effect(0.0741, scale: .share, n: 100), "+7,4 procentpoint")
        XCTAssertEqual(numbers.interval(0.0512, 0.097, scale: .share, n: 100), "[5,1; 9,7]")
        XCTAssertEqual(numbers.effect(1.4612, scale: .hours, n: 100), "+1,46 timer/uge")
        XCTAssertEqual(numbers.level(4.6, scale: .hours, n: 4), "..")
        XCTAssertEqual(numbers.p(0.01, n: 3), "..")
        XCTAssertEqual(numbers.count(4), "< 5")
        XCTAssertEqual(numbers.count(1), "< 5")
        XCTAssertEqual(numbers.count(23, state: .secondary), "..")
        XCTAssertEqual(ReportNumbers(language: .danish, minPersons: 10).count(7), "< 10")
        XCTAssertEqual(numbers.count(5), "5")
        XCTAssertEqual(numbers.count(0), "0")
        XCTAssertEqual(numbers.levelPercent(0.95), "95 %")
        let english = ReportNumbers(language: .english)
        XCTAssertEqual(english.effect(0.0741, scale: .share, n: 100), "+7.4 percentage points")
        XCTAssertEqual(english.ratioInterval(0.6431, 0.9248, n: 100), "[0.64; 0.92]")
    }

    func testWordingRulesChooseJudgementFromP() {
        XCTAssertEqual(SignificanceJudgement(p: 0.001, alpha: 0.05), .strong)
        XCTAssertEqual(SignificanceJudgement(p: 0.03, alpha: 0.05), .significant)
        XCTAssertEqual(SignificanceJudgement(p: 0.07, alpha: 0.05), .weak)
        XCTAssertEqual(SignificanceJudgement(p: 0.4, alpha: 0.05), .none)
    }

    func testEveryLabelHasTextInBothLanguages() {
        for language in ReportLanguage.allCases {
            let strings = language.strings
            for label in ReportLabel.allCases { XCTAssertFalse(strings[label].isEmpty, "\(language) \(label)") }
        }
        XCTAssertEqual(ReportLanguage(rawValue: "da"), .danish)
        XCTAssertEqual(ReportLanguage(rawValue: "en"), .english)
        XCTAssertEqual(ReportLanguage.default, .danish)
        XCTAssertEqual(ReportLanguage.danish.strings.benefit("cash_benefit"), "kontanthjælp")
        XCTAssertEqual(ReportLanguage.danish.strings.benefit("resource_programme"), "ressourceforløb")
        XCTAssertEqual(ReportLanguage.danish.strings.benefit("flexjob_waiting_benefit"), "ledighedsydelse")
        XCTAssertEqual(ReportLanguage.english.strings.benefit("flexjob_waiting_benefit"), "flex-job waiting benefit")
    }
}
