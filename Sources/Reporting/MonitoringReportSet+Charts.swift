// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring

extension MonitoringReportSet {
    /// Bars of the share sent back per half-year of contact (all units). A half-year whose
    /// send-back count is hidden by the disclosure rule gets no bar.
    func sendBackChart() -> String {
        let t = texts
        let flow = CaseFlow(register.cases, scope: .overall)
        let shares = flow.periods.map { p -> Double? in
            let s = disclosure.row("send-backs", p.period.description, total: p.decided, parts: [p.sentBack, p.decided - p.sentBack], impliedParts: [1])
            return s.parts[0] == .shown || p.sentBack == 0 ? Double(p.sentBack) / Double(p.decided) : nil
        }
        let top = max(0.1, ((shares.compactMap { $0 }.max() ?? 0.1) * 10).rounded(.up) / 10)
        return barChart(title: t.text(.sectionSendBacks), yTitle: t.text(.sendBackAxis),
                        labels: flow.periods.map { t.name($0.period) }, values: shares.map { $0.map { $0 * 100 } }, yMax: top * 100)
    }

    /// Bars of the mean level at the final assessment per area (trials, not persons).
    func assessmentChart() -> String {
        let t = texts
        let s = AssessmentSummary(assessments)
        return barChart(title: t.text(.sectionAssessments), yTitle: t.text(.levelAxis),
                        labels: s.areas.map { t.name($0.area) }, values: s.areas.map { $0.mean[.final] }, yMax: 5, rotateLabels: true)
    }

    /// A plain vertical bar chart with a y axis from 0 to `yMax`, ticks and labelled bars.
    func barChart(title: String, yTitle: String, labels: [String], values: [Double?], yMax: Double, rotateLabels: Bool = false) -> String {
        let width = 680.0, left = rotateLabels ? 130.0 : 70.0, right = 20.0, top = 44.0, plotHeight = 260.0
        let bottomSpace = rotateLabels ? 190.0 : 50.0
        var svg = SVGDocument(width: width, height: top + plotHeight + bottomSpace, title: title, description: yTitle)
        svg.text(title, x: left, y: 24, size: 14, bold: true)
        let y = { (v: Double) in top + plotHeight * (1 - v / yMax) }
        let step = SVGChart.tickStep(0...yMax)
        for tick in SVGChart.ticks(0...yMax, step: step) {
            svg.line(x1: left, y1: y(tick), x2: width - right, y2: y(tick), stroke: .init(color: "#dddddd"))
            svg.text(style.decimal(tick, digits: SVGChart.tickDigits(step)), x: left - 6, y: y(tick) + 4, size: 11, anchor: .end)
        }
        svg.text(yTitle, x: left - 44, y: top + plotHeight / 2, size: 12, anchor: .middle, rotate: -90)
        let slot = (width - right - left) / Double(max(labels.count, 1))
        for (i, label) in labels.enumerated() {
            let x = left + slot * Double(i)
            if let v = values[i] {
                svg.rect(x: x + slot * 0.2, y: y(v), width: slot * 0.6, height: top + plotHeight - y(v), fill: "#4477aa", stroke: nil)
                svg.text(style.decimal(v, digits: 1), x: x + slot / 2, y: y(v) - 4, size: 11, anchor: .middle)
            } else {
                svg.text("..", x: x + slot / 2, y: top + plotHeight - 4, size: 11, anchor: .middle)
            }
            if rotateLabels {
                svg.text(label, x: x + slot / 2, y: top + plotHeight + 14, size: 11, anchor: .end, rotate: -45)
            } else {
                svg.text(label, x: x + slot / 2, y: top + plotHeight + 18, size: 11, anchor: .middle)
            }
        }
        svg.line(x1: left, y1: top + plotHeight, x2: width - right, y2: top + plotHeight, stroke: .init())
        return svg.text
    }
}
