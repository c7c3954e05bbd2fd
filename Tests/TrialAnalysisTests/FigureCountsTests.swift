// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel
import XCTest
@testable import TrialAnalysis

/// The counts the figures rest on: events and censorings per curve point (summed per week from
/// the Kaplan–Meier fit and the exits), and the CONSORT intention-to-treat counts.
final class FigureCountsTests: XCTestCase {
    func testCountsAreSummedPerIntervalOfTheGrid() {
        // Grid 0, 1, 2, 3: 0.5 and 1 fall in (0, 1]; 2.5 and 3 in (2, 3]; 4 is past the grid.
        XCTAssertEqual(HazardAnalysis.counts(on: [0, 1, 2, 3], times: [0.5, 1, 2.5, 3, 4], counts: [1, 2, 3, 4, 5]), [0, 3, 0, 7])
        XCTAssertEqual(HazardAnalysis.counts(on: [2, 4], times: [0, 2, 3], counts: [1, 1, 1]), [2, 1])
        XCTAssertEqual(HazardAnalysis.counts(on: [0, 1], times: [], counts: []), [0, 0])
    }

    func testKaplanMeierPointsAccountForEveryParticipant() throws {
        for trial in ["flexjob", "jobfirst"] {
            let results = try ShippedTrial.results(trial)
            for cell in results.cells {
                for arm in cell.survivalCurves.flatMap(\.arms) {
                    let events = arm.points.map(\.events).reduce(0, +), censored = arm.points.map(\.censored).reduce(0, +)
                    XCTAssertEqual(events, arm.events, "\(trial) \(cell.scope.key) \(arm.arm) events")
                    XCTAssertEqual(events + censored, arm.n, "\(trial) \(cell.scope.key) \(arm.arm) events + censored")
                    // Who is at risk at week k + 1 is who was at week k less those who left at k.
                    for (p, next) in zip(arm.points, arm.points.dropFirst()) where next.nRisk > 0 {
                        XCTAssertEqual(next.nRisk, p.nRisk - p.events - p.censored, "\(trial) \(cell.scope.key) \(arm.arm) week \(p.time)")
                    }
                }
            }
        }
    }

    func testIncidenceEventsAddUpToTheCauseSpecificModels() throws {
        let overall = try XCTUnwrap(try ShippedTrial.results("flexjob").cell(.overall))
        let set = try XCTUnwrap(overall.cumulativeIncidence.first)
        var checked = 0
        for hazard in overall.hazards {
            guard let cause = hazard.cause else { continue }
            let events = set.arms.flatMap { $0.causes.filter { $0.cause == cause } }.flatMap(\.points).map(\.events).reduce(0, +)
            XCTAssertEqual(events, hazard.events, cause)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }

    func testEveryRandomizedParticipantOfTheComparedArmsIsAnalysed() throws {
        for trial in ["flexjob", "jobfirst"] {
            let results = try ShippedTrial.results(trial)
            for cell in results.cells {
                let flow = cell.consort
                XCTAssertEqual(flow.analysed.map(\.arm), [results.trial.controlArm, results.trial.treatedArm].sorted {
                    results.trial.arms.firstIndex(of: $0)! < results.trial.arms.firstIndex(of: $1)!
                }, "\(trial) \(cell.scope.key)")
                for count in flow.analysed {
                    XCTAssertEqual(count.count, flow.randomized.first { $0.arm == count.arm }?.count, "\(trial) \(cell.scope.key)")
                }
            }
        }
    }

    func testResultsWithoutAnalysedCountsStillDecode() throws {
        let json = #"{"enrolled": 10, "randomized": [{"arm": "control", "count": 10}], "followed_up": [], "lost": []}"#
        let flow = try JSONWriter.decode(ConsortFlow.self, from: Data(json.utf8))
        XCTAssertEqual(flow, ConsortFlow(enrolled: 10, randomized: [ArmCount(arm: "control", count: 10)], followedUp: [], lost: []))
        let written = ConsortFlow(enrolled: 4, randomized: [], followedUp: [], lost: [], analysed: [ArmCount(arm: "control", count: 4)])
        let text = try JSONWriter.text(written)
        XCTAssertTrue(text.contains("\"analysed\""), text)
        XCTAssertEqual(try JSONWriter.decode(ConsortFlow.self, from: Data(text.utf8)), written)
    }
}
