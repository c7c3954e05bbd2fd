// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The plotting frame shared by the line charts: linear x and y scales, axes with ticks and
/// labels, a legend below the plot. Series are told apart by dash pattern and marker shape as
/// well as colour, so the chart reads in black and white.
public struct SVGChart: Sendable {
    public var width: Double = 680
    public var height: Double = 420
    public let left: Double = 72
    public let right: Double = 24
    public let top: Double = 44
    public let bottom: Double = 96
    public let xDomain: ClosedRange<Double>
    public let yDomain: ClosedRange<Double>

    /// A frame over the given data ranges, widened to round tick values.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        xDomain = Self.niceDomain(x)
        yDomain = Self.niceDomain(y)
    }

    public var plotLeft: Double { left }
    public var plotRight: Double { width - right }
    public var plotTop: Double { top }
    public var plotBottom: Double { height - bottom }

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
        for tick in Self.ticks(yDomain) {
            let py = y(tick)
            svg.line(x1: plotLeft, y1: py, x2: plotRight, y2: py, stroke: .init(color: "#e0e0e0", width: 0.6))
            svg.line(x1: plotLeft - 5, y1: py, x2: plotLeft, y2: py, stroke: .init())
            svg.text(yTickText(tick), x: plotLeft - 8, y: py + 4, size: 11, anchor: .end)
        }
        for tick in Self.ticks(xDomain) {
            let px = x(tick)
            svg.line(x1: px, y1: plotBottom, x2: px, y2: plotBottom + 5, stroke: .init())
            svg.text(xTickText(tick), x: px, y: plotBottom + 19, size: 11, anchor: .middle)
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: .init())
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: .init())
        svg.text(xTitle, x: (plotLeft + plotRight) / 2, y: plotBottom + 40, size: 12, anchor: .middle)
        svg.text(yTitle, x: 18, y: (plotTop + plotBottom) / 2, size: 12, anchor: .middle, rotate: -90)
    }

    /// A legend entry: a line sample (stroke, optional marker) or a filled swatch, and its text.
    public struct LegendEntry: Sendable {
        public var text: String
        public var stroke: SVGDocument.Stroke?
        public var marker: MarkerShape?
        public var fill: String?
        public init(text: String, stroke: SVGDocument.Stroke? = nil, marker: MarkerShape? = nil, fill: String? = nil) {
            self.text = text
            self.stroke = stroke
            self.marker = marker
            self.fill = fill
        }
    }

    /// Draws the legend in rows below the x-axis title.
    public func drawLegend(into svg: inout SVGDocument, entries: [LegendEntry]) {
        var px = plotLeft
        var py = plotBottom + 62
        for entry in entries {
            let textWidth = Double(entry.text.count) * 6.4
            if px + 40 + textWidth > width - 8 && px > plotLeft {
                px = plotLeft
                py += 18
            }
            if let fill = entry.fill {
                svg.rect(x: px, y: py - 9, width: 30, height: 12, fill: fill, stroke: entry.stroke)
            } else if let stroke = entry.stroke {
                svg.line(x1: px, y1: py - 3, x2: px + 30, y2: py - 3, stroke: stroke)
            }
            if let marker = entry.marker {
                svg.marker(marker, x: px + 15, y: py - 3, size: 7, color: entry.stroke?.color ?? "#333333")
            }
            svg.text(entry.text, x: px + 36, y: py + 1, size: 11)
            px += 48 + textWidth
        }
    }

    /// Series styles: index → colour, dash pattern and marker, distinct in black and white.
    public static func seriesStroke(_ index: Int) -> SVGDocument.Stroke {
        let colors = ["#1f4e79", "#a33a1f", "#2e6b30", "#6a3d8f", "#7f6000"]
        let dashes = ["", "7 4", "2 3", "10 3 2 3", "4 2"]
        return .init(color: colors[index % colors.count], width: 2, dash: dashes[index % dashes.count])
    }

    /// The marker of series `index`.
    public static func seriesMarker(_ index: Int) -> MarkerShape {
        MarkerShape.allCases[index % MarkerShape.allCases.count]
    }

    /// Round tick values covering `domain`: steps of 1, 2 or 5 × 10^k, about five ticks.
    public static func ticks(_ domain: ClosedRange<Double>) -> [Double] {
        let step = tickStep(domain)
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
