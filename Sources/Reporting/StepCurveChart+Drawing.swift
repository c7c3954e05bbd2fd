// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension StepCurveChart {
    /// The SVG text: bands under the curves, the curves, censor marks on them, the numbers at
    /// risk under the x axis (Kaplan–Meier) and the legend with the confidence level.
    public func svg(numbers: ReportNumbers) -> String {
        let strings = numbers.strings
        let riskTable = kind == .kaplanMeier ? RiskTable(series: series, minPersons: minPersons) : nil
        var legend: [SVGChart.LegendEntry] = series.map { .init(text: $0.name, stroke: $0.stroke) }
        let bands = series.compactMap(\.bandFill)
        if !bands.isEmpty {
            legend.append(.init(text: SVGChart.intervalLabel(level: level, numbers: numbers), fills: bands))
        }
        if series.contains(where: { !$0.curve.censorTimes.isEmpty }) {
            legend.append(.init(text: strings[.censoredMark], stroke: .init(color: "#333333", width: 1.3), marker: .plus))
        }
        let chart = SVGChart(weeks: endTime, y: valueRange, legend: legend,
                             tableHeight: riskTable?.height ?? 0, left: riskTable?.leftMargin ?? 72)
        var svg = SVGDocument(width: chart.width, height: chart.height, title: heading,
                              description: strings.texts.chartDescription(kind, outcome: strings.outcome(outcome)))
        let yStep = chart.yStep
        chart.drawAxes(into: &svg, heading: heading, xTitle: strings[.weeksSinceRandomization],
                       yTitle: strings[kind == .kaplanMeier ? .survivalAxis : .incidenceAxis],
                       xTickText: { numbers.style.decimal($0, digits: 0) },
                       yTickText: { numbers.style.percent($0, digits: SVGChart.tickDigits(yStep * 100)) })
        for item in series {
            if let fill = item.bandFill { drawBand(item, fill: fill, chart: chart, into: &svg) }
        }
        for item in series {
            svg.polyline(path(item, chart: chart), stroke: item.stroke, className: "series")
        }
        for item in series {
            for time in item.curve.censorTimes {
                svg.marker(.plus, x: chart.x(time), y: chart.y(value(of: item, at: time)), size: 6, color: item.stroke.color)
            }
        }
        riskTable?.draw(into: &svg, chart: chart, numbers: numbers)
        chart.drawLegend(into: &svg)
        return svg.text
    }

    /// The step path: flat at the start value, one vertical move per drawn step, flat to the end.
    func path(_ item: Series, chart: SVGChart) -> [(Double, Double)] {
        var points = [(chart.x(0), chart.y(item.start))]
        var current = item.start
        for step in item.curve.steps where step.value.isFinite {
            points.append((chart.x(step.time), chart.y(current)))
            points.append((chart.x(step.time), chart.y(step.value)))
            current = step.value
        }
        points.append((chart.x(item.curve.endTime), chart.y(current)))
        return points
    }

    /// The drawn value of a series at `time` (after any step at `time`).
    func value(of item: Series, at time: Double) -> Double {
        item.curve.steps.last { $0.time <= time && $0.value.isFinite }?.value ?? item.start
    }

    /// The confidence band as step-shaped polygons: each drawn step's limits hold until the
    /// next step (or the end); a step without finite limits interrupts the band.
    func drawBand(_ item: Series, fill: String, chart: SVGChart, into svg: inout SVGDocument) {
        let steps = item.curve.steps
        var run: [(start: Double, end: Double, low: Double, high: Double)] = []
        func flush() {
            guard !run.isEmpty else { return }
            let upper = run.flatMap { [(chart.x($0.start), chart.y($0.high)), (chart.x($0.end), chart.y($0.high))] }
            let lower = run.reversed().flatMap { [(chart.x($0.end), chart.y($0.low)), (chart.x($0.start), chart.y($0.low))] }
            svg.polygon(upper + lower, fill: fill, opacity: 0.35)
            run = []
        }
        for (k, step) in steps.enumerated() {
            let end = k + 1 < steps.count ? steps[k + 1].time : item.curve.endTime
            guard step.confLow.isFinite, step.confHigh.isFinite, end > step.time else {
                flush()
                continue
            }
            run.append((step.time, end, step.confLow, step.confHigh))
        }
        flush()
    }
}
