// SPDX-License-Identifier: GPL-3.0-or-later
import SurvivalAnalysis
import TrialModel

/// "How fast" and "how durable": Kaplan–Meier curves, log-rank tests and Cox hazard ratios of
/// the treated arm, and cumulative incidence with competing exits.
///
/// - Time to first paid hours (`ParticipantHistory.timeToFirstPaidHours`): Kaplan–Meier by arm
///   with log-rank; Cox (Efron ties) with strata as separate baselines.
/// - Losing paid hours: every spell of paid hours in (start, stop] form
///   (`ParticipantHistory.paidHoursSpells`); Cox (Efron) on the treated indicator with a robust
///   variance clustered by participant (`coxph(Surv(start, stop, event) ~ treated + cluster(id))`).
///   Spells exist only for participants who found hours, so this compares those groups, not the
///   randomized arms: a descriptive hazard, as the published 23 % is.
/// - Competing exits (trials with `outcomes.competing_exits`): Aalen–Johansen cumulative
///   incidence by arm, and cause-specific Cox per exit (other exits censor).
///
/// Small-cell policy: a hazard ratio is estimated only when each arm has at least
/// `min_events_per_arm` events (`[reporting]`, default 10). A Cox fit that did not converge, or
/// whose log-likelihood converged before the treated coefficient did (R: "Loglik converged before
/// variable 1; beta may be infinite" — e.g. every event in one arm), is not estimable either:
/// its hazard ratio (≈ 0 or ∞) and above all its robust p-value (which can be < 1e-100) mean
/// nothing. Such a hazard is kept, with NaN numbers and the `NotEstimableReason`.
struct HazardAnalysis {
    let units: [TrialDataset.Unit]
    let plan: AnalysisPlan

    private var treated: [Double] { units.map { $0.arm == plan.treatedArm ? 1 : 0 } }
    private var armGrouping: Grouping {
        let names = [plan.trial.controlArm, plan.treatedArm]
        return Grouping(codes: units.map { $0.arm == plan.treatedArm ? 1 : 0 }, labels: names)
    }
    private var strata: Grouping? {
        let g = Grouping(units.map { $0.stratum.label })
        return g.count > 1 ? g : nil
    }
    private var weeks: [Double] { (0...plan.trial.followUpWeeks).map(Double.init) }

    var policy: ReportingPolicy { plan.trial.reporting }

    /// Events per compared arm (control first) for event indicators aligned with `isTreated`.
    private func eventsByArm(_ event: [Bool], isTreated: [Bool]) -> [ArmCount] {
        var counts = (control: 0, treated: 0)
        for (e, t) in zip(event, isTreated) where e { if t { counts.treated += 1 } else { counts.control += 1 } }
        return [ArmCount(arm: plan.trial.controlArm, count: counts.control), ArmCount(arm: plan.treatedArm, count: counts.treated)]
    }

    func timeToFirstPaidHours() -> (curves: SurvivalCurveSet?, hazard: HazardEstimate?, notes: [AnalysisNote]) {
        let tte = units.map { $0.history.timeToFirstPaidHours() }
        guard tte.contains(where: \.event) else { return (nil, nil, []) }
        let isTreated = units.map { $0.arm == plan.treatedArm }
        var set: SurvivalCurveSet?
        if let data = try? SurvivalData(time: tte.map { Double($0.time) }, event: tte.map(\.event)),
           let km = try? KaplanMeier(data: data, groups: armGrouping, level: plan.level) {
            let points = km.at(weeks)
            let lr = try? LogRankTest(data: data, groups: armGrouping)
            set = SurvivalCurveSet(outcome: .timeToPaidHours, arms: km.curves.indices.map { g in
                let c = km.curves[g]
                let events = Self.counts(on: weeks, times: c.times, counts: c.events)
                let censored = Self.counts(on: weeks, times: c.times, counts: c.censored)
                return SurvivalCurve(arm: c.label, n: c.observationCount, events: Int(c.eventCount),
                                     median: c.median.isFinite ? c.median : nil,
                                     points: points[g].enumerated().map { k, p in
                                         SurvivalPoint(time: p.time, survival: p.survival, confLow: p.lower, confHigh: p.upper,
                                                       nRisk: Int(p.atRisk), events: events[k], censored: censored[k])
                                     })
            }, logRankStatistic: lr?.statistic ?? .nan, logRankPValue: lr?.pValue ?? .nan)
        }
        let byArm = eventsByArm(tte.map(\.event), isTreated: isTreated)
        let model: HazardModel = strata == nil ? .cox : .coxStratified
        let hazard = fit(id: "time_to_paid_hours", outcome: .timeToPaidHours, model: model, n: units.count,
                         persons: units.count, eventsByArm: byArm) {
            let data = try SurvivalData(time: tte.map { Double($0.time) }, event: tte.map(\.event))
            return try CoxModel(data: data, covariates: [treated], terms: ["treated"], strata: strata, ties: .efron)
        }
        return (set, hazard, [])
    }

    /// `counts` (one per entry of `times`) summed per interval of `grid` (ascending):
    /// entry k sums the times in (grid[k−1], grid[k]], entry 0 those ≤ grid[0]. Times past the
    /// last grid value are not counted.
    static func counts(on grid: [Double], times: [Double], counts: [Double]) -> [Int] {
        var out = [Int](repeating: 0, count: grid.count)
        for (t, c) in zip(times, counts) {
            // First grid value ≥ t.
            var lo = 0, hi = grid.count
            while lo < hi { let mid = (lo + hi) / 2; if grid[mid] < t { lo = mid + 1 } else { hi = mid } }
            if lo < grid.count { out[lo] += Int(c.rounded()) }
        }
        return out
    }

    /// Whether a Cox fit converged to a finite treated coefficient (no "may be infinite" warning).
    static func isEstimable(_ cox: CoxModel) -> Bool {
        cox.converged && cox.warnings.isEmpty && cox.coefficients.allSatisfy(\.isFinite)
    }

    /// The hazard of losing paid hours (not estimable with its reason when it cannot be shown).
    func losingPaidHours() -> (hazard: HazardEstimate?, notes: [AnalysisNote]) {
        var start = [Double](), stop = [Double](), event = [Bool](), x = [Double](), person = [Int32]()
        for (i, u) in units.enumerated() {
            for s in u.history.paidHoursSpells() {
                start.append(Double(s.start)); stop.append(Double(s.stop)); event.append(s.event)
                x.append(u.arm == plan.treatedArm ? 1 : 0); person.append(Int32(i))
            }
        }
        guard event.contains(true) else { return (nil, []) }
        // Re-code persons densely for the cluster grouping.
        var dense = [Int32: Int32]()
        let codes = person.map { p in dense[p] ?? { let c = Int32(dense.count); dense[p] = c; return c }() }
        let clusters = Grouping(codes: codes, labels: (0..<dense.count).map(String.init))
        let byArm = eventsByArm(event, isTreated: x.map { $0 == 1 })
        let hazard = fit(id: "losing_paid_hours", outcome: .losingPaidHours, model: .coxSpellsClustered, n: event.count,
                         persons: dense.count, eventsByArm: byArm) {
            let data = try SurvivalData(start: start, stop: stop, event: event)
            return try CoxModel(data: data, covariates: [x], terms: ["treated"], ties: .efron, variance: .clustered(clusters))
        }
        return (hazard, [])
    }

    func competingExits() -> (incidence: CumulativeIncidenceSet?, hazards: [HazardEstimate], notes: [AnalysisNote]) {
        let causes = plan.trial.competingExits
        guard !causes.isEmpty else { return (nil, [], []) }
        let exits = units.map { $0.history.timeToExit(among: causes) }
        let keep = exits.indices.filter { exits[$0].time > 0 }
        let time = keep.map { Double(exits[$0].time) }
        let outcome = keep.map { i in exits[i].cause.map { c in causes.firstIndex(of: c)! + 1 } ?? 0 }
        let groups = Grouping(codes: keep.map { units[$0].arm == plan.treatedArm ? 1 : 0 }, labels: [plan.trial.controlArm, plan.treatedArm])
        var set: CumulativeIncidenceSet?
        if let aj = try? AalenJohansen(time: time, outcome: outcome, outcomeLabels: causes.map(\.rawValue), groups: groups) {
            let at = aj.at(weeks)
            set = CumulativeIncidenceSet(outcome: .timeToFlexJob, arms: aj.curves.indices.map { g in
                CumulativeIncidenceArm(arm: aj.curves[g].label, causes: causes.indices.map { k in
                    let exitTimes = time.indices.filter { Int(groups.codes[$0]) == g && outcome[$0] == k + 1 }.map { time[$0] }
                    let events = Self.counts(on: weeks, times: exitTimes, counts: exitTimes.map { _ in 1 })
                    return CumulativeIncidenceCurve(cause: causes[k].rawValue, points: at[g][k].enumerated().map { j, p in
                        IncidencePoint(time: p.time, estimate: p.estimate, stdError: p.standardError, events: events[j])
                    })
                })
            })
        }
        let x = keep.map { units[$0].arm == plan.treatedArm ? 1.0 : 0 }
        let strataKept: Grouping? = {
            let g = Grouping(keep.map { units[$0].stratum.label })
            return g.count > 1 ? g : nil
        }()
        var hazards = [HazardEstimate]()
        for (k, cause) in causes.enumerated() where outcome.contains(k + 1) {
            let byArm = eventsByArm(outcome.map { $0 == k + 1 }, isTreated: x.map { $0 == 1 })
            hazards.append(fit(id: "time_to_exit_\(cause.rawValue)", outcome: .timeToFlexJob,
                               model: strataKept == nil ? .causeSpecificCox : .causeSpecificCoxStratified,
                               n: time.count, persons: time.count, eventsByArm: byArm, cause: cause.rawValue) {
                try CoxModel.causeSpecific(time: time, outcome: outcome, cause: k + 1, covariates: [x],
                                           terms: ["treated"], strata: strataKept, ties: .efron)
            })
        }
        return (set, hazards, [])
    }

    /// One hazard ratio under the reporting policy: not estimable (with the reason, numbers NaN)
    /// when an arm has fewer than `min_events_per_arm` events, when the model refuses the data,
    /// does not converge, or its coefficient diverges; otherwise the fitted ratio.
    private func fit(id: String, outcome: OutcomeKind, model: HazardModel, n: Int, persons: Int,
                     eventsByArm: [ArmCount], cause: String? = nil, _ make: () throws -> CoxModel) -> HazardEstimate {
        let events = eventsByArm.reduce(0) { $0 + $1.count }
        func notEstimable(_ reason: NotEstimableReason, converged: Bool) -> HazardEstimate {
            HazardEstimate(id: id, outcome: outcome, cause: cause, hazardRatio: .nan, confLow: .nan, confHigh: .nan,
                           stdError: .nan, pValue: .nan, n: n, persons: persons, events: events, eventsByArm: eventsByArm,
                           method: model, converged: converged, notEstimable: reason)
        }
        if (eventsByArm.map(\.count).min() ?? 0) < policy.minEventsPerArm {
            return notEstimable(events == 0 ? .noEvents : .tooFewEvents, converged: false)
        }
        let cox: CoxModel
        do { cox = try make() } catch { return notEstimable(.degenerateData, converged: false) }
        guard cox.converged else { return notEstimable(.nonConvergence, converged: false) }
        guard Self.isEstimable(cox) else { return notEstimable(.infiniteEstimate, converged: true) }
        let row = cox.summary(level: plan.level)[0]
        let se = row.robustStandardError ?? row.standardError
        guard se.isFinite, se > 0, row.confidenceLow.isFinite, row.confidenceHigh.isFinite else {
            return notEstimable(.undefinedStandardError, converged: true)
        }
        return HazardEstimate(id: id, outcome: outcome, cause: cause, hazardRatio: row.hazardRatio, confLow: row.confidenceLow,
                              confHigh: row.confidenceHigh, stdError: se, pValue: row.pValue, n: n, persons: persons,
                              events: events, eventsByArm: eventsByArm, method: model, converged: cox.converged)
    }
}
