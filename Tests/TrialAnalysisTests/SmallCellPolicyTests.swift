// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialAnalysis
import TrialModel
import XCTest

/// The `[reporting]` small-cell policy on the shipped JobFirst trial with the default policy:
/// fallback estimator in small cells, not-estimable values with reasons, bounded share
/// intervals, and a strict results JSON.
final class SmallCellPolicyTests: XCTestCase {
    static let results: AnalysisResults = {
        let d = try! ShippedTrial.dataset("jobfirst")
        let plan = AnalysisPlan(trial: d.trial, permutations: 0)
        return try! TrialEvaluation(dataset: d, plan: plan, provenance: Provenance(dataHashes: [:], seed: 1, effektVersion: "test",
                                                                              command: "test")).results()
    }()

    /// Ringsted, resource programme (35 people, 5 adjustment parameters): fewer than 10 × 5 per arm,
    /// so the cell reports the unadjusted difference in means, which equals the arm means' difference.
    func testA35PersonCellReportsTheFallbackEstimatorAndTheUnadjustedDifference() throws {
        let cell = try XCTUnwrap(Self.results.cell(.municipalityBenefit, benefit: "resource_programme", municipality: "Ringsted"))
        XCTAssertEqual(cell.consort.randomized.map(\.count).reduce(0, +), 35)
        for e in cell.headline {
            XCTAssertEqual(e.method.estimator, .differenceInMeans, e.id)
            XCTAssertEqual(e.method.fallback, .tooFewPerParameter, e.id)
            XCTAssertLessThan(min(e.controlN, e.treatedN), Self.results.methods.policy.minPerArmPerParameter * e.method.adjustmentParameters)
            guard e.notEstimable == nil else { continue }
            let u = try XCTUnwrap(e.unadjusted, e.id)
            XCTAssertEqual(e.effect, e.treatedMean - e.controlMean, accuracy: 1e-12, e.id)
            XCTAssertEqual(u.effect, e.effect, accuracy: 1e-12, e.id)
        }
        XCTAssertTrue(cell.notes.contains { $0.kind == .fallbackEstimator })
        // The whole trial has enough people per parameter for Lin's adjustment.
        let overall = try XCTUnwrap(Self.results.cell(.overall))
        XCTAssertTrue(overall.headline.allSatisfy { $0.method.estimator == .lin && $0.method.fallback == nil })
    }

    /// Every estimate is either finite with a finite interval, or not estimable with all numbers NaN;
    /// a share's interval stays within [−1, 1]; every hazard ratio rests on ≥ 10 events per arm.
    func testEstimatesAreFiniteOrNotEstimableAndShareIntervalsAreBounded() {
        let policy = Self.results.methods.policy
        for cell in Self.results.cells {
            for e in cell.headline {
                if e.notEstimable == nil {
                    XCTAssertTrue([e.effect, e.stdError, e.confLow, e.confHigh, e.pValue].allSatisfy(\.isFinite), "\(cell.scope.key) \(e.id)")
                    if e.outcome.isShare { XCTAssertTrue(e.confLow >= -1 && e.confHigh <= 1, "\(cell.scope.key) \(e.id)") }
                } else {
                    XCTAssertTrue([e.effect, e.confLow, e.confHigh, e.pValue].allSatisfy(\.isNaN), "\(cell.scope.key) \(e.id)")
                }
            }
            for point in cell.curves.filter({ $0.outcome.isShare }).flatMap(\.points) where point.confLow.isFinite {
                XCTAssertTrue(point.confLow >= -1 && point.confHigh <= 1, "\(cell.scope.key) week \(point.week)")
            }
            for h in cell.hazards {
                if h.notEstimable == nil {
                    XCTAssertGreaterThanOrEqual(h.eventsByArm.map(\.count).min() ?? 0, policy.minEventsPerArm, "\(cell.scope.key) \(h.id)")
                    XCTAssertTrue(h.hazardRatio.isFinite && h.confLow.isFinite && h.confHigh.isFinite)
                } else {
                    XCTAssertTrue(h.hazardRatio.isNaN, "\(cell.scope.key) \(h.id)")
                }
            }
        }
        // Some municipality hazards must fall under the events rule on this data.
        XCTAssertTrue(Self.results.cells.contains { $0.hazards.contains { $0.notEstimable == .tooFewEvents } })
    }

    /// The results JSON is strict JSON: no NaN or Infinity strings; a `null` number sits next to
    /// `not_estimable` in the same object; reading it back gives the same estimates.
    func testResultsJSONIsStrictAndSaysWhyANumberIsNull() throws {
        let data = try Self.results.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertFalse(text.contains("\"NaN\"") || text.contains("Infinity"))
        let tree = try JSONSerialization.jsonObject(with: data)
        var nullObjects = 0
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                // Effects (headline, weekly curve points) and hazard ratios say why a number is null.
                if object["effect"] is NSNull || object["hazard_ratio"] is NSNull
                    || (object["effect"] != nil && object["conf_low"] is NSNull) {
                    nullObjects += 1
                    XCTAssertNotNil(object["not_estimable"] as? String, "\(object["id"] ?? "?")")
                }
                object.values.forEach(walk)
            } else if let array = node as? [Any] { array.forEach(walk) }
        }
        walk(tree)
        XCTAssertGreaterThan(nullObjects, 0)
        let back = try AnalysisResults.decode(from: data)
        XCTAssertEqual(back.cells.count, Self.results.cells.count)
        let before = Self.results.cells.flatMap(\.headline), after = back.cells.flatMap(\.headline)
        for (a, b) in zip(before, after) {
            XCTAssertTrue(a.effect == b.effect || (a.effect.isNaN && b.effect.isNaN), a.id)
            XCTAssertEqual(a.notEstimable, b.notEstimable)
        }
    }

    /// A trial.toml `[reporting]` table is read, checked against its limits, and unknown keys refused.
    func testReportingTableIsReadAndChecked() throws {
        let base = try String(contentsOf: ShippedTrial.packageRoot.appendingPathComponent("Data/jobfirst/trial.toml"), encoding: .utf8)
        let custom = try TrialDefinition(toml: base + "\n[reporting]\nmin_persons = 3\nmin_events_per_arm = 20\n", file: "trial.toml")
        XCTAssertEqual(custom.reporting, ReportingPolicy(minPersons: 3, minPerArmPerParameter: 10, minEventsPerArm: 20))
        XCTAssertThrowsError(try TrialDefinition(toml: base + "\n[reporting]\nmin_persons = 0\n", file: "trial.toml")) {
            XCTAssertTrue("\($0)".contains("reporting.min_persons"), "\($0)")
        }
        XCTAssertThrowsError(try TrialDefinition(toml: base + "\n[reporting]\nmin_people = 5\n", file: "trial.toml")) {
            XCTAssertTrue("\($0)".contains("reporting.min_people"), "\($0)")
        }
    }
}
