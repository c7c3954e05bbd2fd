// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import ProgrammeMonitoring
import TrialModel

/// Case flow on the hand-made registration Tests/Fixtures/monitoring/cases.csv (14 offers in two
/// units). Counts are worked by hand below; the cumulative incidences and the trend statistic are
/// checked against reference.json, written by the independent script aalen_johansen_reference.py
/// beside the fixture (Python 3 standard library; R is not installed here).
final class CaseFlowTests: XCTestCase {
    private func register() throws -> CaseRegister {
        try CaseRegister.read(unitsPath: MonitoringFixture.path("units.csv"), casesPath: MonitoringFixture.path("cases.csv"))
    }

    func testReferralMix() throws {
        let flow = CaseFlow(try register().cases, scope: .overall)
        XCTAssertEqual(flow.caseCount, 14)
        XCTAssertEqual(flow.byBenefit[.cashBenefit], 8)
        XCTAssertEqual(flow.byBenefit[.sicknessBenefit], 3)
        XCTAssertEqual(flow.byBenefit[.flexJobWaitingBenefit], 2)
        XCTAssertEqual(flow.byBenefit[.wage], 1)
        XCTAssertEqual(flow.share(.cashBenefit), 8.0 / 14.0, accuracy: 1e-15)
        XCTAssertEqual(flow.bySource[.municipalReferral], 11)
        XCTAssertEqual(flow.bySource[.ownInitiative], 1)
        XCTAssertEqual(flow.bySource[.companyRequest], 1)
        XCTAssertEqual(flow.bySource[.afCountyReferral], 1)
    }

    func testProposedByArrangedTableAndSendBackRates() throws {
        let flow = CaseFlow(try register().cases, scope: .overall)
        // ordinary_work: 7 cases; decided c01 (ordinary), c02 (sent back), c03 (flex job), c11 (ordinary),
        // c12 (sent back); c04 open; c05 interrupted without a send-back.
        let ordinary = try XCTUnwrap(flow.row(.ordinaryWork))
        XCTAssertEqual([ordinary.cases, ordinary.decided, ordinary.open, ordinary.interruptedOtherwise], [7, 5, 1, 1])
        XCTAssertEqual(ordinary.rowShare(.ordinaryWork), 0.4, accuracy: 1e-15)
        XCTAssertEqual(ordinary.rowShare(.flexJob), 0.2, accuracy: 1e-15)
        XCTAssertEqual(ordinary.sendBackRate, 0.4, accuracy: 1e-15)
        let flex = try XCTUnwrap(flow.row(.flexJob))
        XCTAssertEqual(flex.asProposedRate, 2.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(flex.sendBackRate, 1.0 / 3.0, accuracy: 1e-15)
        let internship = try XCTUnwrap(flow.row(.companyInternship))
        XCTAssertEqual(internship.sendBackRate, 0.5, accuracy: 1e-15)
        XCTAssertEqual(flow.row(.unknown)?.rowShare(.companyInternship), 1)
        XCTAssertEqual(flow.row(.jobRetention)?.asProposedRate, 1)
        XCTAssertNil(flow.row(.shelteredJob))
        // Row percentages of every row add up to 100 %.
        for row in flow.rows where row.decided > 0 {
            XCTAssertEqual(Intervention.arrangeable.map(row.rowShare).reduce(0, +), 1, accuracy: 1e-12)
        }
        XCTAssertEqual(flow.sendBackRate, 4.0 / 12.0, accuracy: 1e-15)
    }

    func testScopesSplitTheRegister() throws {
        let r = try register()
        XCTAssertEqual(r.cases(in: .unit("u1")).count, 7)
        XCTAssertEqual(r.cases(in: .organisationForm(.oneMunicipalityAndAF)).count, 7)
        XCTAssertEqual(r.cases(in: .organisationForm(.noAuthorityAnchor)).count, 0)
        XCTAssertEqual(r.periods.map(\.description), ["2004H1", "2004H2", "2005H1"])
    }

    private struct Reference: Decodable {
        struct Point: Decodable { let time: Double; let at_risk: Double; let placed: Double; let sent_back: Double; let interrupted: Double }
        struct Trend: Decodable { let scores: [Double]; let events: [Int]; let totals: [Int]; let slope: Double; let chisq: Double }
        let latest: String
        let groups: [String: [Point]]
        let trend: Trend
    }

    private func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: MonitoringFixture.directory.appendingPathComponent("reference.json")))
    }

    func testTimeToPlacementAgainstTheIndependentReference() throws {
        let r = try register(), ref = try reference()
        XCTAssertEqual(r.latestDate?.description, ref.latest)
        let ttp = try TimeToPlacement(r.cases, extractDate: r.latestDate!)
        XCTAssertEqual(Set(ttp.groups.map(\.proposed.rawValue)), Set(ref.groups.keys))
        for g in ttp.groups {
            let expected = ref.groups[g.proposed.rawValue]!
            // The curve has a step at every exit or censoring time; compare at the reference's event times.
            for p in expected {
                let j = try XCTUnwrap(g.curve.times.firstIndex(of: p.time), "\(g.proposed) t=\(p.time)")
                XCTAssertEqual(g.curve.atRisk[j], p.at_risk)
                XCTAssertEqual(g.curve.cumulativeIncidence[0][j], p.placed, accuracy: 1e-12)
                XCTAssertEqual(g.curve.cumulativeIncidence[1][j], p.sent_back, accuracy: 1e-12)
                XCTAssertEqual(g.curve.cumulativeIncidence[2][j], p.interrupted, accuracy: 1e-12)
            }
        }
        // By hand, ordinary work: at 30 days 7 at risk, one placed, one sent back, one interrupted
        // (1/7 each); at 40, 1 of 4 placed (2/7); at 60, 1 of 3 placed and 1 sent back (3/7, 2/7).
        // Placement never reaches one half: no median.
        let ordinary = try XCTUnwrap(ttp.groups.first { $0.proposed == .ordinaryWork })
        XCTAssertEqual(ordinary.finalIncidence[0], 3.0 / 7.0, accuracy: 1e-15)
        XCTAssertEqual(ordinary.finalIncidence[1], 2.0 / 7.0, accuracy: 1e-15)
        XCTAssertNil(ordinary.medianDaysToPlacement)
        // Flex job: placed at 30 (1/3), 60 (2/3): the median is 60 days.
        XCTAssertEqual(ttp.groups.first { $0.proposed == .flexJob }?.medianDaysToPlacement, 60)
    }

    func testSendBackTrendAgainstTheIndependentReference() throws {
        let flow = CaseFlow(try register().cases, scope: .overall), ref = try reference()
        XCTAssertEqual(flow.periods.map(\.decided), ref.trend.totals)
        XCTAssertEqual(flow.periods.map(\.sentBack), ref.trend.events)
        let trend = try XCTUnwrap(flow.sendBackTrend)
        XCTAssertEqual(trend.slope, ref.trend.slope, accuracy: 1e-12)
        XCTAssertEqual(trend.chiSquare, ref.trend.chisq, accuracy: 1e-14)
        // By hand: T = 1/3, Σn(s − s̄)² = 23/3, p̄ = 1/3: χ² = (1/9) / ((2/9)(23/3)) = 3/46.
        XCTAssertEqual(trend.chiSquare, 3.0 / 46.0, accuracy: 1e-14)
        XCTAssertEqual(trend.pValue, 0.798, accuracy: 0.001)   // P(χ²₁ > 0.0652)
        XCTAssertNil(TrendTest(scores: [1, 2], events: [0, 0], totals: [3, 4]))
        XCTAssertNil(TrendTest(scores: [1, 2], events: [1, 1], totals: [3, 0]))
    }

    func testExpectedEndReading() throws {
        let r = try register()
        let byID = Dictionary(uniqueKeysWithValues: r.cases.map { ($0.id, $0) })
        XCTAssertEqual(byID["c01"]?.expectedEnd, .openEnded)
        XCTAssertEqual(byID["c03"]?.expectedEnd, .openEnded)                   // 10 years after: the guide's fictitious date
        XCTAssertEqual(byID["c06"]?.expectedEnd, .date(CalendarDate(iso: "2004-10-21")!))
        XCTAssertNil(byID["c02"]?.expectedEnd)
    }
}
