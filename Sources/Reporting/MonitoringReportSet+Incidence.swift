// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring

extension MonitoringReportSet {
    /// The proposals drawn in the time-to-placement chart: the three main orders.
    static let chartedProposals: [Intervention] = [.ordinaryWork, .companyInternship, .flexJob]
    /// The chart's time grid in days (every 15 days up to a year).
    static let incidenceGrid: [Double] = stride(from: 0.0, through: 360, by: 15).map { $0 }

    /// Cumulative incidence of placement by proposed intervention (all units), read off on a
    /// 15-day grid — so no single person's day shows — and drawn only while at least
    /// `policy.minPersons` cases are still at risk at a grid point (a curve stops before that).
    func incidenceChart() -> String {
        let t = texts
        let colours = ["#4477aa", "#ee6677", "#228833"]
        let groups: [TimeToPlacement.Group]
        if let extract = register.latestDate, let ttp = try? TimeToPlacement(register.cases, extractDate: extract, minimumCases: policy.minPersons) {
            groups = Self.chartedProposals.compactMap { p in ttp.groups.first { $0.proposed == p } }
        } else {
            groups = []
        }
        let legend = groups.enumerated().map { i, g in SVGChart.LegendEntry(text: t.name(g.proposed), stroke: .init(color: colours[i], width: 2)) }
        let chart = SVGChart(x: 0...360, y: 0...1, legend: legend)
        var svg = SVGDocument(width: chart.width, height: chart.height, title: t.text(.sectionTimeToPlacement), description: t.text(.incidenceAxis))
        chart.drawAxes(into: &svg, heading: t.text(.sectionTimeToPlacement), xTitle: t.text(.daysSinceContact), yTitle: t.text(.incidenceAxis),
                       xTickText: { style.integer(Int($0)) }, yTickText: { style.percent($0, digits: 0) })
        for (i, g) in groups.enumerated() {
            var points = [(Double, Double)]()
            var previous: Double?
            for day in Self.incidenceGrid {
                // At risk just after `day`: the curve's at-risk count at its first time past `day`.
                let next = g.curve.times.firstIndex { $0 > day }
                let atRisk = next.map { g.curve.atRisk[$0] } ?? 0
                guard atRisk >= Double(policy.minPersons) else { break }
                let last = g.curve.times.lastIndex { $0 <= day }
                let value = last.map { g.curve.cumulativeIncidence[0][$0] } ?? 0
                if let previous { points.append((chart.x(day), chart.y(previous))) }
                points.append((chart.x(day), chart.y(value)))
                previous = value
            }
            if points.count > 1 { svg.polyline(points, stroke: .init(color: colours[i], width: 2)) }
        }
        chart.drawLegend(into: &svg)
        return svg.text
    }
}
