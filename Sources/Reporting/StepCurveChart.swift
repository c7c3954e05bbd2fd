// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// Step curves over weeks since randomization: Kaplan–Meier survival by arm (with confidence
/// bands, censor marks and numbers at risk under the plot), or cumulative incidence by arm and
/// cause, as survminer's `ggsurvplot(risk.table = TRUE, conf.int = TRUE)` and Stata's
/// `sts graph, risktable ci` draw them.
///
/// Series are told apart by colour and dash together (Kaplan–Meier: both by arm; cumulative
/// incidence: colour by cause, dash by arm), never by markers, which would read as censoring.
///
/// Disclosure (`DisclosureControl`, persons only): an arm of fewer than `minPersons` people is
/// not drawn; every curve is coarsened (`DisclosureControl.coarsened`) so that no drawn step
/// rests on fewer than `minPersons` events, with censor marks only at the drawn steps; numbers
/// at risk of 1 to `minPersons − 1` print as "<minPersons". In a report set the curves step
/// only at the curve weeks the disclosure ledger shows, and the risk table prints what the
/// ledger allows (`Disclosure`), so that differences across reports reveal nobody either.
public struct StepCurveChart: Sendable {
    /// One drawn curve.
    public struct Series: Sendable {
        public var name: String
        /// The value before the first step: 1 (survival) or 0 (incidence).
        public var start: Double
        public var curve: DisclosureControl.CoarsenedCurve
        public var stroke: SVGDocument.Stroke
        /// The fill of the confidence band; nil when no band is drawn.
        public var bandFill: String?
        /// Numbers at risk as (time, count), for the table under a Kaplan–Meier plot.
        public var atRisk: [AtRisk]
        /// How the disclosure ledger shows each number at risk, by week; empty: the figure's own
        /// rule (`RiskTable.texts`).
        public var atRiskStates: [Int: DisclosureState] = [:]
    }

    /// What the disclosure ledger of a report set lets a figure show (`DisclosureLedger`): the
    /// weeks a curve may step at, and the state of each number at risk. `standalone` (a figure
    /// outside a report set) lets every week step and applies the figure's own rule.
    public struct Disclosure {
        public var allowedWeeks: (StepCurveID, _ arm: String) -> Set<Double>?
        public var riskState: (OutcomeKind, _ arm: String, _ week: Int) -> DisclosureState?
        /// The longest a drawn step may lag the first event it stands for
        /// (`CoarsenedCurve.isFaithful`); nil: no limit. A Kaplan–Meier figure with an arm over
        /// the limit is left out; a cumulative-incidence figure leaves out that cause.
        public var maxStepLag: Double?

        public init(allowedWeeks: @escaping (StepCurveID, String) -> Set<Double>?,
                    riskState: @escaping (OutcomeKind, String, Int) -> DisclosureState?, maxStepLag: Double? = nil) {
            self.allowedWeeks = allowedWeeks
            self.riskState = riskState
            self.maxStepLag = maxStepLag
        }

        public static var standalone: Disclosure { Disclosure(allowedWeeks: { _, _ in nil }, riskState: { _, _, _ in nil }) }

        func isFaithful(_ curve: DisclosureControl.CoarsenedCurve) -> Bool {
            maxStepLag.map(curve.isFaithful) ?? true
        }
    }

    /// The number at risk of an arm at a time.
    public struct AtRisk: Sendable, Equatable {
        public var time: Double
        public var count: Int
    }

    public let kind: ChartKind
    public let outcome: OutcomeKind
    public let heading: String
    public let series: [Series]
    /// The confidence level of the bands (0.95).
    public let level: Double
    public let minPersons: Int

    /// Kaplan–Meier curves by arm; curves start at 1.
    public init(survival: SurvivalCurveSet, heading: String, strings: ReportStrings, level: Double,
                minPersons: Int = DisclosureControl.threshold, disclosure: Disclosure = .standalone) {
        kind = .kaplanMeier
        outcome = survival.outcome
        self.heading = heading
        self.level = level
        self.minPersons = minPersons
        let drawn = survival.arms.enumerated()
            .filter { $0.element.n >= minPersons }
            .map { index, arm in
                let points = arm.points.filter(\.time.isFinite).sorted { $0.time < $1.time }
                let steps = points.map {
                    DisclosureControl.StepPoint(time: $0.time, value: $0.survival, confLow: $0.confLow, confHigh: $0.confHigh,
                                                events: $0.events, censored: $0.censored)
                }
                var states = [Int: DisclosureState]()
                for p in points {
                    let week = Int(p.time.rounded())
                    if let state = disclosure.riskState(survival.outcome, arm.arm, week) { states[week] = state }
                }
                return Series(name: strings.arm(arm.arm).capitalizedFirst, start: 1,
                              curve: DisclosureControl.coarsened(steps, minPersons: minPersons,
                                                                 allowedTimes: disclosure.allowedWeeks(.survival(survival.outcome), arm.arm)),
                              stroke: SVGChart.seriesStroke(color: index, dash: index), bandFill: SVGChart.bandFill(color: index),
                              atRisk: points.map { AtRisk(time: $0.time, count: $0.nRisk) }, atRiskStates: states)
            }
        series = drawn.allSatisfy { disclosure.isFaithful($0.curve) } ? drawn : []
    }

    /// Cumulative incidence by arm and cause; curves start at 0, without bands. `armSizes`
    /// gives N per arm (from CONSORT) for the disclosure rule; arms without a size are drawn.
    public init(incidence: CumulativeIncidenceSet, heading: String, strings: ReportStrings, armSizes: [String: Int],
                level: Double, minPersons: Int = DisclosureControl.threshold, disclosure: Disclosure = .standalone) {
        kind = .cumulativeIncidence
        outcome = incidence.outcome
        self.heading = heading
        self.level = level
        self.minPersons = minPersons
        let causes = incidence.arms.flatMap { $0.causes.map(\.cause) }.uniqued()
        var unfaithful = Set<String>()
        let drawn = incidence.arms.enumerated()
            .filter { (armSizes[$0.element.arm] ?? minPersons) >= minPersons }
            .flatMap { armIndex, arm in
                arm.causes.map { cause -> (cause: String, series: Series) in
                    let steps = cause.points.filter(\.time.isFinite).sorted { $0.time < $1.time }.map {
                        DisclosureControl.StepPoint(time: $0.time, value: $0.estimate, confLow: .nan, confHigh: .nan,
                                                    events: $0.events)
                    }
                    return (cause.cause, Series(name: "\(strings.arm(arm.arm).capitalizedFirst): \(strings.status(cause.cause))", start: 0,
                                  curve: DisclosureControl.coarsened(
                                      steps, minPersons: minPersons,
                                      allowedTimes: disclosure.allowedWeeks(.incidence(incidence.outcome, cause: cause.cause), arm.arm)),
                                  stroke: SVGChart.seriesStroke(color: causes.firstIndex(of: cause.cause) ?? 0, dash: armIndex),
                                  bandFill: nil, atRisk: []))
                }
            }
        for item in drawn where !disclosure.isFaithful(item.series.curve) { unfaithful.insert(item.cause) }
        series = drawn.filter { !unfaithful.contains($0.cause) }.map(\.series)
    }

    /// The last week drawn: the end of the curves (the end of follow-up).
    var endTime: Double { series.map(\.curve.endTime).max() ?? 1 }

    /// The y range: 0–1 for survival; for incidence, 0 to the highest drawn value.
    var valueRange: ClosedRange<Double> {
        guard kind == .cumulativeIncidence else { return 0...1 }
        let highest = series.flatMap { $0.curve.steps.map(\.value) }.filter(\.isFinite).max() ?? 0
        return 0...min(1, max(highest, 0.01))
    }
}
