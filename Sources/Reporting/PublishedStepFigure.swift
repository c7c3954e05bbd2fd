// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A Kaplan–Meier or cumulative-incidence figure as an intruder reads it back from its SVG:
/// the axes from their tick labels, each drawn series' level before and after every step, the
/// censor marks, and the rows of the numbers-at-risk table (`DisclosureAudit`).
///
/// Levels are read from coordinates written to 0.1 px, so each carries an uncertainty of half
/// that in value units (`resolution`): an attack only counts a person when the reading is
/// certain to that person.
struct PublishedStepFigure {
    struct Series {
        let name: String
        let color: String
        /// The level before the first step (1 for survival, 0 for incidence).
        let start: Double
        /// (week, level after the step) for every vertical move of the line.
        let steps: [(week: Double, level: Double)]
        let hasCensorMarks: Bool
    }

    /// The SVG file name, and the report it belongs to ("aalborg__cash_benefit.md").
    let file: String
    let report: String
    /// The figure within its report, the same in every report of the set ("km-1-time_to_paid_hours").
    let chart: String
    let isSurvival: Bool
    let series: [Series]
    /// The largest error of a level read from the figure.
    let resolution: Double
    /// Numbers at risk: row name → (week, printed text) at every tick.
    let riskRows: [(name: String, cells: [(week: Int, text: String)])]

    /// Reads `svg` named `file` when it is a step-curve figure ("…-km-…" or "…-cif-…"); nil otherwise.
    static func read(file: String, svg: String) -> PublishedStepFigure? {
        let stem = String(file.dropLast(4))
        guard file.hasSuffix(".svg") else { return nil }
        let marker = stem.range(of: "-km-") ?? stem.range(of: "-cif-")
        guard let marker else { return nil }
        let report = String(stem[..<marker.lowerBound]) + ".md"
        let chart = String(stem[stem.index(after: marker.lowerBound)...])
        let elements = SVGElement.all(in: svg)
        // y axis: the light grid lines, top to bottom, and the percentage labels beside them.
        let grid = elements.filter { $0.name == "line" && $0["stroke"] == "#e0e0e0" && $0["y1"] == $0["y2"] }
            .compactMap { $0.number("y1") }.sorted()
        let yLabels = elements.filter { $0.name == "text" && $0["text-anchor"] == "end" && $0.content.hasSuffix("%") }
            .compactMap { e -> (y: Double, value: Double)? in
                guard let y = e.number("y"), let v = Double(e.content.dropLast().trimmingCharacters(in: .whitespaces)
                    .replacingOccurrences(of: ",", with: ".")) else { return nil }
                return (y, v / 100)
            }.sorted { $0.y < $1.y }
        guard grid.count >= 2, grid.count == yLabels.count else { return nil }
        let (y0, v0, y1, v1) = (grid.first!, yLabels.first!.value, grid.last!, yLabels.last!.value)
        let level = { (y: Double) in v0 + (y - y0) * (v1 - v0) / (y1 - y0) }
        // x axis: the first row of whole-number labels under the plot.
        let numeric = elements.filter { $0.name == "text" && $0["text-anchor"] == "middle" && !$0.content.isEmpty
            && $0.content.allSatisfy(\.isNumber) }
        guard let tickRow = numeric.compactMap({ $0.number("y") }).min() else { return nil }
        let ticks = numeric.filter { $0.number("y") == tickRow }.compactMap { e in e.number("x").flatMap { x in Double(e.content).map { (x, $0) } } }
        guard ticks.count >= 2 else { return nil }
        let week = { (x: Double) in ticks[0].1 + (x - ticks[0].0) * (ticks.last!.1 - ticks[0].1) / (ticks.last!.0 - ticks[0].0) }
        // Series names: a sample line followed by its name (legend and risk table).
        var names = [String: String]()
        for (a, b) in zip(elements, elements.dropFirst()) where a.name == "line" && b.name == "text" {
            let key = "\(a["stroke"] ?? "") \(a["stroke-dasharray"] ?? "")"
            if names[key] == nil { names[key] = b.content }
        }
        let censorColors = Set(elements.filter { $0["class"] == "censor" }.compactMap { $0["stroke"] })
        let series = elements.filter { $0.name == "polyline" && $0["class"] == "series" }.compactMap { e -> Series? in
            let points = (e["points"] ?? "").split(separator: " ").compactMap { pair -> (Double, Double)? in
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                return xy.count == 2 ? (xy[0], xy[1]) : nil
            }
            guard let first = points.first, let color = e["stroke"],
                  let name = names["\(color) \(e["stroke-dasharray"] ?? "")"] else { return nil }
            let steps = zip(points, points.dropFirst()).filter { abs($0.0 - $1.0) < 1e-9 && abs($0.1 - $1.1) > 1e-9 }
                .map { (week: week($1.0).rounded(), level: level($1.1)) }
            return Series(name: name, color: color, start: level(first.1), steps: steps, hasCensorMarks: censorColors.contains(color))
        }
        // Risk table rows: a short sample line at the left margin, the row name, the counts on its baseline.
        var rows = [(name: String, cells: [(week: Int, text: String)])]()
        for (a, b) in zip(elements, elements.dropFirst()) where a.name == "line" && a.number("x1") == 8 && b.name == "text" {
            guard let y = b.number("y") else { continue }
            let cells = elements.filter { $0.name == "text" && $0["text-anchor"] == "middle" && $0.number("y") == y }
                .compactMap { e in e.number("x").map { (week: Int(week($0).rounded()), text: e.content) } }
            rows.append((b.content, cells))
        }
        return PublishedStepFigure(file: file, report: report, chart: chart, isSurvival: chart.hasPrefix("km-"), series: series,
                                   resolution: abs((v1 - v0) / (y1 - y0)) * 0.05, riskRows: rows)
    }
}

/// One element of an SVG text as written by `SVGDocument`: its name, attributes and text.
struct SVGElement {
    let name: String
    let attributes: [String: String]
    let content: String

    subscript(_ key: String) -> String? { attributes[key] }
    func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }

    static func all(in svg: String) -> [SVGElement] {
        var out = [SVGElement]()
        var rest = Substring(svg)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<close]
            rest = rest[rest.index(after: close)...]
            guard let first = tag.first, first.isLetter else { continue }
            let name = String(tag.prefix { $0.isLetter || $0.isNumber })
            var attributes = [String: String]()
            var scan = tag.dropFirst(name.count)
            while let eq = scan.range(of: "=\"") {
                let key = scan[..<eq.lowerBound].split(separator: " ").last.map(String.init) ?? ""
                let valueStart = eq.upperBound
                guard let end = scan[valueStart...].firstIndex(of: "\"") else { break }
                attributes[key] = unescape(String(scan[valueStart..<end]))
                scan = scan[scan.index(after: end)...]
            }
            var content = ""
            if name == "text", let end = rest.firstIndex(of: "<") { content = unescape(String(rest[..<end])) }
            out.append(SVGElement(name: name, attributes: attributes, content: content))
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
