// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A stand-alone SVG 1.1 file built element by element. All text is XML-escaped and every
/// coordinate is written with one decimal and "." whatever the report language, so the same
/// chart always gives the same bytes.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var elements: [String] = []

    /// A document with the accessible `title` and `desc` elements every chart carries.
    public init(width: Double, height: Double, title: String, description: String) {
        self.width = width
        self.height = height
        elements.append("<title>\(Self.escape(title))</title>")
        elements.append("<desc>\(Self.escape(description))</desc>")
        elements.append("""
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" \
        orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333333"/></marker></defs>
        """)
        elements.append("<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"#ffffff\"/>")
    }

    /// How a stroke looks: colour, width, dash pattern (empty for solid).
    public struct Stroke: Sendable, Equatable {
        public var color: String
        public var width: Double
        public var dash: String
        public init(color: String = "#333333", width: Double = 1, dash: String = "") {
            self.color = color
            self.width = width
            self.dash = dash
        }
        var attributes: String {
            "stroke=\"\(color)\" stroke-width=\"\(SVGDocument.number(width))\""
                + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")
        }
    }

    /// Text anchoring.
    public enum Anchor: String, Sendable { case start, middle, end }

    /// A straight line; `arrow` puts an arrow head at the end.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: Stroke, arrow: Bool = false) {
        elements.append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" "
            + "y2=\"\(Self.number(y2))\" \(stroke.attributes)\(arrow ? " marker-end=\"url(#arrow)\"" : "")/>")
    }

    /// An open polyline through `points`; `className` (e.g. "series") marks what it draws.
    public mutating func polyline(_ points: [(Double, Double)], stroke: Stroke, className: String? = nil) {
        guard points.count > 1 else { return }
        let classAttribute = className.map { " class=\"\(Self.escape($0))\"" } ?? ""
        elements.append("<polyline points=\"\(Self.points(points))\" fill=\"none\" \(stroke.attributes)\(classAttribute)/>")
    }

    /// A closed, filled polygon (e.g. a confidence band).
    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
        guard points.count > 2 else { return }
        elements.append("<polygon points=\"\(Self.points(points))\" fill=\"\(fill)\" fill-opacity=\"\(Self.number(opacity))\" stroke=\"none\"/>")
    }

    /// A rectangle, optionally filled.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: Stroke?) {
        elements.append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" "
            + "height=\"\(Self.number(height))\" fill=\"\(fill)\"\(stroke.map { " " + $0.attributes } ?? "")/>")
    }

    /// A marker shape centred on (x, y): distinguishes series without colour.
    public mutating func marker(_ shape: MarkerShape, x: Double, y: Double, size: Double, color: String) {
        let r = size / 2
        switch shape {
        case .circle:
            elements.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(r))\" fill=\"\(color)\"/>")
        case .square:
            rect(x: x - r, y: y - r, width: size, height: size, fill: color, stroke: nil)
        case .triangle:
            polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill: color, opacity: 1)
        case .diamond:
            polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill: color, opacity: 1)
        case .openCircle:
            elements.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(r))\" fill=\"#ffffff\" stroke=\"\(color)\" stroke-width=\"1.5\"/>")
        case .plus:
            elements.append("<path d=\"M \(Self.number(x - r)) \(Self.number(y)) H \(Self.number(x + r)) M \(Self.number(x)) \(Self.number(y - r)) "
                + "V \(Self.number(y + r))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.3\" class=\"censor\"/>")
        }
    }

    /// Text at (x, y) (baseline), escaped.
    public mutating func text(_ text: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                              bold: Bool = false, rotate: Double? = nil) {
        let rotation = rotate.map { " transform=\"rotate(\(Self.number($0)) \(Self.number(x)) \(Self.number(y)))\"" } ?? ""
        elements.append("<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-family=\"sans-serif\" "
            + "font-size=\"\(Self.number(size))\" text-anchor=\"\(anchor.rawValue)\"\(bold ? " font-weight=\"bold\"" : "")"
            + "\(rotation) fill=\"#000000\">\(Self.escape(text))</text>")
    }

    /// The SVG file text.
    public var text: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(Self.number(width))" height="\(Self.number(height))" \
        viewBox="0 0 \(Self.number(width)) \(Self.number(height))" role="img">
        \(elements.joined(separator: "\n"))
        </svg>

        """
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` and drops characters XML 1.0 does not allow.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
                    || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A coordinate with one decimal, "." as the mark, no "-0.0".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = String(format: "%.1f", value)
        return text == "-0.0" ? "0.0" : text
    }

    private static func points(_ points: [(Double, Double)]) -> String {
        points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
    }
}

/// Marker shapes: points of a series, and `plus`, the censor mark of a Kaplan–Meier curve.
public enum MarkerShape: Sendable, CaseIterable {
    case circle, square, triangle, diamond, openCircle, plus
}
