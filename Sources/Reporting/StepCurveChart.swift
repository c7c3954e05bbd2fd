// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// Step curves over time: Kaplan–Meier survival by arm, or cumulative incidence by arm and
/// cause. Each series has its own dash pattern and marker; arms of fewer than 5 people are not
/// drawn (`DisclosureControl`).
public struct StepCurveChart: Sendable {
    /// One step series: its legend text and (time, value) steps.
    public struct Series: Sendable {
        public var name: String
        public var steps: [(time: Double, value: Double)]
        public init(name: String, steps: [(time: Double, value: Double)]) {
            self.name = name
            self.steps = steps
        }
    }

    public let kind: ChartKind
    public let outcome: OutcomeKind
    public let heading: String
    public let series: [Series]

    /// Kaplan–Meier curves by arm; curves start at (0, 1).
    public init(survival: SurvivalCurveSet, heading: String, strings: ReportStrings) {
        kind = .kaplanMeier
        outcome = survival.outcome
        self.heading = heading
        series = survival.arms
            .filter { !DisclosureControl.hidesEstimate(basedOn: $0.n) }
            .map { arm in
                Series(name: strings.arm(arm.arm),
                       steps: [(0, 1)] + arm.points.sorted { $0.time < $1.time }.map { ($0.time, $0.survival) })
            }
    }

    /// Cumulative incidence by arm and cause; curves start at (0, 0). `armSizes` gives N per arm
    /// (from CONSORT) for the disclosure rule; arms without a size are drawn.
    public init(incidence: CumulativeIncidenceSet, heading: String, strings: ReportStrings, armSizes: [String: Int]) {
        kind = .cumulativeIncidence
        outcome = incidence.outcome
        self.heading = heading
        series = incidence.arms
            .filter { !DisclosureControl.hidesEstimate(basedOn: armSizes[$0.arm] ?? DisclosureControl.threshold) }
            .flatMap { arm in
                arm.causes.map { cause in
                    Series(name: "\(strings.arm(arm.arm)): \(strings.status(cause.cause))",
                           steps: [(0, 0)] + cause.points.sorted { $0.time < $1.time }.map { ($0.time, $0.estimate) })
                }
            }
    }

    /// The SVG text.
    public func svg(numbers: ReportNumbers) -> String {
        let strings = numbers.strings
        let times = series.flatMap { $0.steps.map(\.time) }.filter(\.isFinite)
        let chart = SVGChart(x: 0...max(times.max() ?? 1, 1), y: 0...1)
        var svg = SVGDocument(width: chart.width, height: chart.height, title: heading,
                              description: strings.texts.chartDescription(kind, outcome: strings.outcome(outcome)))
        chart.drawAxes(into: &svg, heading: heading, xTitle: strings[.week],
                       yTitle: strings[kind == .kaplanMeier ? .survivalAxis : .incidenceAxis],
                       xTickText: { numbers.style.decimal($0, digits: 0) },
                       yTickText: { numbers.style.percent($0, digits: 0) })
        var legend: [SVGChart.LegendEntry] = []
        for (index, item) in series.enumerated() {
            let stroke = SVGChart.seriesStroke(index)
            let marker = SVGChart.seriesMarker(index)
            let steps = item.steps.filter { $0.time.isFinite && $0.value.isFinite }
            var path: [(Double, Double)] = []
            for (i, step) in steps.enumerated() {
                if i > 0 { path.append((chart.x(step.time), chart.y(steps[i - 1].value))) }
                path.append((chart.x(step.time), chart.y(step.value)))
            }
            svg.polyline(path, stroke: stroke)
            // A few markers along each curve, at evenly spaced steps, to tell series apart.
            let every = max(1, steps.count / 8)
            for (i, step) in steps.enumerated() where i % every == 0 && i > 0 {
                svg.marker(marker, x: chart.x(step.time), y: chart.y(step.value), size: 7, color: stroke.color)
            }
            legend.append(.init(text: item.name, stroke: stroke, marker: marker))
        }
        chart.drawLegend(into: &svg, entries: legend)
        return svg.text
    }
}
