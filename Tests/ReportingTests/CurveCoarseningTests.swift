// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
@testable import Reporting
import TrialModel

/// `DisclosureControl.coarsened`: hand-computed runs of events, the values and limits at the
/// end of each run, censor marks at the drawn granularity.
final class CurveCoarseningTests: XCTestCase {
    typealias Point = DisclosureControl.StepPoint

    /// Weeks 1…n with the given events (and censored), survival 1 − week/100, limits ± 0.01.
    func points(_ events: [Int], censored: [Int]? = nil) -> [Point] {
        events.indices.map { k in
            let week = Double(k + 1), s = 1 - week / 100
            return Point(time: week, value: s, confLow: s - 0.01, confHigh: s + 0.01, events: events[k],
                         censored: censored?[k] ?? 0)
        }
    }

    func testEventsAreMergedUntilARunHasFive() {
        // 2 + 0 + 3 = 5 at week 3; 1 + 4 = 5 at week 5; week 6's single event joins the last
        // run, which then steps at week 6 with 6 events (the curve ends at its true level).
        let curve = DisclosureControl.coarsened(points([2, 0, 3, 1, 4, 1]), minPersons: 5)
        XCTAssertEqual(curve.steps.map(\.time), [3, 6])
        XCTAssertEqual(curve.steps.map(\.events), [5, 6])
        XCTAssertEqual(curve.steps.last?.value ?? .nan, 0.94, accuracy: 1e-12)
        XCTAssertEqual(curve.runStarts, [1, 4])
        XCTAssertEqual(curve.undrawnEvents, 0)
        XCTAssertEqual(curve.endTime, 6)
        XCTAssertEqual(curve.censorTimes, [])
    }

    func testAllowedTimesHoldARunOpenUntilOneOfThem() {
        // Runs may close only at weeks 4 and 6: 2 + 0 + 3 + 1 = 6 at week 4, then 4 + 1 = 5 at 6.
        let curve = DisclosureControl.coarsened(points([2, 0, 3, 1, 4, 1]), minPersons: 5, allowedTimes: [4, 6])
        XCTAssertEqual(curve.steps.map(\.time), [4, 6])
        XCTAssertEqual(curve.steps.map(\.events), [6, 5])
        // Without the last week allowed, its events stay undrawn and the curve is not faithful.
        let open = DisclosureControl.coarsened(points([2, 0, 3, 1, 4, 1]), minPersons: 5, allowedTimes: [4])
        XCTAssertEqual(open.steps.map(\.time), [4])
        XCTAssertEqual(open.undrawnEvents, 5)
        XCTAssertFalse(open.isFaithful(maxLag: 100))
    }

    func testAStepLaggingItsFirstEventTooLongIsNotFaithful() {
        // One event in week 1, four in week 9: one step at week 9 standing for an event 8 weeks earlier.
        let curve = DisclosureControl.coarsened(points([1, 0, 0, 0, 0, 0, 0, 0, 4]), minPersons: 5)
        XCTAssertEqual(curve.steps.map(\.time), [9])
        XCTAssertTrue(curve.isFaithful(maxLag: 8))
        XCTAssertFalse(curve.isFaithful(maxLag: 7))
    }

    func testCurveWeeksAreEveryTwentiethOfFollowUpAndTheEnd() {
        XCTAssertEqual(DisclosureControl.curveWeeks(followUpWeeks: 78), [4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 72, 76, 78])
        XCTAssertEqual(DisclosureControl.curveWeeks(followUpWeeks: 52), Array(stride(from: 3, through: 51, by: 3)) + [52])
        XCTAssertEqual(DisclosureControl.curveWeeks(followUpWeeks: 10), Array(1...10))
        XCTAssertEqual(DisclosureControl.maxStepLag(followUpWeeks: 78), 24)
    }

    func testAStepTakesTheValueAndLimitsAtTheEndOfItsRun() {
        let curve = DisclosureControl.coarsened(points([4, 4, 0, 9]), minPersons: 5)
        // Run 1: weeks 1–2 (8 events) → value at week 2 = 0.98; run 2: weeks 3–4 (9) → 0.96.
        XCTAssertEqual(curve.steps.map(\.time), [2, 4])
        XCTAssertEqual(curve.steps[0].value, 0.98, accuracy: 1e-12)
        XCTAssertEqual(curve.steps[0].confLow, 0.97, accuracy: 1e-12)
        XCTAssertEqual(curve.steps[0].confHigh, 0.99, accuracy: 1e-12)
        XCTAssertEqual(curve.steps[1].value, 0.96, accuracy: 1e-12)
        XCTAssertEqual(curve.steps.map(\.events), [8, 9])
    }

    func testAWeekWithEnoughEventsIsAStepOfItsOwn() {
        let curve = DisclosureControl.coarsened(points([0, 7, 5, 0]), minPersons: 5)
        XCTAssertEqual(curve.steps.map(\.time), [2, 3])
        XCTAssertEqual(curve.steps.map(\.events), [7, 5])
        XCTAssertEqual(curve.endTime, 4)
    }

    func testFewerEventsThanTheThresholdInAllDrawNoStep() {
        let curve = DisclosureControl.coarsened(points([1, 1, 1, 1]), minPersons: 5)
        XCTAssertEqual(curve.steps, [])
        XCTAssertEqual(curve.endTime, 4)
    }

    func testCensorMarksSitOnTheStepOfTheirRunOrAtTheEnd() {
        // Censored in week 2 (run weeks 1–3) → mark at week 3; censored in week 5 (tail weeks
        // 4–6, no events) → mark at the end, week 6.
        let curve = DisclosureControl.coarsened(points([2, 0, 3, 0, 0, 0], censored: [0, 1, 0, 0, 2, 0]), minPersons: 5)
        XCTAssertEqual(curve.steps.map(\.time), [3])
        XCTAssertEqual(curve.steps.map(\.censored), [1])
        XCTAssertEqual(curve.censorTimes, [3, 6])
        // A tail with an event joins the last run: one step at the end, its censoring marked there.
        let merged = DisclosureControl.coarsened(points([2, 0, 3, 1, 0, 0], censored: [0, 1, 0, 0, 2, 0]), minPersons: 5)
        XCTAssertEqual(merged.steps.map(\.time), [6])
        XCTAssertEqual(merged.steps.map(\.censored), [3])
        XCTAssertEqual(merged.censorTimes, [6])
    }

    func testCensoringInARunEndingAtTheLastTimeGivesOneMark() {
        let curve = DisclosureControl.coarsened(points([0, 5], censored: [1, 3]), minPersons: 5)
        XCTAssertEqual(curve.steps.map(\.time), [2])
        XCTAssertEqual(curve.steps.map(\.censored), [4])
        XCTAssertEqual(curve.censorTimes, [2])
    }

    func testAThresholdOfOneDrawsEveryTimeWithAnEvent() {
        let curve = DisclosureControl.coarsened(points([1, 0, 2, 0, 1]), minPersons: 1)
        XCTAssertEqual(curve.steps.map(\.time), [1, 3, 5])
        XCTAssertEqual(DisclosureControl.coarsened(points([1, 0, 2]), minPersons: 0).steps.map(\.time), [1, 3])
    }

    func testALargerThresholdMergesMore() {
        let curve = DisclosureControl.coarsened(points([2, 0, 3, 1, 4, 1]), minPersons: 10)
        XCTAssertEqual(curve.steps.map(\.time), [6])
        XCTAssertEqual(curve.steps.map(\.events), [11])
    }

    func testNoPointsNoCurve() {
        XCTAssertEqual(DisclosureControl.coarsened([], minPersons: 5),
                       DisclosureControl.CoarsenedCurve(steps: [], censorTimes: [], endTime: 0))
    }

    func testCountsAtRiskOfOneToFourShowAsBelowTheThreshold() {
        let plain = { (n: Int) in String(n) }
        XCTAssertEqual(DisclosureControl.countText(0, formatted: plain), "0")
        XCTAssertEqual(DisclosureControl.countText(1, formatted: plain), "< 5")
        XCTAssertEqual(DisclosureControl.countText(4, formatted: plain), "< 5")
        XCTAssertEqual(DisclosureControl.countText(5, formatted: plain), "5")
        XCTAssertEqual(DisclosureControl.countText(7, minPersons: 10, formatted: plain), "< 10")
        XCTAssertEqual(DisclosureControl.countText(2449, formatted: NumberStyle(language: .danish).integer), "2.449")
    }
}

/// The numbers-at-risk row: no two printed counts differ by 1 to 4 (the difference would count
/// people who had the event or were censored in between).
final class RiskTableTextTests: XCTestCase {
    func testDropsOfOneToFourFromTheLastPrintedCountAreHidden() {
        let numbers = ReportNumbers(language: .danish)
        let texts = StepCurveChart.RiskTable.texts([17, 15, 12, 12, 3, nil], minPersons: 5, numbers: numbers)
        XCTAssertEqual(texts, ["17", "..", "12", "12", "< 5", nil])
        XCTAssertEqual(StepCurveChart.RiskTable.texts([2449, 2114, 2110, 1794], minPersons: 5, numbers: numbers),
                       ["2.449", "2.114", "..", "1.794"])
    }
}
