// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import TrialModel

/// Computes, for each published figure, the estimate from the trial's data and results with an
/// interval, so that a researcher can see whether the published value lies within it.
///
/// Intervals: effects and hazard ratios use the analysis's own CIs (the plan's level); means use
/// a t interval `x̄ ± t_{n−1} s/√n`; shares a normal (Wald) interval `p ± z √(p(1−p)/n)`; counts
/// are exact (the interval is the count itself); a relative effect divides the effect's CI by the
/// control mean (treating the control mean as fixed). Shares and effects on shares are shown in
/// percent / percentage points when the figure's unit says so.
public struct FigureReproduction: Sendable {
    public let dataset: TrialDataset
    public let plan: AnalysisPlan
    public let results: AnalysisResults

    public init(dataset: TrialDataset, plan: AnalysisPlan, results: AnalysisResults) {
        self.dataset = dataset
        self.plan = plan
        self.results = results
    }

    public func reproduce(_ figures: [PublishedFigure]) -> [ReproducedFigure] { figures.map(reproduce) }

    public func reproduce(_ f: PublishedFigure) -> ReproducedFigure {
        let scale = f.unit.isPercentage ? 100.0 : 1.0
        let units = population(f.population)
        var value: (estimate: Double, low: Double, high: Double, interval: String)?
        var note: String?
        switch f.estimand {
        case .countRandomized(let arm):
            let n = Double(units.filter { arm == nil || $0.arm == role(arm!) }.count)
            value = (n, n, n, "exact count")
        case .countRandomizedPerArmStratum:
            var counts = [String: Int]()
            for u in units { counts["\(u.stratum.label)#\(u.arm)", default: 0] += 1 }
            let c = counts.values.map(Double.init)
            if !c.isEmpty { value = (c.reduce(0, +) / Double(c.count), c.min()!, c.max()!, "mean, [min, max] over strata and arms") }
        case .countMunicipalities:
            let n = Double(Set(units.map(\.participant.municipality)).count)
            value = (n, n, n, "exact count")
        case .countStatusLastWeek(let status):
            let n = Double(units.filter { $0.history.records.last?.status == status }.count)
            value = (n, n, n, "exact count")
        case .countFlexJobStarts:
            let n = Double(units.filter { u in u.history.records.contains { $0.status == .flexJob } }.count)
            value = (n, n, n, "exact count")
        case .countFlexJobStartsBy(let creator):
            let n = Double(starts(units).filter { $0.createdBy == creator }.count)
            value = (n, n, n, "exact count of flex_job_start events")
        case .countFlexJobStartsWithSubsidy(let subsidy):
            let n = Double(starts(units).filter { $0.subsidy == subsidy }.count)
            value = (n, n, n, "exact count of flex_job_start events")
        case .shareStatusLastWeek(let status):
            value = share(units.map { $0.history.records.last?.status == status }, scale: scale)
        case .placedShare(let condition):
            let placed = units.filter { u in dataset.events[u.participant.id]?.contains { $0.kind == .flexJobStart } ?? false }
            value = share(placed.compactMap { baselineCondition(condition, $0.participant) }, scale: scale)
        case .countEndClassification(let c):
            let n = Double(units.filter { u in
                dataset.events[u.participant.id]?.contains { $0.detail == .endClassification(c) } ?? false }.count)
            value = (n, n, n, "exact count of end_classification events")
        case .shareStatusWeek(let status, let week):
            value = share(units.map { $0.history.record(week: week)?.status == status }, scale: scale)
        case .meanStatusMonths(let status):
            let months = units.compactMap { u -> Double? in
                let weeks = u.history.records.filter { $0.status == status }.count
                return weeks > 0 ? Double(weeks) / (52.0 / 12.0) : nil
            }
            value = mean(months)
        case .baselineMean(let column):
            value = mean(units.compactMap { $0.participant.value(of: column)?.number })
        case .baselineShare(let condition):
            value = share(units.compactMap { baselineCondition(condition, $0.participant) }, scale: scale)
        case .treatedMean(let window), .controlMean(let window):
            let arm: String
            if case .treatedMean = f.estimand { arm = plan.treatedArm } else { arm = plan.trial.controlArm }
            if let column = windowColumn(window, units: units) {
                value = mean(zip(units, column.values).filter { $0.0.arm == arm && $0.1.isFinite }.map { $0.1 * (column.outcome == .paidHours ? 1 : scale) })
            } else {
                note = "No outcome window '\(window)' in the analysis."
            }
        case .effect(let window), .relativeEffect(let window):
            if let h = cell(f.population)?.headline.first(where: { $0.id == window.description }) {
                if case .effect = f.estimand {
                    value = (h.effect * scale, h.confLow * scale, h.confHigh * scale, "CI of the ITT regression (\(h.method))")
                } else if h.controlMean != 0 {
                    value = (h.effect / h.controlMean * scale, h.confLow / h.controlMean * scale, h.confHigh / h.controlMean * scale,
                             "effect CI divided by the control mean")
                }
            } else {
                note = "No headline estimate '\(window)' in the results."
            }
        case .treatedShareCompanyRunByWeek(let week):
            let treated = units.filter { $0.arm == plan.treatedArm }
            value = share(treated.map { u in u.history.companyRunCompletedWeek(length: plan.trial.companyRunWeeks).map { $0 <= week } ?? false },
                          scale: scale)
        case .hazardRatio(let id):
            if let h = cell(f.population)?.hazards.first(where: { $0.id == id }) {
                value = (h.hazardRatio, h.confLow, h.confHigh, "CI of the Cox model (\(h.method))")
            } else {
                note = "No hazard ratio '\(id)' in the results."
            }
        case .maxSiteEffect(let window):
            if let sites = cell(f.population)?.siteEffects,
               window.description == "\(sites.outcome.rawValue)@\(sites.window.map { "\($0.firstWeek)-\($0.lastWeek)" } ?? "all")",
               let top = sites.sites.max(by: { $0.effect < $1.effect }) {
                value = (top.effect * scale, top.confLow * scale, top.confHigh * scale, "largest site effect (\(top.municipality)) with its CI")
            }
        case .monitoring:
            note = "A placement-unit figure: reproduced by the programme monitoring, not from a trial."
        }
        guard let v = value, v.estimate.isFinite else {
            return ReproducedFigure(id: f.id, description: f.description, published: f.value, unit: f.unit.rawValue, population: f.population,
                                    estimand: f.estimand.description, estimate: .nan, confLow: .nan, confHigh: .nan, within: false, interval: "",
                                    note: note ?? "Not computable on this data.")
        }
        let tolerance = 1e-9 * max(1, abs(f.value))
        return ReproducedFigure(id: f.id, description: f.description, published: f.value, unit: f.unit.rawValue, population: f.population,
                                estimand: f.estimand.description, estimate: v.estimate, confLow: v.low, confHigh: v.high,
                                within: f.value >= v.low - tolerance && f.value <= v.high + tolerance,
                                interval: v.interval, note: note)
    }

    // MARK: - Pieces

    private func role(_ arm: Estimand.ArmRole) -> String {
        switch arm {
        case .treated: return plan.treatedArm
        case .control: return plan.trial.controlArm
        case .named(let name): return name
        }
    }

    /// The flex jobs started by the units (their `flex_job_start` events' attributes).
    private func starts(_ units: [TrialDataset.Unit]) -> [FlexJobAttributes] {
        units.flatMap { u in (dataset.events[u.participant.id] ?? []).compactMap(\.job) }
    }

    private func population(_ p: String) -> [TrialDataset.Unit] {
        if p == "all" { return dataset.units }
        if BenefitType(rawValue: p) != nil { return dataset.units.filter { $0.participant.benefit.rawValue == p } }
        if plan.trial.arms.contains(where: { $0.name == p }) { return dataset.units.filter { $0.arm == p } }
        return dataset.units.filter { $0.participant.municipality == p }
    }

    private func cell(_ p: String) -> CellResults? {
        if p == "all" { return results.cells.first { $0.scope.level == .overall } }
        return results.cells.first { $0.scope.level == .benefit && $0.scope.benefit == p }
    }

    private func windowColumn(_ window: Estimand.OutcomeWindow, units: [TrialDataset.Unit]) -> OutcomeTable.Column? {
        OutcomeTable(units: units, plan: plan).windowColumns.first {
            $0.outcome.rawValue == window.outcome && $0.window.map { "\($0.firstWeek)-\($0.lastWeek)" } == "\(window.firstWeek)-\(window.lastWeek)"
        }
    }

    /// Whether a participant meets the condition; nil when the value is missing.
    private func baselineCondition(_ condition: Estimand.BaselineCondition, _ p: Participant) -> Bool? {
        switch condition {
        case .atLeast(let column, let bound):
            return p.value(of: column)?.number.map { $0 >= bound }
        case .equals(let column, let level):
            guard let v = p.value(of: column) else { return nil }
            if let x = v.number, let l = Double(level) { return x == l }
            return v.description == level
        }
    }

    private func mean(_ x: [Double]) -> (Double, Double, Double, String)? {
        let n = Double(x.count)
        guard n >= 2 else { return nil }
        let m = x.reduce(0, +) / n
        let s = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        let t = (try? StudentT(degreesOfFreedom: n - 1))?.quantile(1 - (1 - plan.level) / 2) ?? .nan
        return (m, m - t * s / n.squareRoot(), m + t * s / n.squareRoot(), "t interval")
    }

    private func share(_ x: [Bool], scale: Double) -> (Double, Double, Double, String)? {
        let n = Double(x.count)
        guard n > 0 else { return nil }
        let p = Double(x.filter { $0 }.count) / n
        let z = Normal.standard.quantile(1 - (1 - plan.level) / 2)
        let h = z * (p * (1 - p) / n).squareRoot()
        return (p * scale, (p - h) * scale, (p + h) * scale, "normal (Wald) interval")
    }
}
