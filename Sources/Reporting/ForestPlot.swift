// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// Municipality effects with confidence whiskers, the overall effect as a diamond, and a
/// dashed zero line. Each row also prints its effect and interval, so nothing depends on colour.
public struct ForestPlot: Sendable {
    public let heterogeneity: SiteHeterogeneity
    /// The scope's headline estimate for the same outcome and window, drawn as the overall row.
    public let overall: EffectEstimate?
    public let heading: String
    /// The header of the interval column, e.g. "95 % konfidensinterval".
    public let intervalLabel: String
    /// Municipalities whose effect the disclosure rule hides (drawn as a row with "..").
    public let hidden: Set<String>

    public init(heterogeneity: SiteHeterogeneity, overall: EffectEstimate?, heading: String, intervalLabel: String,
                hidden: Set<String> = []) {
        self.hidden = hidden
        self.heterogeneity = heterogeneity
        self.overall = overall
        self.heading = heading
        self.intervalLabel = intervalLabel
    }

    /// The SVG text.
    public func svg(numbers: ReportNumbers) -> String {
        let strings = numbers.strings
        let scale = OutcomeScale(heterogeneity.outcome)
        let rowHeight = 22.0
        let shown = heterogeneity.sites.filter { !numbers.hides(basedOn: $0.n) && !hidden.contains($0.municipality) }
        var lows = shown.map(\.confLow) + [0]
        var highs = shown.map(\.confHigh) + [0]
        if let overall { lows.append(overall.confLow); highs.append(overall.confHigh) }
        let rows = heterogeneity.sites.count + (overall == nil ? 0 : 1)
        let labelWidth = 170.0
        let valueWidth = 190.0
        let width = 760.0
        let top = 48.0
        let plotHeight = Double(rows) * rowHeight + 10
        let height = top + plotHeight + 92
        let domain = SVGChart.niceDomain(lows.filter(\.isFinite).min()!...highs.filter(\.isFinite).max()!)
        let plotLeft = labelWidth
        let plotRight = width - valueWidth
        func x(_ v: Double) -> Double {
            plotLeft + (v - domain.lowerBound) / (domain.upperBound - domain.lowerBound) * (plotRight - plotLeft)
        }
        let outcome = strings.outcome(heterogeneity.outcome)
        var svg = SVGDocument(width: width, height: height, title: heading,
                              description: strings.texts.chartDescription(.forestPlot, outcome: outcome))
        svg.text(heading, x: width / 2, y: 22, size: 15, anchor: .middle, bold: true)
        svg.text(strings[.municipality], x: 10, y: top - 8, size: 11, anchor: .start, bold: true)
        svg.text("\(strings[.effect]) [\(intervalLabel)]", x: width - 10, y: top - 8, size: 11, anchor: .end, bold: true)
        let bottom = top + plotHeight
        svg.line(x1: x(0), y1: top, x2: x(0), y2: bottom, stroke: .init(color: "#000000", width: 1, dash: "4 3"))
        let whisker = SVGDocument.Stroke(color: "#1f4e79", width: 1.5)
        for (index, site) in heterogeneity.sites.enumerated() {
            let cy = top + (Double(index) + 0.5) * rowHeight + 5
            svg.text(site.municipality, x: 10, y: cy + 4, size: 11)
            let hidden = numbers.hides(basedOn: site.n) || self.hidden.contains(site.municipality)
            let value = hidden ? numbers.hidden
                : "\(numbers.difference(site.effect, scale: scale)) \(numbers.interval(site.confLow, site.confHigh, scale: scale, n: site.n))"
            svg.text(value, x: width - 10, y: cy + 4, size: 11, anchor: .end)
            guard !hidden, site.effect.isFinite, site.confLow.isFinite, site.confHigh.isFinite else { continue }
            svg.line(x1: x(site.confLow), y1: cy, x2: x(site.confHigh), y2: cy, stroke: whisker)
            svg.line(x1: x(site.confLow), y1: cy - 4, x2: x(site.confLow), y2: cy + 4, stroke: whisker)
            svg.line(x1: x(site.confHigh), y1: cy - 4, x2: x(site.confHigh), y2: cy + 4, stroke: whisker)
            svg.marker(.square, x: x(site.effect), y: cy, size: 8, color: "#1f4e79")
        }
        if let overall {
            let cy = top + (Double(heterogeneity.sites.count) + 0.5) * rowHeight + 5
            svg.line(x1: plotLeft, y1: cy - rowHeight / 2, x2: plotRight, y2: cy - rowHeight / 2, stroke: .init(color: "#999999", width: 0.6))
            svg.text(strings[.overallEffect], x: 10, y: cy + 4, size: 11, bold: true)
            let hidden = numbers.hides(basedOn: overall.n)
            let value = hidden ? numbers.hidden
                : "\(numbers.difference(overall.effect, scale: scale)) \(numbers.interval(overall.confLow, overall.confHigh, scale: scale, n: overall.n))"
            svg.text(value, x: width - 10, y: cy + 4, size: 11, anchor: .end, bold: true)
            if !hidden, overall.confLow.isFinite, overall.confHigh.isFinite, overall.effect.isFinite {
                svg.polygon([(x(overall.confLow), cy), (x(overall.effect), cy - 6), (x(overall.confHigh), cy),
                             (x(overall.effect), cy + 6)], fill: "#333333", opacity: 1)
            }
        }
        svg.line(x1: plotLeft, y1: bottom, x2: plotRight, y2: bottom, stroke: .init())
        for tick in SVGChart.ticks(domain) {
            svg.line(x1: x(tick), y1: bottom, x2: x(tick), y2: bottom + 5, stroke: .init())
            svg.text(numbers.tick(tick, step: SVGChart.tickStep(domain), scale: scale), x: x(tick), y: bottom + 18, size: 11, anchor: .middle)
        }
        let axisTitle = strings[.effectAxis] + (numbers.unit(scale).map { " (\($0))" } ?? "")
        svg.text(axisTitle, x: (plotLeft + plotRight) / 2, y: bottom + 40, size: 12, anchor: .middle)
        // Legend: shapes and line pattern, so the plot reads without colour.
        let legendY = bottom + 66
        svg.marker(.square, x: plotLeft + 4, y: legendY - 4, size: 8, color: "#1f4e79")
        svg.text(strings[.municipality], x: plotLeft + 14, y: legendY, size: 11)
        svg.polygon([(plotLeft + 130, legendY - 4), (plotLeft + 138, legendY - 10), (plotLeft + 146, legendY - 4),
                     (plotLeft + 138, legendY + 2)], fill: "#333333", opacity: 1)
        svg.text(strings[.overallEffect], x: plotLeft + 152, y: legendY, size: 11)
        svg.line(x1: plotLeft + 290, y1: legendY - 12, x2: plotLeft + 290, y2: legendY + 2,
                 stroke: .init(color: "#000000", width: 1, dash: "4 3"))
        svg.text(strings[.zeroLine], x: plotLeft + 298, y: legendY, size: 11)
        return svg.text
    }
}
