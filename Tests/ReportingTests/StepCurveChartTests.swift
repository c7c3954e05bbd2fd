// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialAnalysis
import TrialModel
@testable import Reporting

/// Kaplan–Meier and cumulative-incidence figures: what is drawn (coarsened steps, censor marks,
/// hidden arms), the numbers at risk, the axes and the legend (`FigureCases`).
final class StepCurveChartTests: XCTestCase {
    let danish = ReportNumbers(language: .danish)

    func kaplanMeier(_ set: SurvivalCurveSet = FigureCases.kaplanMeier, minPersons: Int = 5) -> StepCurveChart {
        StepCurveChart(survival: set, heading: "KM", strings: danish.strings, level: 0.95, minPersons: minPersons)
    }

    func testKaplanMeierStepsEveryFiveEventsWithCensorMarksAtTheDrawnSteps() {
        let chart = kaplanMeier()
        XCTAssertEqual(chart.series.map(\.name), ["Kontrolgruppen", "Indsatsgruppen"])
        let control = chart.series[0].curve, treated = chart.series[1].curve
        // The events after week 25 (fewer than 5) join the last run, which then steps at the end.
        XCTAssertEqual(control.steps.map(\.time), [5, 10, 15, 20, 26])
        // After 5 events among 28, 27, …, 24 at risk: S = 23/28.
        XCTAssertEqual(control.steps[0].value, 23.0 / 28, accuracy: 1e-12)
        XCTAssertEqual(control.censorTimes, [26])
        XCTAssertEqual(treated.steps.map(\.time), [6, 12, 18, 26])
        XCTAssertEqual(treated.censorTimes, [18])
        XCTAssertEqual(kaplanMeier(minPersons: 1).series[0].curve.steps.count, 26)
    }

    func testAnArmOfFewerThanFivePeopleIsNotDrawnNorInTheRiskTable() {
        let chart = kaplanMeier(FigureCases.hiddenArm)
        XCTAssertEqual(chart.series.map(\.name), ["Kontrolgruppen"])
        let svg = chart.svg(numbers: danish)
        XCTAssertFalse(svg.contains("Indsatsgruppe"))
        XCTAssertEqual(svg.components(separatedBy: "class=\"series\"").count - 1, 1)
        XCTAssertEqual(kaplanMeier(FigureCases.hiddenArm, minPersons: 4).series.count, 2)
    }

    func testNumbersAtRiskEveryThirteenWeeksWithOneToFourSuppressed() {
        let svg = kaplanMeier().svg(numbers: danish)
        XCTAssertTrue(svg.contains(">Antal i risiko</text>"))
        // Both arms at weeks 0, 13, 26: 28, 16, 3 → "<5".
        XCTAssertEqual(svg.components(separatedBy: ">28</text>").count - 1, 2)
        XCTAssertEqual(svg.components(separatedBy: ">16</text>").count - 1, 2)
        XCTAssertEqual(svg.components(separatedBy: ">&lt; 5</text>").count - 1, 2)
        XCTAssertFalse(svg.contains(">3</text>"))
    }

    func testAxesAndLegendNameTheTimeScaleAndTheConfidenceLevel() {
        let svg = kaplanMeier().svg(numbers: danish)
        XCTAssertTrue(svg.contains(">Uger siden randomisering</text>"))
        XCTAssertTrue(svg.contains(">95 % konfidensinterval</text>"))
        XCTAssertTrue(svg.contains(">Censureret</text>"))
        XCTAssertTrue(svg.contains("class=\"censor\""))
        let english = StepCurveChart(survival: FigureCases.kaplanMeier, heading: "KM", strings: ReportStrings(language: .english),
                                     level: 0.9).svg(numbers: ReportNumbers(language: .english))
        XCTAssertTrue(english.contains(">Weeks since randomisation</text>"))
        XCTAssertTrue(english.contains(">90% confidence interval</text>") || english.contains(">90 % confidence interval</text>"), english)
        // The x axis ends at the last week (26), ticked at 0, 13, 26.
        XCTAssertTrue(svg.contains(">26</text>"))
        XCTAssertFalse(svg.contains(">30</text>"))
    }

    func testIncidenceSeriesDifferInColourByCauseAndDashByArm() {
        let chart = StepCurveChart(incidence: FigureCases.incidence, heading: "CIF", strings: danish.strings,
                                   armSizes: ["municipality": 120, "other_actor": 120], level: 0.95)
        XCTAssertEqual(chart.series.count, 6)
        let styles = chart.series.map { "\($0.stroke.color) \($0.stroke.dash)" }
        XCTAssertEqual(Set(styles).count, 6, "\(styles)")
        XCTAssertEqual(Set(chart.series.prefix(3).map(\.stroke.dash)).count, 1)
        XCTAssertEqual(chart.series[0].stroke.color, chart.series[3].stroke.color)
        XCTAssertNotEqual(chart.series[0].stroke.dash, chart.series[3].stroke.dash)
        // Flex job: 1 exit every 2nd week → steps at weeks 10, 20, 30, 40 (5 exits each); the
        // exits after week 50 join the last run, which steps at the end (week 52).
        XCTAssertEqual(chart.series[0].curve.steps.map(\.time), [10, 20, 30, 40, 52])
    }

    func testIncidenceAxesFitTheDataAndEndAtFollowUp() {
        let svg = StepCurveChart(incidence: FigureCases.incidence, heading: "CIF", strings: danish.strings,
                                 armSizes: ["municipality": 120, "other_actor": 120], level: 0.95).svg(numbers: danish)
        // Highest drawn value 25/120 ≈ 20,8 % → the y axis ends at 25 %, not 100 %.
        XCTAssertTrue(svg.contains(">25 %</text>"))
        XCTAssertFalse(svg.contains(">30 %</text>"))
        XCTAssertFalse(svg.contains(">100 %</text>"))
        XCTAssertTrue(svg.contains(">52</text>"))
        XCTAssertFalse(svg.contains(">60</text>"))
        XCTAssertFalse(svg.contains("konfidensinterval"), "no bands, so no interval in the legend")
    }

    func testIncidenceArmsBelowFivePeopleAreNotDrawn() {
        let chart = StepCurveChart(incidence: FigureCases.incidence, heading: "CIF", strings: danish.strings,
                                   armSizes: ["municipality": 120, "other_actor": 4], level: 0.95)
        XCTAssertEqual(chart.series.map(\.name), ["Kommune: fleksjob", "Kommune: førtidspension", "Kommune: fraflyttet"])
    }

    func testEffectCurveLegendCarriesTheLevel() {
        let curve = ResultsFixture.curve(.anyPaidHours, slope: 0.001)
        let svg = EffectCurveChart(curve: curve, heading: "E", level: 0.9).svg(numbers: danish)
        XCTAssertTrue(svg.contains(">90 % konfidensinterval</text>"))
        XCTAssertTrue(svg.contains(">Uger siden randomisering</text>"))
        XCTAssertTrue(svg.contains(">78</text>"))
        XCTAssertFalse(svg.contains(">80</text>"))
    }
}
