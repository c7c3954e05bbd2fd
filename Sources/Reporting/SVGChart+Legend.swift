// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension SVGChart {
    /// A legend entry: a line sample (stroke, optional marker) or a filled swatch, and its text.
    /// A swatch of several fills shows them as side-by-side stripes (one band per arm).
    public struct LegendEntry: Sendable {
        public var text: String
        public var stroke: SVGDocument.Stroke?
        public var marker: MarkerShape?
        public var fills: [String]
        public init(text: String, stroke: SVGDocument.Stroke? = nil, marker: MarkerShape? = nil, fill: String? = nil) {
            self.init(text: text, stroke: stroke, marker: marker, fills: fill.map { [$0] } ?? [])
        }
        public init(text: String, stroke: SVGDocument.Stroke? = nil, marker: MarkerShape? = nil, fills: [String]) {
            self.text = text
            self.stroke = stroke
            self.marker = marker
            self.fills = fills
        }
    }

    /// The legend text of a confidence band or interval: "95 % konfidensinterval".
    public static func intervalLabel(level: Double, numbers: ReportNumbers) -> String {
        "\(numbers.levelPercent(level)) \(numbers.strings[.confidenceInterval].lowercasedFirst)"
    }

    /// The legend entries split into rows that fit the canvas width. Text width is estimated
    /// generously (6.4 px a character at 11 px; DejaVu Sans averages about 6), so a row never
    /// runs off the canvas.
    func legendRows(_ entries: [LegendEntry]) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = []
        var px = legendLeft
        for entry in entries {
            let advance = 48 + Self.textWidth(entry.text)
            if rows.isEmpty || (px + advance - 12 > width - 8 && px > legendLeft) {
                rows.append([])
                px = legendLeft
            }
            rows[rows.count - 1].append(entry)
            px += advance
        }
        return rows
    }

    /// Estimated width of 11 px text.
    static func textWidth(_ text: String) -> Double { Double(text.count) * 6.4 }

    /// Draws the legend rows below the axis title and the reserved table.
    public func drawLegend(into svg: inout SVGDocument) {
        for (row, entries) in legendRows(legend).enumerated() {
            var px = legendLeft
            let py = legendTop + Double(row) * 18
            for entry in entries {
                if !entry.fills.isEmpty {
                    let stripe = 30 / Double(entry.fills.count)
                    for (k, fill) in entry.fills.enumerated() {
                        svg.rect(x: px + Double(k) * stripe, y: py - 9, width: stripe, height: 12, fill: fill, stroke: nil)
                    }
                    if let stroke = entry.stroke {
                        svg.rect(x: px, y: py - 9, width: 30, height: 12, fill: "none", stroke: stroke)
                    }
                } else if let stroke = entry.stroke {
                    svg.line(x1: px, y1: py - 3, x2: px + 30, y2: py - 3, stroke: stroke)
                }
                if let marker = entry.marker {
                    svg.marker(marker, x: px + 15, y: py - 3, size: 7, color: entry.stroke?.color ?? "#333333")
                }
                svg.text(entry.text, x: px + 36, y: py + 1, size: 11)
                px += 48 + Self.textWidth(entry.text)
            }
        }
    }

    /// Colours of series groups (arms, or causes), dark enough for thin lines on white.
    static let seriesColors = ["#1f4e79", "#b2401f", "#2e6b30", "#6a3d8f", "#7f6000", "#4d4d4d"]
    /// Dash patterns of series groups; solid first.
    static let seriesDashes = ["", "8 4", "2 3", "10 3 2 3", "4 2"]

    /// The stroke of a series by colour group and dash group. Curves are told apart by colour
    /// and dash together, so two series share a style only when they share both indices.
    public static func seriesStroke(color: Int, dash: Int) -> SVGDocument.Stroke {
        .init(color: seriesColors[color % seriesColors.count], width: 2, dash: seriesDashes[dash % seriesDashes.count])
    }

    /// The light fill of a confidence band drawn under a series of colour `color`.
    public static func bandFill(color: Int) -> String {
        ["#9db8d9", "#e8b3a3", "#a9cfa9", "#c8b4dc", "#dccb94", "#c4c4c4"][color % seriesColors.count]
    }
}
