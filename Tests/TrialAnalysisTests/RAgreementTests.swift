// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
import Foundation
@testable import TrialAnalysis

/// The trial analysis of the shipped synthetic trials agrees with R.
///
/// Reference: `Tests/Fixtures/analysis/r-agreement.R` rebuilds every outcome column, covariate
/// and survival time from the raw CSVs in R (not exported from Effekt) and fits
/// - `estimatr::lm_lin(y ~ treated, covariates = ~ …, se_type = "HC2")` (effect, SE, CI, df, p:
///   1e-8 relative) for every window outcome of the flexjob overall and municipality cells, five
///   weeks of the flexjob curves and the JobFirst cash-benefit cell;
/// - `coxph(..., ties = "efron")`: time to first paid hours stratified by randomization stratum,
///   and spells of paid hours `Surv(start, stop, event) ~ treated, cluster = id` (1e-7 relative);
/// - `survfit` Kaplan–Meier by arm at weeks 0…52 (survival and log CI 1e-10 absolute, n at risk
///   exact) and `survdiff`;
/// - `survfit` with a factor event (Aalen–Johansen) for flexjob's competing exits (estimate and SE
///   1e-10 absolute) and cause-specific Cox;
/// - site effects by `lm_lin` per municipality and `metafor::rma(method = "FE")$QE`;
/// - `p.adjust(…, "holm")` and `"BH"` within each family;
/// - which municipality Cox fits R flags "beta may be infinite" (Effekt then reports no hazard ratio).
/// R and package versions are in the JSON (`versions`).
final class RAgreementTests: XCTestCase {
    nonisolated(unsafe) static let reference: [String: Any] = {
        let url = ShippedTrial.packageRoot.appendingPathComponent("Tests/Fixtures/analysis/r-agreement.json")
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func trial(_ name: String) -> [String: Any] { reference[name] as! [String: Any] }

    /// `assertClose` against the R value `b` of the fixture JSON (a missing value fails).
    func close(_ a: Double, _ b: Any?, rel: Double, abs: Double = 0, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let b = (b as? NSNumber)?.doubleValue else { return XCTFail("\(what): no R value", file: file, line: line) }
        assertClose(a, b, relative: rel, absolute: abs, "\(what): Effekt vs R", file: file, line: line)
    }

    /// Compares every R `lm_lin` row of `rows` with the headline effect of the same id in `cell`.
    func compareEffects(_ rows: [[String: Any]], _ cell: CellResults, adjusted: Bool, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(rows.count, cell.headline.count, "\(cell.scope.key): number of window estimates", file: file, line: line)
        for r in rows {
            let id = r["id"] as! String
            guard let e = cell.headline.first(where: { $0.id == id }) else { XCTFail("\(cell.scope.key): no \(id)", file: file, line: line); continue }
            let what = "\(cell.scope.key) \(id)"
            close(e.effect, r["effect"], rel: 1e-8, abs: 1e-12, "\(what) effect", file: file, line: line)
            close(e.stdError, r["std_error"], rel: 1e-8, "\(what) SE", file: file, line: line)
            close(e.confLow, r["conf_low"], rel: 1e-8, abs: 1e-12, "\(what) CI low", file: file, line: line)
            close(e.confHigh, r["conf_high"], rel: 1e-8, abs: 1e-12, "\(what) CI high", file: file, line: line)
            close(e.df, r["df"], rel: 1e-8, "\(what) df", file: file, line: line)
            close(e.pValue, r["p_value"], rel: 1e-6, abs: 1e-12, "\(what) p", file: file, line: line)
            XCTAssertEqual(e.n, r["n"] as? Int, "\(what) n", file: file, line: line)
            if adjusted {
                close(e.holmPValue ?? .nan, r["holm"], rel: 1e-6, abs: 1e-12, "\(what) Holm", file: file, line: line)
                close(e.benjaminiHochbergPValue ?? .nan, r["bh"], rel: 1e-6, abs: 1e-12, "\(what) BH", file: file, line: line)
            }
        }
    }

    func compareCox(_ h: HazardEstimate?, _ r: Any?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let h, let r = r as? [String: Any] else { return XCTFail("\(what): missing", file: file, line: line) }
        close(h.hazardRatio, r["hazard_ratio"], rel: 1e-7, "\(what) HR", file: file, line: line)
        close(h.stdError, r["std_error"], rel: 1e-7, "\(what) SE", file: file, line: line)
        close(h.confLow, r["conf_low"], rel: 1e-7, "\(what) CI low", file: file, line: line)
        close(h.confHigh, r["conf_high"], rel: 1e-7, "\(what) CI high", file: file, line: line)
        close(h.pValue, r["p_value"], rel: 1e-5, abs: 1e-14, "\(what) p", file: file, line: line)
        XCTAssertEqual(h.n, r["n"] as? Int, "\(what) n", file: file, line: line)
        XCTAssertEqual(h.events, r["events"] as? Int, "\(what) events", file: file, line: line)
        XCTAssertTrue(h.converged, "\(what) converged", file: file, line: line)
    }

    // MARK: flexjob

    func testFlexJobWindowEffectsOverallAndPerMunicipality() throws {
        let results = try ShippedTrial.results("flexjob")
        let ref = Self.trial("flexjob")
        let overall = try XCTUnwrap(results.cell(.overall))
        compareEffects(ref["overall_effects"] as! [[String: Any]], overall, adjusted: true)
        let rows = ref["municipality_effects"] as! [[String: Any]]
        let municipalities = Set(rows.map { $0["cell"] as! String })
        XCTAssertEqual(municipalities.count, 4)
        for m in municipalities.sorted() {
            let cell = try XCTUnwrap(results.cell(.municipalityBenefit, municipality: m), m)
            // Holm/BH: the family is all municipality estimates of the benefit type, as in R.
            compareEffects(rows.filter { $0["cell"] as! String == m }, cell, adjusted: true)
        }
    }

    func testFlexJobWeeklyCurvesAgreeWithLmLin() throws {
        let overall = try XCTUnwrap(try ShippedTrial.results("flexjob").cell(.overall))
        for r in Self.trial("flexjob")["curve"] as! [[String: Any]] {
            let outcome = OutcomeKind(rawValue: r["outcome"] as! String)!, week = r["week"] as! Int
            let curve = try XCTUnwrap(overall.curves.first { $0.outcome == outcome })
            let p = try XCTUnwrap(curve.points.first { $0.week == week })
            close(p.effect, r["effect"], rel: 1e-8, abs: 1e-12, "\(outcome) week \(week) effect")
            close(p.confLow, r["conf_low"], rel: 1e-8, abs: 1e-12, "\(outcome) week \(week) CI low")
            close(p.confHigh, r["conf_high"], rel: 1e-8, abs: 1e-12, "\(outcome) week \(week) CI high")
        }
    }

    func testFlexJobCoxModelsAgreeWithCoxph() throws {
        let overall = try XCTUnwrap(try ShippedTrial.results("flexjob").cell(.overall))
        let ref = Self.trial("flexjob")
        compareCox(overall.hazards.first { $0.id == "time_to_paid_hours" }, ref["cox_first_paid_hours"], "time to first paid hours")
        compareCox(overall.hazards.first { $0.id == "losing_paid_hours" }, ref["cox_losing_hours"], "losing paid hours")
        for r in ref["cause_specific"] as! [[String: Any]] {
            let cause = r["cause"] as! String
            compareCox(overall.hazards.first { $0.id == "time_to_exit_\(cause)" }, r, "cause-specific \(cause)")
        }
    }

    /// Where R's coxph warns that the treated coefficient may be infinite (Kommune A: no treated
    /// spell of paid hours ends; Kommune B: no disability pension in one arm), Effekt reports the
    /// hazard as not estimable (infinite, or too few events under the reporting policy, which
    /// comes first); where R's coefficient is NA (Kommune B: no spell of paid hours ends), no
    /// hazard ratio either; a ratio Effekt does show is finite and converged.
    func testFlexJobMunicipalityHazardsAreOmittedWhereCoxphWarnsOfAnInfiniteCoefficient() throws {
        let results = try ShippedTrial.results("flexjob")
        let rows = Self.trial("flexjob")["municipality_cox"] as! [[String: Any]]
        XCTAssertEqual(rows.filter { $0["infinite"] as! Bool }.count, 2)
        for r in rows {
            let m = r["municipality"] as! String, id = r["id"] as! String, infinite = r["infinite"] as! Bool,
                none = r["no_estimate"] as! Bool
            let cell = try XCTUnwrap(results.cell(.municipalityBenefit, municipality: m))
            let hazard = cell.hazards.first { $0.id == id }
            let shown = hazard.map { $0.notEstimable == nil } ?? false
            if none || infinite { XCTAssertFalse(shown, "\(m) \(id): R has no finite estimate, Effekt HR \(hazard?.hazardRatio ?? .nan)") }
            if infinite, let reason = hazard?.notEstimable {
                XCTAssertTrue([.infiniteEstimate, .tooFewEvents, .noEvents].contains(reason), "\(m) \(id): \(reason)")
            }
            if let hazard, shown { XCTAssertTrue(hazard.converged && hazard.hazardRatio > 1e-3 && hazard.hazardRatio < 1e3, "\(m) \(id)") }
        }
    }

    func testFlexJobKaplanMeierAndLogRankAgreeWithSurvfit() throws {
        let overall = try XCTUnwrap(try ShippedTrial.results("flexjob").cell(.overall))
        let set = try XCTUnwrap(overall.survivalCurves.first)
        let ref = Self.trial("flexjob")
        let km = ref["km"] as! [[String: Any]]
        let arms = ["municipality", "other_actor"]
        for row in km {
            let arm = arms[row["treated"] as! Int], t = (row["time"] as! NSNumber).doubleValue
            let curve = try XCTUnwrap(set.arms.first { $0.arm == arm })
            let p = try XCTUnwrap(curve.points.first { $0.time == t }, "\(arm) week \(t)")
            close(p.survival, row["survival"], rel: 0, abs: 1e-10, "KM \(arm) week \(t)")
            close(p.confLow, row["conf_low"], rel: 0, abs: 1e-10, "KM \(arm) week \(t) low")
            close(p.confHigh, row["conf_high"], rel: 0, abs: 1e-10, "KM \(arm) week \(t) high")
            XCTAssertEqual(p.nRisk, row["n_risk"] as? Int, "KM \(arm) week \(t) at risk")
        }
        XCTAssertEqual(km.count, 2 * 53)
        let lr = ref["log_rank"] as! [String: Any]
        close(set.logRankStatistic, lr["statistic"], rel: 1e-8, "log-rank statistic")
        close(set.logRankPValue, lr["p_value"], rel: 1e-6, "log-rank p")
    }

    func testFlexJobCumulativeIncidenceAgreesWithSurvfit() throws {
        let overall = try XCTUnwrap(try ShippedTrial.results("flexjob").cell(.overall))
        let set = try XCTUnwrap(overall.cumulativeIncidence.first)
        let rows = Self.trial("flexjob")["cumulative_incidence"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 2 * 3 * 53)
        let arms = ["municipality", "other_actor"]
        for row in rows {
            let arm = arms[row["treated"] as! Int], cause = row["cause"] as! String, t = (row["time"] as! NSNumber).doubleValue
            let curve = try XCTUnwrap(set.arms.first { $0.arm == arm }?.causes.first { $0.cause == cause })
            let p = try XCTUnwrap(curve.points.first { $0.time == t })
            close(p.estimate, row["estimate"], rel: 0, abs: 1e-10, "CIF \(arm) \(cause) week \(t)")
            close(p.stdError, row["std_error"], rel: 0, abs: 1e-10, "CIF SE \(arm) \(cause) week \(t)")
        }
    }

    func testFlexJobSiteEffectsAndCochranQAgreeWithMetafor() throws {
        let overall = try XCTUnwrap(try ShippedTrial.results("flexjob").cell(.overall))
        compareSites(try XCTUnwrap(overall.siteEffects), Self.trial("flexjob")["sites"] as! [String: Any])
    }

    /// Subgroups of the flexjob overall cell on its primary estimand (flex job in week 35): each
    /// level's Lin effect against `lm_lin` (1e-8 relative; JSON carries 15 digits) and the
    /// interaction Wald test against `lm_robust(y ~ treated + level + treated:level + stratum,
    /// se_type = "HC2")` with `t(b) %*% solve(V, b)` on the interaction terms (1e-8 relative).
    func testFlexJobSubgroupsAndInteractionTestsAgreeWithR() throws {
        let overall = try XCTUnwrap(try ShippedTrial.results("flexjob").cell(.overall))
        let reference = Self.trial("flexjob")["subgroups"] as! [[String: Any]]
        XCTAssertFalse(reference.isEmpty)
        for variable in reference {
            let name = variable["variable"] as! String
            let mine = overall.subgroups.filter { $0.variable == name }
            let levels = variable["levels"] as! [[String: Any]]
            XCTAssertEqual(mine.map(\.level), levels.map { $0["level"] as! String }, name)
            for (m, r) in zip(mine, levels) {
                close(m.effect, r["effect"], rel: 1e-8, abs: 1e-12, "\(name)=\(m.level) effect")
                close(m.confLow, r["conf_low"], rel: 1e-8, abs: 1e-12, "\(name)=\(m.level) conf_low")
                close(m.confHigh, r["conf_high"], rel: 1e-8, abs: 1e-12, "\(name)=\(m.level) conf_high")
                close(m.pValue, r["p_value"], rel: 1e-6, "\(name)=\(m.level) p")
                close(m.interactionPValue, variable["interaction_p_value"], rel: 1e-8, "\(name) interaction p")
            }
        }
    }

    func compareSites(_ h: SiteHeterogeneity, _ ref: [String: Any], file: StaticString = #filePath, line: UInt = #line) {
        let id = "\(h.outcome.rawValue)@\(h.window.map { "\($0.firstWeek)-\($0.lastWeek)" } ?? "all")"
        XCTAssertEqual(id, ref["outcome"] as? String, file: file, line: line)
        let sites = ref["sites"] as! [[String: Any]]
        XCTAssertEqual(h.sites.map(\.municipality), sites.map { $0["municipality"] as! String }, file: file, line: line)
        for (s, r) in zip(h.sites, sites) {
            close(s.effect, r["effect"], rel: 1e-8, abs: 1e-12, "site \(s.municipality) effect", file: file, line: line)
            close(s.stdError, r["std_error"], rel: 1e-8, "site \(s.municipality) SE", file: file, line: line)
            close(s.confLow, r["conf_low"], rel: 1e-8, abs: 1e-12, "site \(s.municipality) CI low", file: file, line: line)
            close(s.confHigh, r["conf_high"], rel: 1e-8, abs: 1e-12, "site \(s.municipality) CI high", file: file, line: line)
            close(s.pValue, r["p_value"], rel: 1e-6, abs: 1e-12, "site \(s.municipality) p", file: file, line: line)
            close(s.holmPValue ?? .nan, r["holm"], rel: 1e-6, abs: 1e-12, "site \(s.municipality) Holm", file: file, line: line)
            close(s.benjaminiHochbergPValue ?? .nan, r["bh"], rel: 1e-6, abs: 1e-12, "site \(s.municipality) BH", file: file, line: line)
        }
        close(h.equalityStatistic, ref["q"], rel: 1e-8, "Cochran Q", file: file, line: line)
        XCTAssertEqual(h.equalityDegreesOfFreedom, ref["q_df"] as? Int, file: file, line: line)
        close(h.equalityPValue, ref["q_p_value"], rel: 1e-6, "Cochran Q p", file: file, line: line)
    }

    // MARK: jobfirst (one shared analysis run)

    func testJobFirstCashBenefitEffectsHazardsAndSitesAgreeWithR() throws {
        let results = try ShippedTrial.results("jobfirst")
        let ref = Self.trial("jobfirst")
        let kh = try XCTUnwrap(results.cell(.benefit, benefit: "cash_benefit"))
        compareEffects(ref["cash_benefit_effects"] as! [[String: Any]], kh, adjusted: true)
        compareCox(kh.hazards.first { $0.id == "time_to_paid_hours" }, ref["cash_benefit_cox_first_paid_hours"], "cash benefit: time to first paid hours")
        compareSites(try XCTUnwrap(kh.siteEffects), ref["cash_benefit_sites"] as! [String: Any])
        let overall = try XCTUnwrap(results.cell(.overall))
        compareCox(overall.hazards.first { $0.id == "time_to_paid_hours" }, ref["cox_first_paid_hours"], "time to first paid hours (30 strata)")
        compareCox(overall.hazards.first { $0.id == "losing_paid_hours" }, ref["cox_losing_hours"], "losing paid hours (clustered)")
    }
}
