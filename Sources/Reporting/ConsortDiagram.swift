// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// The CONSORT 2010 flow diagram: four stages in rows, named in a column on the left —
/// enrolment (enrolled) → allocation (randomized, per arm) → follow-up (left before the end,
/// by reason, and followed up, per arm) → analysis (analysed by intention to treat, per
/// compared arm). Results without ITT counts (older files) have no analysis row.
/// Counts show as the report set's disclosure ledger says (`state`): "< 5" for a count of 1–4,
/// ".." for one hidden to protect another, as in the report's CONSORT table.
public struct ConsortDiagram: Sendable {
    public let flow: ConsortFlow
    public let heading: String

    public init(flow: ConsortFlow, heading: String) {
        self.flow = flow
        self.heading = heading
    }

    static let stageWidth = 104.0
    /// The narrowest arm column; a column widens to its longest line (bold 12 px text, about
    /// 7.2 px a character, plus 12 px padding on each side).
    static let minimumColumnWidth = 256.0
    static let gap = 28.0
    static let boxHeight = 46.0
    static let lineHeight = 16.0

    /// The SVG text.
    public func svg(numbers: ReportNumbers, state: (PublishedCount.Quantity) -> DisclosureState? = { _ in nil }) -> String {
        let strings = numbers.strings
        func count(_ q: PublishedCount.Quantity, _ n: Int) -> String { numbers.count(n, state: state(q)) }
        let arms = flow.randomized.map(\.arm)
        let widest = arms.flatMap { arm in
            ["\(strings[.analysedITT]): \(strings.arm(arm))", "\(strings[.randomized]): \(strings.arm(arm))", strings[.lostBeforeEnd]]
        }.map { Double($0.count) * 7.2 + 24 }.max() ?? 0
        let columnWidth = max(Self.minimumColumnWidth, widest)
        let columnsWidth = max(Double(arms.count), 1) * (columnWidth + Self.gap) + Self.gap
        let width = max(600, Self.stageWidth + columnsWidth)
        let maxReasons = arms.map { arm in flow.lost.filter { $0.arm == arm }.count }.max() ?? 0
        // Title, one line per loss reason, a divider, then the followed-up count.
        let followHeight = 51 + Double(maxReasons) * Self.lineHeight
        let enrolledY = 44.0
        let allocatedY = enrolledY + Self.boxHeight + 44
        let followY = allocatedY + Self.boxHeight + 36
        let analysedY = followY + followHeight + 36
        let hasAnalysis = !flow.analysed.isEmpty
        let height = (hasAnalysis ? analysedY + Self.boxHeight : followY + followHeight) + 16
        var svg = SVGDocument(width: width, height: height, title: heading,
                              description: strings.texts.chartDescription(.consort, outcome: ""))
        svg.text(heading, x: width / 2, y: 24, size: 15, anchor: .middle, bold: true)
        var stages: [(ReportLabel, Double, Double)] = [(.stageEnrolment, enrolledY, Self.boxHeight),
                                                       (.stageAllocation, allocatedY, Self.boxHeight),
                                                       (.stageFollowUp, followY, followHeight)]
        if hasAnalysis { stages.append((.stageAnalysis, analysedY, Self.boxHeight)) }
        for (label, y, h) in stages {
            svg.rect(x: 8, y: y, width: Self.stageWidth - 16, height: h, fill: "#dde8f3", stroke: nil)
            svg.text(strings[label], x: Self.stageWidth / 2, y: y + h / 2 + 4, size: 11, anchor: .middle, bold: true)
        }
        let border = SVGDocument.Stroke(color: "#333333", width: 1.2)
        let left = Self.stageWidth + (width - Self.stageWidth - columnsWidth) / 2
        let centre = left + columnsWidth / 2
        box(&svg, x: centre - columnWidth / 2, width: columnWidth, y: enrolledY, height: Self.boxHeight, border: border,
            lines: [strings[.enrolled], "N = \(count(.enrolled, flow.enrolled))"])
        for (index, arm) in arms.enumerated() {
            let columnX = left + Self.gap + Double(index) * (columnWidth + Self.gap)
            let middle = columnX + columnWidth / 2
            let armName = strings.arm(arm)
            svg.line(x1: centre, y1: enrolledY + Self.boxHeight, x2: middle, y2: allocatedY, stroke: border, arrow: true)
            let randomized = flow.randomized.first { $0.arm == arm }?.count ?? 0
            box(&svg, x: columnX, width: columnWidth, y: allocatedY, height: Self.boxHeight, border: border,
                lines: ["\(strings[.randomized]): \(armName)", "N = \(count(.randomized(arm: arm), randomized))"])
            svg.line(x1: middle, y1: allocatedY + Self.boxHeight, x2: middle, y2: followY, stroke: border, arrow: true)
            let losses = flow.lost.filter { $0.arm == arm }
            let followed = flow.followedUp.first { $0.arm == arm }?.count ?? 0
            let lossLines = [strings[.lostBeforeEnd]] + losses.map { "\(strings.status($0.reason)): \(count(.lost(arm: arm, reason: $0.reason), $0.count))" }
            box(&svg, x: columnX, width: columnWidth, y: followY, height: followHeight,
                border: .init(color: "#333333", width: 1, dash: "5 3"), lines: lossLines)
            let dividerY = followY + followHeight - 25
            svg.line(x1: columnX + 16, y1: dividerY, x2: columnX + columnWidth - 16, y2: dividerY,
                     stroke: .init(color: "#999999", width: 0.8))
            svg.text("\(strings[.followedUp]): \(count(.followedUp(arm: arm), followed))", x: middle, y: dividerY + 16, size: 11,
                     anchor: .middle, bold: true)
            guard let analysed = flow.analysed.first(where: { $0.arm == arm }) else { continue }
            svg.line(x1: middle, y1: followY + followHeight, x2: middle, y2: analysedY, stroke: border, arrow: true)
            box(&svg, x: columnX, width: columnWidth, y: analysedY, height: Self.boxHeight, border: border,
                lines: ["\(strings[.analysedITT]): \(armName)", "N = \(count(.randomized(arm: arm), analysed.count))"])
        }
        return svg.text
    }

    /// A box of the column width with centred lines, the first bold.
    private func box(_ svg: inout SVGDocument, x: Double, width columnWidth: Double, y: Double, height: Double,
                     border: SVGDocument.Stroke, lines: [String]) {
        svg.rect(x: x, y: y, width: columnWidth, height: height, fill: "#f7f7f7", stroke: border)
        for (index, line) in lines.enumerated() {
            svg.text(line, x: x + columnWidth / 2, y: y + 18 + Double(index) * Self.lineHeight, size: index == 0 ? 12 : 11,
                     anchor: .middle, bold: index == 0)
        }
    }
}
