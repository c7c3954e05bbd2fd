// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import SurvivalAnalysis

/// Kaplan–Meier against R's `survfit` (survival 3.5-3), every time point, each CI type. Tolerance 1e-7 relative.
final class KaplanMeierTests: XCTestCase {
    private func check(_ key: String, file: String, start: String? = nil, time: String, status: String, group: String?,
                       type: KaplanMeier.ConfidenceType, level: Double = 0.95) throws {
        let t = try SurvivalFixture.table(file)
        let data = try start.map { try SurvivalData(start: t[$0], stop: t[time], event: t[status].map { $0 == 1 }) }
            ?? SurvivalData(time: t[time], event: t[status].map { $0 == 1 })
        let groups = group.map { Grouping(t[$0]) }
        let km = try KaplanMeier(data: data, groups: groups, confidenceType: type, level: level)
        let reference = (SurvivalFixture.reference["km"] as! [String: Any])[key] as! [[String: Any]]
        XCTAssertEqual(km.curves.count, reference.count)
        for (curve, r) in zip(km.curves, reference) {
            let tag = "\(key) \(r["group"]!)"
            assertClose(curve.times, numbers(r["time"]), relative: 1e-7, absolute: 1e-12, "\(tag) time")
            assertClose(curve.atRisk, numbers(r["n_risk"]), relative: 1e-7, absolute: 1e-12, "\(tag) n.risk")
            assertClose(curve.events, numbers(r["n_event"]), relative: 1e-7, absolute: 1e-12, "\(tag) n.event")
            assertClose(curve.censored, numbers(r["n_censor"]), relative: 1e-7, absolute: 1e-12, "\(tag) n.censor")
            assertClose(curve.survival, numbers(r["surv"]), relative: 1e-7, absolute: 1e-12, "\(tag) surv")
            assertClose(curve.logStandardError, numbers(r["std_err_log"]), relative: 1e-7, absolute: 1e-12, "\(tag) std.err")
            assertClose(curve.lower, numbers(r["lower"]), relative: 1e-7, absolute: 1e-12, "\(tag) lower")
            assertClose(curve.upper, numbers(r["upper"]), relative: 1e-7, absolute: 1e-12, "\(tag) upper")
            XCTAssertEqual(Double(curve.observationCount), number(r["n"]))
            XCTAssertEqual(curve.eventCount, number(r["events"]))
            assertClose(curve.median, number(r["median"]), relative: 1e-7, absolute: 1e-12, "\(tag) median")
            assertClose(curve.medianLower, number(r["median_lower"]), relative: 1e-7, absolute: 1e-12, "\(tag) median lower")
            assertClose(curve.medianUpper, number(r["median_upper"]), relative: 1e-7, absolute: 1e-12, "\(tag) median upper")
        }
        let requested = numbers(reference[0]["at_time"])
        for (points, r) in zip(km.at(requested), reference) {
            let tag = "\(key) \(r["group"]!) at"
            let times = numbers(r["at_time"])
            let kept = points.filter { times.contains($0.time) }
            assertClose(kept.map(\.survival), numbers(r["at_surv"]), relative: 1e-7, absolute: 1e-12, "\(tag) surv")
            assertClose(kept.map(\.standardError), numbers(r["at_std_err"]), relative: 1e-7, absolute: 1e-12, "\(tag) std.err")
            assertClose(kept.map(\.lower), numbers(r["at_lower"]), relative: 1e-7, absolute: 1e-12, "\(tag) lower")
            assertClose(kept.map(\.upper), numbers(r["at_upper"]), relative: 1e-7, absolute: 1e-12, "\(tag) upper")
            assertClose(kept.map(\.atRisk), numbers(r["at_n_risk"]), relative: 1e-7, absolute: 1e-12, "\(tag) n.risk")
        }
    }

    func testLungLogIntervals() throws {
        try check("lung_log", file: "lung.csv", time: "time", status: "status", group: "sex", type: .log)
    }

    func testLungLogLogIntervals() throws {
        try check("lung_loglog", file: "lung.csv", time: "time", status: "status", group: "sex", type: .logLog)
    }

    func testLungPlainIntervals() throws {
        try check("lung_plain", file: "lung.csv", time: "time", status: "status", group: "sex", type: .plain)
    }

    func testLungNinetyPercent() throws {
        try check("lung_log90", file: "lung.csv", time: "time", status: "status", group: "sex", type: .log, level: 0.90)
    }

    func testWeeklyTiedTimes() throws {
        try check("weekly_log", file: "weekly.csv", time: "time", status: "status", group: "treat", type: .log)
    }

    func testOvarianLogLogOneGroup() throws {
        try check("ovarian_loglog", file: "ovarian.csv", time: "futime", status: "fustat", group: nil, type: .logLog)
    }

    func testHeartStartStopRows() throws {
        try check("heart_startstop", file: "heart.csv", start: "start", time: "stop", status: "event", group: "surgery", type: .log)
    }
}
