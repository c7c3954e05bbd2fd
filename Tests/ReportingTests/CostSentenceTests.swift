// SPDX-License-Identifier: GPL-3.0-or-later
import Reporting
import TrialAnalysis
import XCTest

/// The incremental cost's verdict and interval are said in words in both languages: dominated,
/// unbounded (the effect's interval includes zero), bounded.
final class CostSentenceTests: XCTestCase {
    let english = EnglishTexts(arms: ComparedArms(treated: "other actor", control: "municipality"))
    let danish = DanishTexts(arms: ComparedArms(treated: "den anden aktør", control: "kommunen"))

    func testDominatedIsSaidInWords() {
        let c = IncrementalCost(costDifference: 1800, effect: -0.03, costVariance: 1e6, effectVariance: 0.003, covariance: 20, level: 0.95)
        XCTAssertEqual(c.verdict, .dominated)
        let en = english.incrementalCostSentence(c.verdict, ratio: "x", interval: c.interval, low: "a", high: "b", levelPercent: "95")
        XCTAssertTrue(en.hasPrefix("Dominated: the other actor costs more and places fewer people"), en)
        let da = danish.incrementalCostSentence(c.verdict, ratio: "x", interval: c.interval, low: "a", high: "b", levelPercent: "95")
        XCTAssertTrue(da.hasPrefix("Domineret: den anden aktør koster mere og får færre i fleksjob"), da)
    }

    func testUnboundedAndBoundedIntervalsAreSaidInWords() {
        let unbounded = IncrementalCost(costDifference: 5000, effect: 0.05, costVariance: 1e5, effectVariance: 0.01, covariance: 0, level: 0.95)
        XCTAssertEqual(unbounded.verdict, .extraCostPerAdditionalPlacement)
        let en = english.incrementalCostSentence(unbounded.verdict, ratio: "100,000 DKK", interval: unbounded.interval, low: "a", high: "b", levelPercent: "95")
        XCTAssertTrue(en.contains("unbounded") && en.contains("the effect's interval includes zero"), en)
        let da = danish.incrementalCostSentence(unbounded.verdict, ratio: "100.000 DKK", interval: unbounded.interval, low: "a", high: "b", levelPercent: "95")
        XCTAssertTrue(da.contains("ubegrænset") && da.contains("effektens interval indeholder nul"), da)
        let bounded = IncrementalCost(costDifference: 10450, effect: 0.45, costVariance: 1.1e7, effectVariance: 0.019, covariance: 358, level: 0.95)
        let b = english.incrementalCostSentence(bounded.verdict, ratio: "23,222 DKK", interval: bounded.interval, low: "13,163 DKK", high: "38,696 DKK", levelPercent: "95")
        XCTAssertEqual(b, "Extra cost per additional person in a flex job: 23,222 DKK; its 95 % Fieller interval is 13,163 DKK to 38,696 DKK.")
    }
}
