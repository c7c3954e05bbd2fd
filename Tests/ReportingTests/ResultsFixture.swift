// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel
import TrialAnalysis

/// A hand-built `AnalysisResults` in the shape of JobFirst: three municipalities (one with "ø"),
/// two benefit types, effect curves, Kaplan–Meier curves, hazards, cumulative incidence,
/// subgroups, site effects with meta-regressions, notes, and cells with counts of 1–4 to test
/// suppression. Every number is fixed: no randomness.
enum ResultsFixture {
    static let window = WeekWindow(name: "1.5 years", firstWeek: 66, lastWeek: 78)

    static func results() -> AnalysisResults {
        AnalysisResults(
            trial: TrialFacts(name: "JobFirst", arms: ["control", "treatment"], controlArm: "control", treatedArm: "treatment",
                              followUpWeeks: 78, municipalities: ["Aalborg", "Aarhus", "Sorø"],
                              benefits: ["cash_benefit", "resource_programme"]),
            cells: [overall(), cashBenefit(), resourceProgramme()] + municipalityCells(),
            methods: MethodsNote(confidenceLevel: 0.95, standardErrors: .hc2, design: .permutedBlocks, permutations: 2000,
                                 inferenceSeed: 20160301, policy: .standard,
                                 software: ["Effekt 0.4.0", "OpenBLAS 0.3.21", "Swift 6.3.1"]),
            provenance: Provenance(dataHashes: ["roster.csv": "ab12cd34ef56", "weekly.csv": "0011223344ff"], seed: 20160301,
                                   effektVersion: "0.4.0", command: "effekt report --lang da --out reports"))
    }

    static func consort(enrolled: Int, control: Int, treated: Int, lostControl: Int, lostTreated: Int) -> ConsortFlow {
        ConsortFlow(enrolled: enrolled,
                    randomized: [ArmCount(arm: "control", count: control), ArmCount(arm: "treatment", count: treated)],
                    followedUp: [ArmCount(arm: "control", count: control - lostControl),
                                 ArmCount(arm: "treatment", count: treated - lostTreated)],
                    lost: [LossCount(arm: "control", reason: "moved_away", count: lostControl),
                           LossCount(arm: "treatment", reason: "moved_away", count: lostTreated)])
    }

    static func balance(control n0: Int, treated n1: Int) -> [BaselineRow] {
        [BaselineRow(covariate: "prior_weeks_self_supporting", kind: .mean,
                    arms: [ArmBaseline(arm: "control", mean: 4.6, standardDeviation: 9.25, n: n0),
                           ArmBaseline(arm: "treatment", mean: 4.55, standardDeviation: 9.1, n: n1)],
                    standardizedDifference: -0.0054, category: .satisfies),
         BaselineRow(covariate: "gender", kind: .share,
                    arms: [ArmBaseline(arm: "control", mean: 0.4412, standardDeviation: nil, n: n0),
                           ArmBaseline(arm: "treatment", mean: 0.5012, standardDeviation: nil, n: n1)],
                    standardizedDifference: 0.1203, category: .requiresAdjustment)]
    }

    static func estimate(_ id: String, _ outcome: OutcomeKind, control: Double, treated: Double, effect: Double,
                         low: Double, high: Double, p: Double, ri: Double?, n: Int, mde: Double,
                         holm: Double? = nil, bh: Double? = nil) -> EffectEstimate {
        EffectEstimate(id: id, outcome: outcome, window: window, controlMean: control, treatedMean: treated,
                       controlN: n / 2, treatedN: n - n / 2, effect: effect,
                       stdError: (high - low) / 3.92, confLow: low, confHigh: high, df: Double(n - 20), pValue: p,
                       riPValue: ri, relativeEffect: control == 0 ? nil : effect / control, n: n,
                       minimumDetectableEffect: mde, holmPValue: holm, benjaminiHochbergPValue: bh,
                       method: EffectMethod(estimator: .lin, strata: true, standardErrors: .hc2, adjustmentParameters: 7))
    }

    static func curve(_ outcome: OutcomeKind, slope: Double) -> EffectCurve {
        EffectCurve(outcome: outcome, points: (1...78).map { week in
            let effect = slope * Double(max(0, week - 10))
            return CurvePoint(week: week, controlMean: 0.05, treatedMean: 0.05 + effect, effect: effect,
                              confLow: effect - 0.02, confHigh: effect + 0.02)
        })
    }

    static func survival(n0: Int, n1: Int) -> SurvivalCurveSet {
        func arm(_ name: String, n: Int, rate: Double) -> SurvivalCurve {
            var s = 1.0
            var atRisk = n
            let points: [SurvivalPoint] = stride(from: 4, through: 78, by: 4).map { t in
                s *= (1 - rate)
                let events = Int((Double(atRisk) * rate).rounded())
                defer { atRisk -= events }
                return SurvivalPoint(time: Double(t), survival: s, confLow: s - 0.03, confHigh: min(1, s + 0.03), nRisk: atRisk,
                                     events: events, censored: t == 78 ? atRisk - events : 0)
            }
            return SurvivalCurve(arm: name, n: n, events: Int(Double(n) * (1 - s)), median: nil, points: points)
        }
        return SurvivalCurveSet(outcome: .timeToPaidHours, arms: [arm("control", n: n0, rate: 0.01), arm("treatment", n: n1, rate: 0.02)],
                                logRankStatistic: 14.73, logRankPValue: 0.000124)
    }

    static let hazard = HazardEstimate(id: "losing_paid_hours", outcome: .losingPaidHours, hazardRatio: 0.7712,
                                       confLow: 0.6431, confHigh: 0.9248, stdError: 0.0927, pValue: 0.0051, n: 1210,
                                       persons: 820, events: 602,
                                       eventsByArm: [ArmCount(arm: "control", count: 320), ArmCount(arm: "treatment", count: 282)],
                                       method: .coxSpellsClustered, converged: true)

    static func overall() -> CellResults {
        CellResults(scope: CellScope(level: .overall), consort: consort(enrolled: 4856, control: 2449, treated: 2407, lostControl: 31, lostTreated: 3),
                    balance: balance(control: 2449, treated: 2407),
                    headline: [estimate("any_paid_hours@66-78", .anyPaidHours, control: 0.1188, treated: 0.1842, effect: 0.0654,
                                        low: 0.0431, high: 0.0877, p: 0.00002, ri: 0.0005, n: 4856, mde: 0.0312, holm: 0.0003, bh: 0.0002),
                               estimate("paid_hours@66-78", .paidHours, control: 2.41, treated: 3.87, effect: 1.4612,
                                        low: 0.9021, high: 2.0203, p: 0.00041, ri: 0.001, n: 4856, mde: 0.78)],
                    curves: [curve(.anyPaidHours, slope: 0.001), curve(.paidHours, slope: 0.02)],
                    survivalCurves: [survival(n0: 2449, n1: 2407)], hazards: [hazard],
                    subgroups: [SubgroupEffect(variable: "gender", level: "female", outcome: .anyPaidHours, effect: 0.061, confLow: 0.03,
                                               confHigh: 0.092, pValue: 0.0002, n: 2300, interactionPValue: 0.64, prespecified: true),
                                SubgroupEffect(variable: "gender", level: "male", outcome: .anyPaidHours, effect: 0.07, confLow: 0.04,
                                               confHigh: 0.1, pValue: 0.00001, n: 2556, interactionPValue: 0.64, prespecified: true),
                                SubgroupEffect(variable: "caseworker_change", level: "yes", outcome: .anyPaidHours, effect: 0.09,
                                               confLow: -0.2, confHigh: 0.38, pValue: 0.51, n: 3, interactionPValue: 0.33, prespecified: false)],
                    siteEffects: sites(benefit: nil), notes: [])
    }

    static func sites(benefit: String?) -> SiteHeterogeneity {
        SiteHeterogeneity(outcome: .anyPaidHours, window: window, sites: [
            SiteEffect(municipality: "Aalborg", effect: 0.0213, stdError: 0.02, confLow: -0.0179, confHigh: 0.0605, pValue: 0.287,
                       controlMean: 0.21, n: 1402, holmPValue: 0.861, benjaminiHochbergPValue: 0.43),
            SiteEffect(municipality: "Aarhus", effect: 0.2049, stdError: 0.03, confLow: 0.1461, confHigh: 0.2637, pValue: 0.0000001,
                       controlMean: 0.062, n: 1650, holmPValue: 0.0000003, benjaminiHochbergPValue: 0.0000003),
            SiteEffect(municipality: "Sorø", effect: 0.1, stdError: 0.2, confLow: -0.29, confHigh: 0.49, pValue: 0.62,
                       controlMean: 0.25, n: 4),
        ], equalityStatistic: 23.41, equalityDegreesOfFreedom: 2, equalityPValue: 0.0000083, metaRegressions: [
            MetaRegression(moderator: "control_success_rate", slope: -0.8124, stdError: 0.21, confLow: -1.2240, confHigh: -0.4008,
                           pValue: 0.0011, sites: 3, correction: .splitControl),
            MetaRegression(moderator: "internship_share", slope: 0.4213, stdError: 0.15, confLow: 0.1273, confHigh: 0.7153,
                           pValue: 0.0049, sites: 3, correction: nil),
        ], omitted: [SiteOmission(municipality: "Lolland", reason: .tooFewPersons)])
    }

    static func cashBenefit() -> CellResults {
        CellResults(scope: CellScope(level: .benefit, benefit: "cash_benefit"),
                    consort: consort(enrolled: 3727, control: 1880, treated: 1847, lostControl: 20, lostTreated: 2),
                    balance: balance(control: 1880, treated: 1847),
                    headline: [estimate("cash_benefit/any_paid_hours@66-78", .anyPaidHours, control: 0.1183, treated: 0.1924,
                                        effect: 0.0741, low: 0.0512, high: 0.0970, p: 0.0000004, ri: 0.0005, n: 3727, mde: 0.0331,
                                        holm: 0.000004, bh: 0.000002),
                               estimate("cash_benefit/company_run@66-78", .companyRun, control: 0.3412, treated: 0.6401,
                                        effect: 0.2989, low: 0.2671, high: 0.3307, p: 0.0000001, ri: 0.0005, n: 3727, mde: 0.045)],
                    curves: [curve(.anyPaidHours, slope: 0.0012)], survivalCurves: [survival(n0: 1880, n1: 1847)], hazards: [hazard],
                    siteEffects: sites(benefit: "cash_benefit"))
    }

    static func resourceProgramme() -> CellResults {
        CellResults(scope: CellScope(level: .benefit, benefit: "resource_programme"),
                    consort: consort(enrolled: 1129, control: 569, treated: 560, lostControl: 11, lostTreated: 1),
                    balance: balance(control: 569, treated: 560),
                    headline: [estimate("resource_programme/paid_hours@66-78", .paidHours, control: 0.61, treated: 0.83, effect: 0.2212,
                                        low: -0.1431, high: 0.5855, p: 0.2341, ri: 0.2455, n: 1129, mde: 0.5103, holm: 1, bh: 0.41)],
                    notes: [AnalysisNote(kind: .underpowered, subject: "resource_programme/paid_hours@66-78", value: 1.4612)])
    }

    static func municipalityCells() -> [CellResults] {
        var cells: [CellResults] = []
        for (municipality, benefit, n0, n1) in [("Aalborg", "cash_benefit", 700, 702), ("Aarhus", "cash_benefit", 826, 824),
                                                ("Sorø", "cash_benefit", 354, 321), ("Aalborg", "resource_programme", 200, 198),
                                                ("Aarhus", "resource_programme", 366, 358), ("Sorø", "resource_programme", 3, 4)] {
            let small = n0 < 5
            cells.append(CellResults(
                scope: CellScope(level: .municipalityBenefit, benefit: benefit, municipality: municipality),
                consort: consort(enrolled: n0 + n1, control: n0, treated: n1, lostControl: small ? 1 : 2, lostTreated: small ? 0 : 1),
                balance: balance(control: n0, treated: n1),
                headline: [estimate("\(CellScope.slug(municipality))/\(benefit)/any_paid_hours@66-78", .anyPaidHours,
                                    control: 0.1275, treated: 0.1837, effect: 0.0562, low: 0.0104, high: 0.1020, p: 0.0163,
                                    ri: 0.021, n: n0 + n1, mde: 0.0651)],
                curves: small ? [] : [curve(.anyPaidHours, slope: 0.0009)],
                survivalCurves: [survival(n0: n0, n1: n1)],
                cumulativeIncidence: benefit == "resource_programme" && !small ? [incidence()] : []))
        }
        return cells
    }

    static func incidence() -> CumulativeIncidenceSet {
        func causes(_ scale: Double) -> [CumulativeIncidenceCurve] {
            [CumulativeIncidenceCurve(cause: "flex_job", points: stride(from: 8, through: 52, by: 8).map {
                IncidencePoint(time: Double($0), estimate: scale * Double($0) / 52 * 0.23, stdError: 0.01, events: 6) }),
             CumulativeIncidenceCurve(cause: "disability_pension", points: stride(from: 8, through: 52, by: 8).map {
                IncidencePoint(time: Double($0), estimate: Double($0) / 52 * 0.067, stdError: 0.005, events: 2) })]
        }
        return CumulativeIncidenceSet(outcome: .timeToFlexJob, arms: [CumulativeIncidenceArm(arm: "control", causes: causes(0.8)),
                                                                      CumulativeIncidenceArm(arm: "treatment", causes: causes(1.1))])
    }
}
