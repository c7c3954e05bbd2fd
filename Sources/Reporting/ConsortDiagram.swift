// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// The CONSORT flow as boxes and arrows: enrolled → randomized per arm → left before the end
/// (by reason) → followed up. Counts of 1–4 show as "<5".
public struct ConsortDiagram: Sendable {
    public let flow: ConsortFlow
    public let heading: String

    public init(flow: ConsortFlow, heading: String) {
        self.flow = flow
        self.heading = heading
    }

    /// The SVG text.
    public func svg(numbers: ReportNumbers) -> String {
        let strings = numbers.strings
        let arms = flow.randomized.map(\.arm)
        let columnWidth = 250.0
        let gap = 30.0
        let width = max(560, Double(arms.count) * (columnWidth + gap) + gap)
        let maxReasons = arms.map { arm in flow.lost.filter { $0.arm == arm }.count }.max() ?? 0
        let lostHeight = 34 + Double(maxReasons) * 16
        let enrolledY = 44.0, boxHeight = 46.0
        let randomizedY = enrolledY + boxHeight + 50
        let lostY = randomizedY + boxHeight + 40
        let followedY = lostY + lostHeight + 40
        let height = followedY + boxHeight + 20
        var svg = SVGDocument(width: width, height: height, title: heading,
                              description: strings.texts.chartDescription(.consort, outcome: ""))
        svg.text(heading, x: width / 2, y: 24, size: 15, anchor: .middle, bold: true)
        let border = SVGDocument.Stroke(color: "#333333", width: 1.2)
        let centre = width / 2
        box(&svg, x: centre - columnWidth / 2, y: enrolledY, width: columnWidth, height: boxHeight, border: border,
            lines: [strings[.enrolled], "N = \(numbers.count(flow.enrolled))"])
        for (index, arm) in arms.enumerated() {
            let columnX = gap + Double(index) * (columnWidth + gap) + (width - Double(arms.count) * (columnWidth + gap) - gap) / 2
            let middle = columnX + columnWidth / 2
            svg.line(x1: centre, y1: enrolledY + boxHeight, x2: middle, y2: randomizedY, stroke: border, arrow: true)
            let randomized = flow.randomized.first { $0.arm == arm }?.count ?? 0
            box(&svg, x: columnX, y: randomizedY, width: columnWidth, height: boxHeight, border: border,
                lines: ["\(strings[.randomized]): \(strings.arm(arm))", "N = \(numbers.count(randomized))"])
            svg.line(x1: middle, y1: randomizedY + boxHeight, x2: middle, y2: lostY, stroke: border, arrow: true)
            let losses = flow.lost.filter { $0.arm == arm }
            let lossLines = [strings[.lostBeforeEnd]] + losses.map { "\(strings.status($0.reason)): \(numbers.count($0.count))" }
            box(&svg, x: columnX, y: lostY, width: columnWidth, height: lostHeight,
                border: .init(color: "#333333", width: 1, dash: "5 3"), lines: lossLines)
            svg.line(x1: middle, y1: lostY + lostHeight, x2: middle, y2: followedY, stroke: border, arrow: true)
            let followed = flow.followedUp.first { $0.arm == arm }?.count ?? 0
            box(&svg, x: columnX, y: followedY, width: columnWidth, height: boxHeight, border: border,
                lines: ["\(strings[.followedUp]): \(strings.arm(arm))", "N = \(numbers.count(followed))"])
        }
        return svg.text
    }

    private func box(_ svg: inout SVGDocument, x: Double, y: Double, width: Double, height: Double,
                     border: SVGDocument.Stroke, lines: [String]) {
        svg.rect(x: x, y: y, width: width, height: height, fill: "#f7f7f7", stroke: border)
        for (index, line) in lines.enumerated() {
            svg.text(line, x: x + width / 2, y: y + 18 + Double(index) * 16, size: index == 0 ? 12 : 11,
                     anchor: .middle, bold: index == 0)
        }
    }
}
