// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// The weekly effect curve of one outcome: the effect as a solid line, its confidence band as a
/// light fill with dashed bounds, and a zero line. The x axis runs from week 0 to the last week
/// of the curve; the legend names the band's confidence level.
public struct EffectCurveChart: Sendable {
    public let curve: EffectCurve
    public let heading: String
    /// The confidence level of the band (0.95).
    public let level: Double

    public init(curve: EffectCurve, heading: String, level: Double) {
        self.curve = curve
        self.heading = heading
        self.level = level
    }

    /// The SVG text in `language`.
    public func svg(numbers: ReportNumbers) -> String {
        let strings = numbers.strings
        let scale = OutcomeScale(curve.outcome)
        let outcome = strings.outcome(curve.outcome)
        let points = curve.points
            .filter { $0.effect.isFinite && $0.confLow.isFinite && $0.confHigh.isFinite }
            .sorted { $0.week < $1.week }
        let weeks = points.map { Double($0.week) }
        let lows = points.map(\.confLow) + [0]
        let highs = points.map(\.confHigh) + [0]
        let bandFill = "#9db8d9"
        let boundStroke = SVGDocument.Stroke(color: "#1f4e79", width: 1, dash: "4 3")
        let zeroStroke = SVGDocument.Stroke(color: "#000000", width: 1.2, dash: "1 2")
        let effectStroke = SVGDocument.Stroke(color: "#1f4e79", width: 2.2)
        let legend: [SVGChart.LegendEntry] = [
            .init(text: strings[.effect], stroke: effectStroke),
            .init(text: SVGChart.intervalLabel(level: level, numbers: numbers), stroke: boundStroke, fill: bandFill),
            .init(text: strings[.zeroLine], stroke: zeroStroke),
        ]
        let chart = SVGChart(weeks: max(weeks.max() ?? 1, 1), y: lows.min()!...highs.max()!, legend: legend)
        var svg = SVGDocument(width: chart.width, height: chart.height, title: heading,
                              description: strings.texts.chartDescription(.effectCurve, outcome: outcome))
        let yTitle = strings[.effectAxis] + (numbers.unit(scale).map { " (\($0))" } ?? "")
        chart.drawAxes(into: &svg, heading: heading, xTitle: strings[.weeksSinceRandomization], yTitle: yTitle,
                       xTickText: { numbers.style.decimal($0, digits: 0) },
                       yTickText: { numbers.tick($0, step: chart.yStep, scale: scale) })
        let band = points.map { (chart.x(Double($0.week)), chart.y($0.confHigh)) }
            + points.reversed().map { (chart.x(Double($0.week)), chart.y($0.confLow)) }
        svg.polygon(band, fill: bandFill, opacity: 0.45)
        svg.polyline(points.map { (chart.x(Double($0.week)), chart.y($0.confHigh)) }, stroke: boundStroke)
        svg.polyline(points.map { (chart.x(Double($0.week)), chart.y($0.confLow)) }, stroke: boundStroke)
        svg.line(x1: chart.plotLeft, y1: chart.y(0), x2: chart.plotRight, y2: chart.y(0), stroke: zeroStroke)
        svg.polyline(points.map { (chart.x(Double($0.week)), chart.y($0.effect)) }, stroke: effectStroke, className: "series")
        if points.count == 1, let only = points.first {
            svg.marker(.circle, x: chart.x(Double(only.week)), y: chart.y(only.effect), size: 6, color: "#1f4e79")
        }
        chart.drawLegend(into: &svg)
        return svg.text
    }
}
