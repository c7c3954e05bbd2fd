// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The plotting frame shared by the line charts: linear x and y scales, axes with ticks and
/// labels, an optional table under the axis (numbers at risk), and a legend at the bottom.
///
/// Layout, top to bottom: heading, plot (280 px), x tick texts and title, the reserved table
/// space, the legend rows. The canvas grows with the table and the legend, never the plot, so
/// nothing is drawn outside it.
public struct SVGChart: Sendable {
    public let width: Double = 680
    /// The left margin: y tick texts and title (and, under the plot, the table's row names).
    public let left: Double
    public let right: Double = 24
    public let top: Double = 44
    public let plotHeight: Double = 280
    public let xDomain: ClosedRange<Double>
    public let yDomain: ClosedRange<Double>
    /// Where the x axis has ticks (and the table its columns).
    public let xTicks: [Double]
    /// The y tick spacing; the y axis has a tick at every multiple of it in `yDomain`.
    public let yStep: Double
    /// Height reserved between the x-axis title and the legend.
    public let tableHeight: Double
    /// The legend entries, drawn by `drawLegend`.
    public let legend: [LegendEntry]

    /// A frame over the given data ranges, both widened to round tick values.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, legend: [LegendEntry], tableHeight: Double = 0,
                left: Double = 72) {
        self.left = left
        xDomain = Self.niceDomain(x)
        yDomain = Self.niceDomain(y)
        yStep = Self.tickStep(yDomain)
        xTicks = Self.ticks(xDomain)
        self.legend = legend
        self.tableHeight = tableHeight
    }

    /// A frame whose x axis is weeks from 0 to exactly `weeks` (the end of follow-up), ticked
    /// every `SVGChart.weekStep(weeks)` weeks; y widened to round tick values.
    public init(weeks: Double, y: ClosedRange<Double>, legend: [LegendEntry], tableHeight: Double = 0,
                left: Double = 72) {
        self.left = left
        let end = weeks.isFinite && weeks > 0 ? weeks : 1
        xDomain = 0...end
        (yDomain, yStep) = Self.fittedDomain(y)
        xTicks = Self.weekTicks(end)
        self.legend = legend
        self.tableHeight = tableHeight
    }

    public var plotLeft: Double { left }
    public var plotRight: Double { width - right }
    public var plotTop: Double { top }
    public var plotBottom: Double { top + plotHeight }
    /// The baseline of the x-axis title.
    public var xTitleBaseline: Double { plotBottom + 40 }
    /// The top of the reserved table space.
    public var tableTop: Double { xTitleBaseline + 14 }
    /// The whole canvas height: plot, axis, table, legend rows and a bottom margin.
    public var height: Double { legendTop + Double(legendRows(legend).count) * 18 + 2 }
    /// The baseline of the first legend row.
    var legendTop: Double { tableTop + tableHeight + (tableHeight > 0 ? 22 : 8) }
    /// Where legend rows start: the plot's left edge, or 8 px in when the margin is wider.
    var legendLeft: Double { min(plotLeft, 72) }

    /// The x pixel of a data value.
    public func x(_ value: Double) -> Double {
        plotLeft + (value - xDomain.lowerBound) / (xDomain.upperBound - xDomain.lowerBound) * (plotRight - plotLeft)
    }

    /// The y pixel of a data value.
    public func y(_ value: Double) -> Double {
        plotBottom - (value - yDomain.lowerBound) / (yDomain.upperBound - yDomain.lowerBound) * (plotBottom - plotTop)
    }

    /// Draws the heading, the frame, ticks with their texts, gridlines and axis titles.
    public func drawAxes(into svg: inout SVGDocument, heading: String, xTitle: String, yTitle: String,
                         xTickText: (Double) -> String, yTickText: (Double) -> String) {
        svg.text(heading, x: width / 2, y: 22, size: 15, anchor: .middle, bold: true)
        for tick in Self.ticks(yDomain, step: yStep) {
            let py = y(tick)
            svg.line(x1: plotLeft, y1: py, x2: plotRight, y2: py, stroke: .init(color: "#e0e0e0", width: 0.6))
            svg.line(x1: plotLeft - 5, y1: py, x2: plotLeft, y2: py, stroke: .init())
            svg.text(yTickText(tick), x: plotLeft - 8, y: py + 4, size: 11, anchor: .end)
        }
        for tick in xTicks {
            let px = x(tick)
            svg.line(x1: px, y1: plotBottom, x2: px, y2: plotBottom + 5, stroke: .init())
            svg.text(xTickText(tick), x: px, y: plotBottom + 19, size: 11, anchor: .middle)
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: .init())
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: .init())
        svg.text(xTitle, x: (plotLeft + plotRight) / 2, y: xTitleBaseline, size: 12, anchor: .middle)
        svg.text(yTitle, x: plotLeft - 54, y: (plotTop + plotBottom) / 2, size: 12, anchor: .middle, rotate: -90)
    }

    /// The tick step of a week axis ending at `weeks`: 13 (a quarter) from half a year on,
    /// else a round step.
    public static func weekStep(_ weeks: Double) -> Double {
        weeks >= 26 ? 13 : tickStep(0...max(weeks, 1))
    }

    /// Ticks of a week axis: 0, step, 2 step, … up to `weeks`.
    public static func weekTicks(_ weeks: Double) -> [Double] {
        let step = weekStep(weeks)
        return stride(from: 0, through: weeks + 1e-9, by: step).map { $0 }
    }

    /// Round tick values covering `domain`: steps of 1, 2 or 5 × 10^k, about five ticks.
    public static func ticks(_ domain: ClosedRange<Double>) -> [Double] {
        ticks(domain, step: tickStep(domain))
    }

    /// The multiples of `step` in `domain`.
    public static func ticks(_ domain: ClosedRange<Double>, step: Double) -> [Double] {
        var values: [Double] = []
        var k = (domain.lowerBound / step).rounded(.up)
        while k * step <= domain.upperBound + step * 1e-9 && values.count < 50 {
            let v = k * step
            values.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return values
    }

    /// Decimals that print every multiple of `step` exactly (0 for 1, 2, 5, 10 …; 1 for 0.5 …).
    public static func tickDigits(_ step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var digits = 0
        while digits < 6 && abs(step * pow(10, Double(digits)) - (step * pow(10, Double(digits))).rounded()) > 1e-6 {
            digits += 1
        }
        return digits
    }

    public static func tickStep(_ domain: ClosedRange<Double>) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / 5
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalized = raw / magnitude
        let factor: Double = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10
        return factor * magnitude
    }

    /// `range` widened to the nearest multiples of its tick step, with that step: the axis
    /// ends on the first tick past the data (0–35 % for incidence reaching 31 %), never a
    /// whole round-up beyond it.
    static func fittedDomain(_ range: ClosedRange<Double>) -> (domain: ClosedRange<Double>, step: Double) {
        let low = range.lowerBound.isFinite ? range.lowerBound : 0
        let high = range.upperBound.isFinite ? range.upperBound : 1
        guard high - low >= 1e-12 else {
            let domain = niceDomain(low...high)
            return (domain, tickStep(domain))
        }
        let step = tickStep(low...high)
        return (((low / step + 1e-9).rounded(.down) * step)...((high / step - 1e-9).rounded(.up) * step), step)
    }

    /// `range` widened to multiples of its tick step (and made non-empty).
    static func niceDomain(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        var low = range.lowerBound.isFinite ? range.lowerBound : 0
        var high = range.upperBound.isFinite ? range.upperBound : 1
        if high - low < 1e-12 {
            low -= 0.5 * max(abs(low), 1)
            high += 0.5 * max(abs(high), 1)
        }
        // Round outwards to the tick step, then again to the step of the widened range, so
        // that both ends of the axis carry a tick.
        var step = tickStep(low...high)
        for _ in 0..<2 {
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
            step = tickStep(low...high)
        }
        return low...high
    }
}
