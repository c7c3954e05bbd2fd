// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel
import Foundation
import TrialAnalysis

/// Hand-built step curves for the figure tests, every count fixed:
/// - `kaplanMeier`: two arms of 28 over 26 weeks. Control: one event a week (at week k, 29 − k
///   at risk; the last 2 censored at week 26), so runs of 5 events end at weeks 5, 10, 15, 20,
///   25 and week 26's event stays undrawn; 3 at risk at week 26 print as "<5". Treatment: two
///   events every other week, one censored at week 13.
/// - `hiddenArm`: the same control and an arm of 4 people, which is not drawn.
/// - `incidence`: three causes × two arms of 120 over 52 weeks (flex job every 2nd week, disability
///   pension every 8th, moving away every 13th), the highest drawn value 25/120 ≈ 20.8 %.
enum FigureCases {
    static func arm(_ name: String, n: Int, events: (Int) -> Int, censored: (Int) -> Int, weeks: Int = 26) -> SurvivalCurve {
        var atRisk = n, survival = 1.0, variance = 0.0
        var points: [SurvivalPoint] = []
        for week in 0...weeks {
            let d = events(week), c = censored(week)
            if d > 0 {
                survival *= 1 - Double(d) / Double(atRisk)
                variance += Double(d) / Double(atRisk * max(atRisk - d, 1))
            }
            let half = 1.96 * variance.squareRoot()
            points.append(SurvivalPoint(time: Double(week), survival: survival, confLow: survival * exp(-half),
                                        confHigh: min(1, survival * exp(half)), nRisk: atRisk, events: d, censored: c))
            atRisk -= d + c
        }
        return SurvivalCurve(arm: name, n: n, events: points.map(\.events).reduce(0, +), median: nil, points: points)
    }

    static var control: SurvivalCurve {
        arm("control", n: 28, events: { $0 >= 1 ? 1 : 0 }, censored: { $0 == 26 ? 2 : 0 })
    }

    static var kaplanMeier: SurvivalCurveSet {
        let treated = arm("treatment", n: 28, events: { $0 >= 1 && $0 % 2 == 0 ? 2 : 0 }, censored: { $0 == 13 ? 1 : 0 })
        return SurvivalCurveSet(outcome: .timeToPaidHours, arms: [control, treated], logRankStatistic: 1.2, logRankPValue: 0.27)
    }

    static var hiddenArm: SurvivalCurveSet {
        let small = arm("treatment", n: 4, events: { $0 == 3 ? 1 : 0 }, censored: { $0 == 26 ? 3 : 0 })
        return SurvivalCurveSet(outcome: .timeToPaidHours, arms: [control, small], logRankStatistic: 0.1, logRankPValue: 0.75)
    }

    static var incidence: CumulativeIncidenceSet {
        let causes: [(String, Int)] = [("flex_job", 2), ("disability_pension", 8), ("moved_away", 13)]
        return CumulativeIncidenceSet(outcome: .timeToFlexJob, arms: ["municipality", "other_actor"].map { arm in
            CumulativeIncidenceArm(arm: arm, causes: causes.map { cause, every in
                CumulativeIncidenceCurve(cause: cause, points: (0...52).map { week in
                    let cumulative = week / every
                    return IncidencePoint(time: Double(week), estimate: Double(cumulative) / 120, stdError: 0.01,
                                          events: week > 0 && week % every == 0 ? 1 : 0)
                })
            })
        })
    }

    /// A flex-job-shaped trial with one scope holding the three figure cases.
    static func results(level: Double = 0.95) -> AnalysisResults {
        let arms = ["municipality", "other_actor"]
        let cell = CellResults(
            scope: CellScope(level: .overall),
            consort: ConsortFlow(enrolled: 240, randomized: arms.map { ArmCount(arm: $0, count: 120) },
                                 followedUp: arms.map { ArmCount(arm: $0, count: 110) },
                                 lost: arms.map { LossCount(arm: $0, reason: "moved_away", count: 10) },
                                 analysed: arms.map { ArmCount(arm: $0, count: 120) }),
            survivalCurves: [kaplanMeier, hiddenArm], cumulativeIncidence: [incidence])
        return AnalysisResults(
            trial: TrialFacts(name: "Figurer", arms: arms, controlArm: "municipality", treatedArm: "other_actor",
                              followUpWeeks: 52, municipalities: [], benefits: []),
            cells: [cell],
            methods: MethodsNote(confidenceLevel: level, standardErrors: .hc2, design: .complete, permutations: nil,
                                 inferenceSeed: nil, policy: .standard, software: []),
            provenance: Provenance(dataHashes: [:], seed: 1, effektVersion: "test", command: "test"))
    }
}
