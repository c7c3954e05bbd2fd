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
        let parts = f.estimand.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts[0], argument = parts.count > 1 ? parts[1] : ""
        let scale = f.unit.isPercentage ? 100.0 : 1.0
        let units = population(f.population)
        var value: (estimate: Double, low: Double, high: Double, interval: String)?
        var note: String?
        switch name {
        case "count_randomized":
            let n = Double(units.filter { argument.isEmpty || $0.arm == role(argument) }.count)
            value = (n, n, n, "exact count")
        case "count_randomized_per_arm_stratum":
            var counts = [String: Int]()
            for u in units { counts["\(u.stratum.label)#\(u.arm)", default: 0] += 1 }
            let c = counts.values.map(Double.init)
            if !c.isEmpty { value = (c.reduce(0, +) / Double(c.count), c.min()!, c.max()!, "mean, [min, max] over strata and arms") }
        case "count_municipalities":
            let n = Double(Set(units.map(\.participant.municipality)).count)
            value = (n, n, n, "exact count")
        case "count_status_last_week":
            let n = Double(units.filter { $0.history.records.last?.status.rawValue == argument }.count)
            value = (n, n, n, "exact count")
        case "count_flex_job_starts":
            let n = Double(units.filter { u in u.history.records.contains { $0.status == .flexJob } }.count)
            value = (n, n, n, "exact count")
        case "share_status_week":
            let (status, week) = split(argument, "@")
            let w = Int(week) ?? 0
            value = share(units.map { $0.history.record(week: w)?.status.rawValue == status }, scale: scale)
        case "mean_status_months":
            let months = units.compactMap { u -> Double? in
                let weeks = u.history.records.filter { $0.status.rawValue == argument }.count
                return weeks > 0 ? Double(weeks) / (52.0 / 12.0) : nil
            }
            value = mean(months)
        case "baseline_mean":
            value = mean(units.compactMap { $0.participant.value(of: argument)?.number })
        case "baseline_share":
            value = share(units.compactMap { baselineCondition(argument, $0.participant) }, scale: scale)
        case "treated_mean", "control_mean":
            let arm = name == "treated_mean" ? plan.treatedArm : plan.trial.controlArm
            if let column = windowColumn(argument, units: units) {
                value = mean(zip(units, column.values).filter { $0.0.arm == arm && $0.1.isFinite }.map { $0.1 * (column.outcome == .paidHours ? 1 : scale) })
            }
        case "effect", "relative_effect":
            if let h = cell(f.population)?.headline.first(where: { $0.id == headlineID(argument) }) {
                if name == "effect" {
                    value = (h.effect * scale, h.confLow * scale, h.confHigh * scale, "CI of the ITT regression (\(h.method))")
                } else if h.controlMean != 0 {
                    value = (h.effect / h.controlMean * scale, h.confLow / h.controlMean * scale, h.confHigh / h.controlMean * scale,
                             "effect CI divided by the control mean")
                }
            }
        case "treated_share_company_run_by_week":
            let w = Int(argument) ?? 0
            let treated = units.filter { $0.arm == plan.treatedArm }
            value = share(treated.map { u in u.history.companyRunCompletedWeek(length: plan.trial.companyRunWeeks).map { $0 <= w } ?? false },
                          scale: scale)
        case "hazard_ratio":
            if let h = cell(f.population)?.hazards.first(where: { $0.id == argument }) {
                value = (h.hazardRatio, h.confLow, h.confHigh, "CI of the Cox model (\(h.method))")
            }
        case "max_site_effect":
            if let sites = cell(f.population)?.siteEffects, headlineID(argument) == "\(sites.outcome.rawValue)@\(sites.window.map { "\($0.firstWeek)-\($0.lastWeek)" } ?? "all")",
               let top = sites.sites.max(by: { $0.effect < $1.effect }) {
                value = (top.effect * scale, top.confLow * scale, top.confHigh * scale, "largest site effect (\(top.municipality)) with its CI")
            }
        default:
            note = "Unknown estimand '\(f.estimand)'."
        }
        guard let v = value, v.estimate.isFinite else {
            return ReproducedFigure(id: f.id, description: f.description, published: f.value, unit: f.unit.rawValue, population: f.population,
                                    estimand: f.estimand, estimate: .nan, confLow: .nan, confHigh: .nan, within: false, interval: "",
                                    note: note ?? "Not computable on this data.")
        }
        let tolerance = 1e-9 * max(1, abs(f.value))
        return ReproducedFigure(id: f.id, description: f.description, published: f.value, unit: f.unit.rawValue, population: f.population,
                                estimand: f.estimand, estimate: v.estimate, confLow: v.low, confHigh: v.high,
                                within: f.value >= v.low - tolerance && f.value <= v.high + tolerance,
                                interval: v.interval, note: note)
    }

    // MARK: - Pieces

    private func role(_ argument: String) -> String {
        argument == "treated" ? plan.treatedArm : argument == "control" ? plan.trial.controlArm : argument
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

    private func split(_ s: String, _ separator: Character) -> (String, String) {
        let parts = s.split(separator: separator, maxSplits: 1).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }

    /// `any_paid_hours@66-78` → the headline id (same text).
    private func headlineID(_ argument: String) -> String { argument }

    private func windowColumn(_ argument: String, units: [TrialDataset.Unit]) -> OutcomeTable.Column? {
        let (outcome, window) = split(argument, "@")
        return OutcomeTable(units: units, plan: plan).windowColumns.first {
            $0.outcome.rawValue == outcome && $0.window.map { "\($0.firstWeek)-\($0.lastWeek)" } == window
        }
    }

    /// `female=1`, `origin=non_western`, `waited_weeks>=78`: nil when the value is missing.
    private func baselineCondition(_ condition: String, _ p: Participant) -> Bool? {
        if let r = condition.range(of: ">=") {
            let column = String(condition[..<r.lowerBound]), bound = Double(condition[r.upperBound...]) ?? .nan
            return p.value(of: column)?.number.map { $0 >= bound }
        }
        let (column, level) = split(condition, "=")
        guard let v = p.value(of: column) else { return nil }
        if let x = v.number, let l = Double(level) { return x == l }
        return v.description == level
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
