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
/// A Cox fit that did not converge, or whose log-likelihood converged before the treated
/// coefficient did (R: "Loglik converged before variable 1; beta may be infinite" — e.g. every
/// event in one arm, as for losing hours in a municipality where no treated spell ends), gives
/// no hazard estimate, only a `nonConvergence` note: its hazard ratio (≈ 0 or ∞) and above all
/// its robust p-value (which can be < 1e-100) mean nothing.
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

    func timeToFirstPaidHours() -> (curves: SurvivalCurveSet?, hazard: HazardEstimate?, notes: [AnalysisNote]) {
        let tte = units.map { $0.history.timeToFirstPaidHours() }
        guard tte.contains(where: \.event) else { return (nil, nil, []) }
        var notes = [AnalysisNote]()
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
        var hazard: HazardEstimate?
        if let data = try? SurvivalData(time: tte.map { Double($0.time) }, event: tte.map(\.event)),
           let cox = try? CoxModel(data: data, covariates: [treated], terms: ["treated"], strata: strata, ties: .efron) {
            if Self.isEstimable(cox) {
                hazard = estimate(cox, id: "time_to_paid_hours", outcome: .timeToPaidHours,
                                  method: "Cox proportional hazards, Efron ties" + (strata == nil ? "" : ", stratified by randomization stratum"))
            } else {
                notes.append(AnalysisNote(kind: .nonConvergence, subject: "time_to_paid_hours"))
            }
        }
        return (set, hazard, notes)
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

    /// The hazard of losing paid hours, or a `nonConvergence` note when it is not estimable.
    func losingPaidHours() -> (hazard: HazardEstimate?, notes: [AnalysisNote]) {
        var start = [Double](), stop = [Double](), event = [Bool](), x = [Double](), person = [Int32]()
        for (i, u) in units.enumerated() {
            for s in u.history.paidHoursSpells() {
                start.append(Double(s.start)); stop.append(Double(s.stop)); event.append(s.event)
                x.append(u.arm == plan.treatedArm ? 1 : 0); person.append(Int32(i))
            }
        }
        guard event.contains(true), Set(x).count == 2 else { return (nil, []) }
        // Re-code persons densely for the cluster grouping.
        var dense = [Int32: Int32]()
        let codes = person.map { p in dense[p] ?? { let c = Int32(dense.count); dense[p] = c; return c }() }
        let clusters = Grouping(codes: codes, labels: (0..<dense.count).map(String.init))
        guard let data = try? SurvivalData(start: start, stop: stop, event: event),
              let cox = try? CoxModel(data: data, covariates: [x], terms: ["treated"], ties: .efron, variance: .clustered(clusters))
        else { return (nil, []) }
        guard Self.isEstimable(cox) else { return (nil, [AnalysisNote(kind: .nonConvergence, subject: "losing_paid_hours")]) }
        return (estimate(cox, id: "losing_paid_hours", outcome: .losingPaidHours,
                         method: "Cox proportional hazards on spells of paid hours (start, stop], Efron ties, robust SE clustered by participant"), [])
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
        var notes = [AnalysisNote]()
        for (k, cause) in causes.enumerated() where outcome.contains(k + 1) {
            if let cox = try? CoxModel.causeSpecific(time: time, outcome: outcome, cause: k + 1, covariates: [x],
                                                     terms: ["treated"], strata: strataKept, ties: .efron) {
                guard Self.isEstimable(cox) else {
                    notes.append(AnalysisNote(kind: .nonConvergence, subject: "time_to_exit_\(cause.rawValue)"))
                    continue
                }
                var h = estimate(cox, id: "time_to_exit_\(cause.rawValue)", outcome: .timeToFlexJob,
                                 method: "cause-specific Cox proportional hazards (other exits censor), Efron ties")
                h.cause = cause.rawValue
                hazards.append(h)
            }
        }
        return (set, hazards, notes)
    }

    private func estimate(_ cox: CoxModel, id: String, outcome: OutcomeKind, method: String) -> HazardEstimate {
        let row = cox.summary(level: plan.level)[0]
        return HazardEstimate(id: id, outcome: outcome, hazardRatio: row.hazardRatio, confLow: row.confidenceLow,
                              confHigh: row.confidenceHigh, stdError: row.robustStandardError ?? row.standardError,
                              pValue: row.pValue, n: cox.observationCount, events: cox.eventCount, method: method,
                              converged: cox.converged)
    }
}
