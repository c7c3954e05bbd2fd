// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Simulation
import TrialModel
import XCTest

/// Counts, directly from the generated flex-job data, that the published figures hold.
///
/// The generator gives the published counts exactly (end states, starts, population shares) and
/// samples start weeks by stratified quantiles, so the curves are close: shares at 8 and 12
/// months are checked within 2.5 percentage points (6 people; one binomial SE at n = 240 is
/// 2.6 points), mean months in a flex job within 0.3 months.
final class FlexJobCalibrationTests: XCTestCase {
    private let trial = ShippedData.simulated(.flexjob)
    private var arms: [String] { trial.assignments.map(\.arm) }

    func testSizesAndArms() {
        XCTAssertEqual(trial.participants.count, 240)
        var perCell = [String: Int]()
        for (p, a) in zip(trial.participants, trial.assignments) { perCell[p.municipality + "/" + a.arm, default: 0] += 1 }
        XCTAssertEqual(perCell.count, 8)
        XCTAssert(perCell.values.allSatisfy { $0 == 30 }, "\(perCell)")
        XCTAssert(trial.weeks.allSatisfy { $0.count <= 52 && $0.first?.week == 1 })
    }

    func testEndStatesAsPublished() {
        var end = [BenefitStatus: Int]()
        for rows in trial.weeks { end[rows.last!.status, default: 0] += 1 }
        XCTAssertEqual(end, [.flexJob: 56, .flexjobWaitingBenefit: 145, .disabilityPension: 16, .movedAway: 12,
                             .cashBenefit: 1, .selfSupporting: 3, .flexjobRetirementBenefit: 7])
        // Absorbing exits have no rows after them; everybody else is followed 52 weeks.
        for rows in trial.weeks where !rows.last!.status.isAbsorbingExit { XCTAssertEqual(rows.count, 52) }
    }

    /// Flex-job spells per arm: (start week, weeks in flex job within the project).
    private func spells() -> [String: [(start: Int, weeks: Int)]] {
        var out = [String: [(start: Int, weeks: Int)]]()
        for (rows, arm) in zip(trial.weeks, arms) {
            var previous: BenefitStatus?
            for r in rows {
                if r.status == .flexJob {
                    if previous != .flexJob { out[arm, default: []].append((r.week, 0)) }
                    out[arm]![out[arm]!.count - 1].weeks += 1
                }
                previous = r.status
            }
        }
        return out
    }

    func testFlexJobsCreatedAndMunicipalitiesFaster() {
        let s = spells()
        XCTAssertEqual(s["municipality"]?.count, 35)
        // 30 by other actors + 1 created by a municipality after referral back (counted in the arm).
        XCTAssertEqual(s["other_actor"]?.count, 31)
        let early = s.mapValues { $0.filter { $0.start <= 13 }.count }
        XCTAssertGreaterThan(early["municipality"]!, early["other_actor"]!, "municipalities start faster in the first 3 months")
    }

    /// The README names the one other-actor participant whose flex job a municipality created after
    /// a referral back; that participant is in the other-actor arm and starts in weeks 40–48.
    func testReferredBackParticipantAsDocumented() throws {
        let readme = String(decoding: trial.files.bytes(of: "README.md")!, as: UTF8.self)
        let index = try XCTUnwrap(trial.participants.firstIndex { readme.contains("participant\n  \($0.id.rawValue),") || readme.contains("participant \($0.id.rawValue),") })
        XCTAssertEqual(trial.assignments[index].arm, "other_actor")
        let start = try XCTUnwrap(trial.weeks[index].first { $0.status == .flexJob }?.week)
        XCTAssert(FlexJobModel.referredBackStartWeeks.contains(start))
    }

    func testShareInFlexJobAfter8And12Months() {
        for (week, published) in [(35, 20.0), (52, 23.0)] {
            let inFlexJob = trial.weeks.filter { $0.count >= week && $0[week - 1].status == .flexJob }.count
            XCTAssertEqual(100 * Double(inFlexJob) / 240, published, accuracy: 2.5, "week \(week)")
        }
    }

    func testMeanFlexJobMonthsWithinProject() {
        let s = spells()
        for (arm, published) in [("municipality", 5.8), ("other_actor", 5.3)] {
            let weeks = s[arm]!.map(\.weeks)
            let months = Double(weeks.reduce(0, +)) / Double(weeks.count) / (52.0 / 12.0)
            XCTAssertEqual(months, published, accuracy: 0.3, arm)
        }
    }

    func testPopulationAsPublished() {
        func count(_ column: String, _ test: (CovariateValue) -> Bool) -> Int {
            trial.participants.filter { $0.covariates[column].map(test) ?? false }.count
        }
        XCTAssertEqual(count("female") { $0.number == 1 }, 168)                    // 7 in 10
        XCTAssertEqual(count("age_group") { $0 == .category("50-59") }, 120)       // half in their fifties
        XCTAssertEqual(count("origin") { $0 == .category("non_western") }, 23)     // 10 %
        XCTAssertEqual(count("waited_weeks") { ($0.number ?? 0) >= 78 }, 98)       // 41 %
        XCTAssert(trial.participants.allSatisfy { ($0.covariates["waited_weeks"]?.number ?? 0) >= 26 })
    }

    /// events.csv, read back as `record-events` reads it and counted here independently of the
    /// reproduction: who created each flex job, subsidies, employers, the send-back before the
    /// municipality's job, end classifications, and courses the store accepts.
    func testEventsAsPublished() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flexjob-events-\(UUID().uuidString).csv").path
        try Data(trial.files.bytes(of: "events.csv")!).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let events = try PlacementEventFile.read(path: path).events
        let index = Dictionary(uniqueKeysWithValues: trial.participants.enumerated().map { ($1.id, $0) })
        var jobs = [(arm: String, job: FlexJobAttributes)]()
        for e in events {
            let i = try XCTUnwrap(index[e.participant])
            if let job = e.job {
                jobs.append((arms[i], job))
                // The week of a start is a flex_job week (the store's rule, computed here from the rows).
                let week = e.trialWeek(enrolledOn: trial.participants[i].enrolledOn)
                XCTAssertEqual(trial.weeks[i].first { $0.week == week }?.status, .flexJob, "\(e)")
            }
        }
        for (id, i) in index {
            XCTAssertNil(PlacementCourse.firstProblem(PlacementCourse.ordered(events.filter { $0.participant == id })), "\(id)")
            XCTAssertEqual(events.contains { $0.participant == id && $0.kind == .referral }, arms[i] == "other_actor")
        }
        func count(_ arm: String, _ test: (FlexJobAttributes) -> Bool) -> Int { jobs.filter { $0.arm == arm && test($0.job) }.count }
        XCTAssertEqual(count("municipality") { $0.createdBy == .municipality }, 35)
        XCTAssertEqual(count("municipality") { $0.createdBy == .provider }, 0)
        XCTAssertEqual(count("other_actor") { $0.createdBy == .provider }, 30)
        XCTAssertEqual(count("other_actor") { $0.createdBy == .municipality }, 1, "the job created after the send-back")
        XCTAssertEqual(count("municipality") { $0.subsidy == .half }, 12)
        XCTAssertEqual(count("other_actor") { $0.subsidy == .half }, 2)
        let smallPrivate = jobs.filter { $0.job.sector == .private && $0.job.sizeBand.isUnder50 }
        XCTAssertEqual(Double(smallPrivate.count) / Double(jobs.count), 0.6, accuracy: 0.02, "6 in 10 in private firms under 50")
        XCTAssertEqual(smallPrivate.filter { $0.job.sizeBand == .under10 }.count * 2, smallPrivate.count, "half of these under 10")
        // The one municipal job in the other-actor arm follows a send-back without a return.
        let sentBack = Set(events.filter { $0.kind == .sendBack && $0.detail != .sendBack(reason: "sick leave") }.map(\.participant))
        XCTAssertEqual(sentBack.count, 1)
        XCTAssertEqual(events.first { sentBack.contains($0.participant) && $0.kind == .flexJobStart }?.job?.createdBy, .municipality)
        // End classifications: exactly the 145 still waiting, 19/73/29/24.
        var classes = [WaitingClassification: Int]()
        for e in events {
            guard case .endClassification(let c) = e.detail else { continue }
            classes[c, default: 0] += 1
            XCTAssertEqual(trial.weeks[index[e.participant]!].last?.status, .flexjobWaitingBenefit)
        }
        XCTAssertEqual(classes, [.towardsFlexJob: 19, .stuck: 73, .sick: 29, .towardsDisabilityPension: 24])
    }

    /// Profile of those placed (p. 6): sickness benefit before approval 61 % vs 42 %, judged a flex
    /// job right 55 % vs 74 % (other actors vs municipalities), to the nearest person.
    func testProfileOfThosePlaced() {
        for (arm, sickness, right) in [("other_actor", 0.61, 0.55), ("municipality", 0.42, 0.74)] {
            let placed = trial.participants.indices.filter { arms[$0] == arm && trial.weeks[$0].contains { $0.status == .flexJob } }
            func share(_ column: String) -> Double {
                Double(placed.filter { trial.participants[$0].covariates[column] == .number(1) }.count) / Double(placed.count)
            }
            XCTAssertEqual(share("sickness_benefit_before"), sickness, accuracy: 0.5 / Double(placed.count) + 1e-9, arm)
            XCTAssertEqual(share("judged_flex_job_right"), right, accuracy: 0.5 / Double(placed.count) + 1e-9, arm)
        }
    }
}
