// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import TrialModel

extension MonitoringReportSet {
    /// The proposals drawn in the time-to-placement chart: the three main orders.
    static let chartedProposals: [Intervention] = [.ordinaryWork, .companyInternship, .flexJob]
    /// The chart's time grid in days (every 15 days up to a year).
    static let incidenceGrid: [Double] = stride(from: 0.0, through: 360, by: 15).map { $0 }

    /// The grid days at which the curves of one proposal are drawn: in the overview's chart, and
    /// in every organisation form's chart (a subset: the days drawn in all of them together).
    ///
    /// Rule, for the scopes drawn together (all cases first, then each form with cases of the
    /// proposal): walking the 15-day grid, a day is drawn when in every scope at least
    /// `minPersons` cases are still at risk just after it, and the placements counted since the
    /// last drawn day (from day 0) are 0 or at least `minPersons` in every scope — so neither a
    /// curve's level times its cases, nor a step along it, nor the overview minus the other
    /// forms, shows fewer than `minPersons` persons. When a form runs out of cases at risk, the
    /// forms' curves stop and the overview's goes on alone by the same rule (no form is drawn on
    /// those days, so nothing can be subtracted). Forms are drawn only when every form with cases
    /// of the proposal has at least `minPersons` of them. Complexity: O(grid × cases).
    func incidenceDays(_ proposed: Intervention, scopes: [[RegisteredCase]], extract: CalendarDate) -> (overview: [Double], forms: [Double]) {
        let minimum = policy.minPersons
        var mine = scopes.map { $0.filter { $0.proposed == proposed } }
        if !mine.dropFirst().allSatisfy({ $0.count >= minimum }) { mine = Array(mine.prefix(1)) }
        var overview = [Double](), forms = [Double](), last = mine.map { _ in 0 }
        for day in Self.incidenceGrid {
            var placed = [Int]()
            for (k, cases) in mine.enumerated() {
                let atRisk = cases.filter { c in
                    Double(c.exit?.days ?? (extract.daysSinceEpoch - c.contactDate.daysSinceEpoch)) > day
                }.count
                if atRisk < minimum && k == 0 { return (overview, forms) }
                if atRisk < minimum { break }
                placed.append(cases.filter { c in c.exit.map { $0.kind == .placed && Double($0.days) <= day } ?? false }.count)
            }
            if placed.count < mine.count {
                // A form ran out: the forms stop here, the overview goes on alone.
                mine = Array(mine.prefix(1))
                placed = Array(placed.prefix(1))
                last = Array(last.prefix(1))
            }
            if zip(placed, last).allSatisfy({ $0 - $1 == 0 || $0 - $1 >= minimum }) {
                overview.append(day)
                if mine.count > 1 { forms.append(day) }
                last = placed
            }
        }
        return (overview, forms)
    }

    /// The days to draw per charted proposal, for the overview's chart and for the forms' charts.
    func incidenceDays() -> (overview: [Intervention: [Double]], forms: [Intervention: [Double]]) {
        guard let extract = register.latestDate else { return ([:], [:]) }
        var overview = [Intervention: [Double]](), forms = [Intervention: [Double]]()
        for p in Self.chartedProposals {
            let scopes = formsWithCases.map { register.cases(in: .organisationForm($0)) }.filter { $0.contains { $0.proposed == p } }
            (overview[p], forms[p]) = incidenceDays(p, scopes: [register.cases] + scopes, extract: extract)
        }
        return (overview, forms)
    }

    /// Cumulative incidence of placement by proposed intervention for `cases`, drawn only at
    /// `days` (`incidenceDays`): read off the Aalen–Johansen curve, so no single person's day shows.
    func incidenceChart(_ cases: [RegisteredCase], days: [Intervention: [Double]]) -> String {
        let t = texts
        let colours = ["#4477aa", "#ee6677", "#228833"]
        let groups: [TimeToPlacement.Group]
        if let extract = register.latestDate, let ttp = try? TimeToPlacement(cases, extractDate: extract, minimumCases: policy.minPersons) {
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
            for day in days[g.proposed] ?? [] {
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
