// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis
import XCTest
@testable import Reporting

/// The audit's attacks on figures (`PublishedStepFigure`, `DisclosureAudit`): a leaky set of
/// Kaplan–Meier and cumulative-incidence SVGs, drawn without the report set's disclosure
/// ledger, with one leak of each kind; and the same figures drawn by a report set leak nothing.
final class FigureDisclosureTests: XCTestCase {
    let strings = ReportStrings(language: .danish)

    /// A Kaplan–Meier arm without censoring: `events[k]` events in week k + 1 among `n` people.
    func arm(_ code: String, n: Int, events: [Int]) -> SurvivalCurve {
        var atRisk = n, points = [SurvivalPoint(time: 0, survival: 1, confLow: 1, confHigh: 1, nRisk: n, events: 0, censored: 0)]
        for (k, d) in events.enumerated() {
            let s = Double(atRisk - d) / Double(n)
            points.append(SurvivalPoint(time: Double(k + 1), survival: s, confLow: max(0, s - 0.1), confHigh: min(1, s + 0.1),
                                        nRisk: atRisk, events: d, censored: 0))
            atRisk -= d
        }
        return SurvivalCurve(arm: code, n: n, events: events.reduce(0, +), median: nil, points: points)
    }

    func kaplanMeier(_ arms: [SurvivalCurve], minPersons: Int) -> String {
        let set = SurvivalCurveSet(outcome: .timeToPaidHours, arms: arms, logRankStatistic: 1, logRankPValue: 0.3)
        return StepCurveChart(survival: set, heading: "KM", strings: strings, level: 0.95, minPersons: minPersons)
            .svg(numbers: ReportNumbers(strings: strings))
    }

    /// The report beside a figure: the Kaplan–Meier table with N and events per arm.
    func report(_ rows: [(String, Int, Int)]) -> String {
        "| Gruppe | N | Hændelser | Median (uger) |\n| --- | ---: | ---: | ---: |\n"
            + rows.map { "| \($0.0) | \($0.1) | \($0.2) | – |" }.joined(separator: "\n") + "\n"
    }

    func testEachKindOfFigureLeakIsFound() {
        let week = Array(repeating: 0, count: 12)
        // 1. A step of 2 events among 20 people (drawn with a threshold of 1): N × Δlevel = 2.
        var steps = week; steps[2] = 6; steps[5] = 2; steps[9] = 6
        // 2. The table says 17 events; the curve (no censor marks) draws 14: 3 after the last step.
        // 3. Numbers at risk printed at every tick of the axis (threshold 1): 14 → 12 reveals 2 who left.
        let leaky = kaplanMeier([arm("control", n: 20, events: steps)], minPersons: 1)
        let leaks = DisclosureAudit().leaks(in: [("a__cash_benefit.md", report([("Kontrolgruppen", 20, 17)])),
                                                 ("a__cash_benefit-km-1-time_to_paid_hours.svg", leaky)])
        let attacks = Set(leaks.map(\.attack))
        XCTAssertTrue(attacks.contains("curve step × N"), "\(leaks)")
        XCTAssertTrue(leaks.contains { $0.attack == "curve step × N" && $0.persons == 2 }, "\(leaks)")
        XCTAssertTrue(leaks.contains { $0.attack == "curve end against the table" && $0.persons == 3 }, "\(leaks)")
        // At risk at week 6: 14, at week 8: 12 — the 2 events of week 6.
        XCTAssertTrue(leaks.contains { $0.attack == "difference along the risk table" && $0.persons == 2 }, "\(leaks)")
        XCTAssertTrue(leaks.allSatisfy { $0.file.hasSuffix(".svg") }, "\(leaks)")

        // 4. Across reports: the benefit type's curve steps at week 4 with 10 events; municipality
        // A's at week 4 with 7; B steps only at week 8 — so B had 3 events by week 4.
        var parent = week; parent[3] = 10; parent[7] = 10
        var a = week; a[3] = 7; a[7] = 5
        var b = week; b[3] = 3; b[7] = 5
        let files = [
            ("cash_benefit.md", report([("Kontrolgruppen", 60, 20)])),
            ("cash_benefit-km-1-time_to_paid_hours.svg", kaplanMeier([arm("control", n: 60, events: parent)], minPersons: 5)),
            ("a__cash_benefit.md", report([("Kontrolgruppen", 30, 12)])),
            ("a__cash_benefit-km-1-time_to_paid_hours.svg", kaplanMeier([arm("control", n: 30, events: a)], minPersons: 5)),
            ("b__cash_benefit.md", report([("Kontrolgruppen", 30, 8)])),
            ("b__cash_benefit-km-1-time_to_paid_hours.svg", kaplanMeier([arm("control", n: 30, events: b)], minPersons: 5)),
        ]
        let across = DisclosureAudit().leaks(in: files)
        XCTAssertTrue(across.contains { $0.file == "b__cash_benefit-km-1-time_to_paid_hours.svg" && $0.persons == 3
                                        && $0.attack == "difference across reports" }, "\(across)")
    }

    /// A cumulative-incidence curve whose last estimate in the table lies 2 exits above the last
    /// drawn level (the tail was left undrawn).
    func testAnIncidenceTailBelowTheTableIsFound() {
        var points = [IncidencePoint(time: 0, estimate: 0, stdError: 0, events: 0)]
        var total = 0
        for week in 1...12 {
            let d = week == 3 || week == 6 ? 5 : (week == 11 ? 2 : 0)
            total += d
            points.append(IncidencePoint(time: Double(week), estimate: Double(total) / 40, stdError: 0.01, events: d))
        }
        let set = CumulativeIncidenceSet(outcome: .timeToFlexJob, arms: [
            CumulativeIncidenceArm(arm: "control", causes: [CumulativeIncidenceCurve(cause: "flex_job", points: points)]),
        ])
        // A standalone figure whose last allowed week is 10: the two exits of week 11 stay undrawn.
        let chart = StepCurveChart(incidence: set, heading: "CIF", strings: strings, armSizes: ["control": 40], level: 0.95,
                                   disclosure: .init(allowedWeeks: { _, _ in Set((1...10).map(Double.init)) }, riskState: { _, _, _ in nil }))
        let report = """
            | \(strings[.stage]) | Kontrolgruppen |
            | --- | ---: |
            | \(strings[.randomized]) | 40 |

            | \(strings[.arm]) | \(strings[.cause]) | \(strings[.week]) | \(strings[.estimate]) |
            | --- | --- | ---: | ---: |
            | Kontrolgruppen | \(strings.status("flex_job")) | 12 | 30,0 % |
            """
        let leaks = DisclosureAudit().leaks(in: [("a__flex.md", report),
                                                 ("a__flex-cif-1-time_to_flex_job.svg", chart.svg(numbers: ReportNumbers(strings: strings)))])
        XCTAssertTrue(leaks.contains { $0.attack == "curve end against the table" && $0.persons == 2 }, "\(leaks)")
    }
}
