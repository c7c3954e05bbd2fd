// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TestSupport
import TrialAnalysis
import TrialModel
import XCTest

/// The payment model's costs: milestones by hand, the shipped trial's payouts, totals and
/// incremental cost against an independent computation, and Fieller's interval bounded and
/// unbounded.
///
/// Reference: `Tests/Fixtures/costs/expected.json`, made by `independent_costs.py` beside it
/// (Python 3.11 standard library, written from docs/DATA-FORMATS.md without Effekt's code:
/// `python3 Tests/Fixtures/costs/independent_costs.py > Tests/Fixtures/costs/expected.json`).
/// Tolerance 1e-9 relative (both compute in binary64; sums in different orders).
final class PlacementCostsTests: XCTestCase {
    static let fixture = ShippedTrialData.packageRoot.appendingPathComponent("Tests/Fixtures/costs/expected.json")

    func expected() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as! [String: Any]
    }

    func close(_ a: Double, _ b: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b)), what, file: file, line: line)
    }

    func event(_ date: String, _ detail: PlacementEvent.Detail) -> PlacementEvent {
        PlacementEvent(participant: ParticipantID("x"), date: CalendarDate(iso: date)!, detail: detail)
    }

    func job(_ by: JobCreator) -> PlacementEvent.Detail {
        .flexJobStart(FlexJobAttributes(createdBy: by, sector: .private, sizeBand: .under10, subsidy: .half))
    }

    /// Hand-computed: enrolled Monday 2016-01-04, 52 weeks → follow-up ends before 2017-01-02.
    func testMilestonesByHand() {
        let enrolled = CalendarDate(iso: "2016-01-04")!
        func reached(_ events: [PlacementEvent]) -> [PaymentMilestone] {
            PlacementCosts.milestones(events, enrolledOn: enrolled, followUpWeeks: 52)
        }
        // Jan 31 + 2 months = Mar 31 (2016): an end on Mar 30 misses the 2-month bonus, on Mar 31 reaches it.
        XCTAssertEqual(reached([event("2016-01-04", .referral), event("2016-01-20", .workTrialStart),
                                event("2016-01-31", job(.provider)), event("2016-03-30", .flexJobEnd)]),
                       [.referral, .firstInternshipOrWorkTrial])
        XCTAssertEqual(reached([event("2016-01-04", .referral), event("2016-01-31", job(.provider)), event("2016-03-31", .flexJobEnd)]),
                       [.referral, .flexJobTwoMonths])
        // Running at the end of follow-up: Sep 1 + 4 months = Jan 1 2017 < Jan 2 → both bonuses.
        XCTAssertEqual(reached([event("2016-02-01", .internshipStart), event("2016-09-01", job(.provider))]),
                       [.firstInternshipOrWorkTrial, .flexJobTwoMonths, .flexJobFourMonths])
        // Sep 3 + 4 months = Jan 3 2017: after follow-up ends.
        XCTAssertEqual(reached([event("2016-09-03", job(.provider))]), [.flexJobTwoMonths])
        // A job the municipality created earns the provider nothing; nor does a second, shorter job.
        XCTAssertEqual(reached([event("2016-01-04", .referral), event("2016-02-01", .sendBack(reason: "x")), event("2016-03-01", job(.municipality))]),
                       [.referral])
        // Not the same job: two 6-week jobs do not add up to 2 months.
        XCTAssertEqual(reached([event("2016-03-01", job(.provider)), event("2016-04-12", .flexJobEnd),
                                event("2016-05-01", job(.provider)), event("2016-06-12", .flexJobEnd)]), [])
        XCTAssertEqual(CalendarDate(iso: "2016-12-31")!.adding(months: 2), CalendarDate(iso: "2017-02-28"))
        XCTAssertEqual(CalendarDate(iso: "2015-12-31")!.adding(months: 2), CalendarDate(iso: "2016-02-29"))
    }

    /// Fieller's interval on two small data sets, against the independent computation; the
    /// bounded interval's ends solve the quadratic (an invariant, not a copy of the code).
    func testFiellerAgainstTheIndependentComputation() throws {
        let synthetic = try expected()["synthetic"] as! [String: [String: Any]]
        func rows(_ spec: [(Double, Bool, Int)]) -> [(cost: Double, placed: Bool)] { spec.flatMap { Array(repeating: (cost: $0.0, placed: $0.1), count: $0.2) } }
        let bounded = IncrementalCost(provider: rows([(40000, true, 12), (10000, false, 8)]), control: rows([(15000, true, 3), (18000, false, 17)]), level: 0.95)
        let unbounded = IncrementalCost(provider: rows([(40000, true, 5), (10000, false, 15)]), control: rows([(15000, true, 4), (18000, false, 16)]), level: 0.95)
        for (name, c) in [("bounded", bounded), ("unbounded", unbounded)] {
            let e = synthetic[name]!
            close(c.costDifference, e["cost_difference"] as! Double, "\(name) ΔC")
            close(c.effect, e["effect"] as! Double, "\(name) ΔE")
            close(c.costVariance, e["cost_variance"] as! Double, "\(name) var ΔC")
            close(c.effectVariance, e["effect_variance"] as! Double, "\(name) var ΔE")
            close(c.covariance, e["covariance"] as! Double, "\(name) cov")
        }
        let e = synthetic["bounded"]!["interval"] as! [String: Any]
        guard case let .bounded(low, high) = bounded.interval else { return XCTFail("\(bounded.interval)") }
        close(low, e["low"] as! Double, "low")
        close(high, e["high"] as! Double, "high")
        XCTAssertEqual(bounded.verdict, .extraCostPerAdditionalPlacement)
        close(bounded.ratio, 10450 / 0.45, "ratio by hand: (40000·12+10000·8)/20 − (15000·3+18000·17)/20 over 12/20 − 3/20")
        XCTAssertTrue(low < bounded.ratio && bounded.ratio < high)
        let z = 1.959963984540054
        for r in [low, high] {
            let lhs = pow(bounded.costDifference - r * bounded.effect, 2)
            let rhs = z * z * (bounded.costVariance - 2 * r * bounded.covariance + r * r * bounded.effectVariance)
            XCTAssertEqual(lhs, rhs, accuracy: 1e-6 * rhs)
        }
        // The effect's interval includes zero: unbounded (here every value).
        XCTAssertLessThan(abs(unbounded.effect) / unbounded.effectVariance.squareRoot(), z)
        XCTAssertEqual(unbounded.interval, .wholeLine)
        XCTAssertEqual(synthetic["unbounded"]!["interval"] as! [String: String], ["kind": "whole_line"])
        // Two rays: an insignificant effect with a clearly positive cost difference.
        guard case .twoRays = FiellerInterval.compute(costDifference: 5000, effect: 0.05, costVariance: 1e5, effectVariance: 0.01,
                                                      covariance: 0, level: 0.95) else { return XCTFail() }
    }

    /// The shipped flex-job trial: payouts by milestone, totals, placements and the incremental
    /// cost per group, against the independent computation; overall the provider is dominated.
    func testShippedFlexJobCostsAgainstTheIndependentComputation() throws {
        let costs = try XCTUnwrap(PlacementCosts(dataset: try ShippedTrialData.dataset("flexjob"), level: 0.95))
        let groups = try expected()["flexjob"] as! [[String: Any]]
        XCTAssertEqual(costs.groups.count, groups.count)
        for g in costs.groups {
            let e = try XCTUnwrap(groups.first { ($0["scope"] as? String) == g.municipality })
            let name = g.municipality ?? "all"
            for arm in [g.provider, g.control] {
                let ea = e[arm.arm] as! [String: Any]
                XCTAssertEqual(arm.citizens, ea["citizens"] as? Int, name)
                XCTAssertEqual(arm.placed, ea["placed"] as? Int, name)
                close(arm.totalCost, (ea["total_cost"] as! NSNumber).doubleValue, "\(name) \(arm.arm) total")
                let payouts = ea["payouts"] as! [String: Int]
                for p in arm.payouts { XCTAssertEqual(p.count, payouts[p.milestone.rawValue], "\(name) \(p.milestone)") }
            }
            // The provider's total is the sum of its payouts; cost per flex job is total / placed.
            close(g.provider.totalCost, g.provider.payouts.map(\.amount).reduce(0, +), "\(name) payouts add up")
            if let per = g.provider.costPerFlexJob { close(per * Double(g.provider.placed), g.provider.totalCost, name) }
            let inc = try XCTUnwrap(g.incremental), ei = e["incremental"] as! [String: Any]
            close(inc.costDifference, ei["cost_difference"] as! Double, "\(name) ΔC")
            close(inc.effect, ei["effect"] as! Double, "\(name) ΔE")
            close(inc.costVariance, ei["cost_variance"] as! Double, "\(name) var ΔC")
            close(inc.covariance, ei["covariance"] as! Double, "\(name) cov")
            let interval = ei["interval"] as! [String: Any]
            switch inc.interval {
            case let .bounded(low, high), let .twoRays(low, high):
                XCTAssertEqual(interval["kind"] as? String, inc.interval == .bounded(low: low, high: high) ? "bounded" : "two_rays", name)
                close(low, interval["low"] as! Double, "\(name) low")
                close(high, interval["high"] as! Double, "\(name) high")
            case .wholeLine:
                XCTAssertEqual(interval["kind"] as? String, "whole_line", name)
            }
        }
        let all = costs.groups[0]
        XCTAssertNil(all.municipality)
        XCTAssertEqual(all.provider.payouts.map(\.milestone), PaymentMilestone.allCases)
        XCTAssertEqual(all.provider.payouts[0].count, 120, "every other-actor citizen is referred")
        XCTAssertEqual(all.provider.placed, 31)
        XCTAssertEqual(all.control.placed, 35)
        XCTAssertEqual(all.incremental?.verdict, .dominated, "the provider costs more and places fewer")
    }
}
