// SPDX-License-Identifier: GPL-3.0-or-later
import Simulation
import TrialModel
import XCTest

/// Counts, directly from the generated JobFirst data, that the published figures hold within
/// sampling error: every comparison allows 3 standard errors of the counted quantity (per-person
/// values, SE = sd/√n; for shares of people, the binomial SE; for the hazard of losing hours, the
/// Poisson SE of the log rate ratio). 3 SE because there are about 35 such checks: for a correctly
/// calibrated model a random seed fails one with probability about 9 % (35 × 0.27 %), while a
/// miscalibration of the size of the published effects is caught. The job-centre checks compare
/// with the model's own per-municipality effects (assumptions, see JobFirstModel), since the
/// report publishes only their range.
final class JobFirstCalibrationTests: XCTestCase {
    private let trial = ShippedData.simulated(.jobfirst)
    private var counts: TrialCounts { TrialCounts(trial: trial) }
    private let window = JobFirstModel.outcomeWindow
    private func within(_ value: Double, _ target: Double, se: Double, _ what: String,
                        file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThanOrEqual(abs(value - target), 3 * se,
                                 "\(what): counted \(value), published \(target), 3 SE = \(3 * se)", file: file, line: line)
    }
    private func cash(_ p: Participant) -> Bool { p.benefit == .cashBenefit }

    func testArmSizesMunicipalitiesAndFollowUp() {
        var n = [String: Int]()
        for (p, a) in zip(trial.participants, trial.assignments) { n[p.benefit.rawValue + "/" + a.arm, default: 0] += 1 }
        XCTAssertEqual(n, ["cash_benefit/jobfirst": 1847, "cash_benefit/control": 1880,
                           "resource_programme/jobfirst": 560, "resource_programme/control": 569])
        XCTAssertEqual(Set(trial.participants.map(\.municipality)), Set(JobFirstModel.municipalities.map(\.name)))
        XCTAssertEqual(Set(trial.participants.map(\.municipality)).count, 15)
        for rows in trial.weeks {
            XCTAssertEqual(rows.map(\.week), Array(1...rows.count))
            if rows.count < 78 { XCTAssert(rows.last!.status.isAbsorbingExit) }
            XCTAssert(rows.dropLast().allSatisfy { !$0.status.isAbsorbingExit })
            XCTAssert(rows.allSatisfy { (0...800).contains($0.hoursTenths) })
        }
    }

    func testBaselineMeansAsPublished() {
        let targets: [(BenefitType, String, Double)] = [
            (.cashBenefit, "prior_weeks_employed", 2.0), (.resourceProgramme, "prior_weeks_employed", 2.9),
            (.cashBenefit, "prior_weeks_self_supporting", 4.6), (.resourceProgramme, "prior_weeks_self_supporting", 4.8),
            (.resourceProgramme, "prior_weeks_sick", 24.2),
        ]
        for (benefit, column, published) in targets {
            let m = TrialCounts.Mean(trial.participants.filter { $0.benefit == benefit }.map { $0.covariates[column]!.number! })
            within(m.mean, published, se: m.se, "\(benefit.rawValue) \(column)")
        }
        XCTAssert(trial.participants.allSatisfy { ($0.covariates["age"]?.number ?? 0) >= 30 })
    }

    func testCashBenefitSharesAndHoursAfterOneAndAHalfYears() {
        let t = counts.window(counts.people(arm: "jobfirst", cash), window)
        let c = counts.window(counts.people(arm: "control", cash), window)
        within(t.share.mean, 19.3, se: t.share.se, "share with hours, JobFirst")
        within(c.share.mean, 11.7, se: c.share.se, "share with hours, control")
        let effect = t.share.minus(c.share)
        within(effect.difference, 7.6, se: effect.se, "effect on the share")
        XCTAssertGreaterThan(effect.difference, 3 * effect.se, "the effect is significant")
        within(t.hours.mean, 4.6, se: t.hours.se, "hours, JobFirst")
        within(c.hours.mean, 2.75, se: c.hours.se, "hours, control")
    }

    func testEffectGrowsAfterAboutAYear() {
        func effect(_ w: ClosedRange<Int>) -> (difference: Double, se: Double) {
            counts.window(counts.people(arm: "jobfirst", cash), w).share.minus(counts.window(counts.people(arm: "control", cash), w).share)
        }
        let firstHalfYear = effect(14...26), late = effect(window)
        XCTAssertGreaterThan(late.difference - firstHalfYear.difference, 2 * (late.se * late.se + firstHalfYear.se * firstHalfYear.se).squareRoot(),
                             "effect 1.5 years after start (\(late.difference)) vs weeks 14–26 (\(firstHalfYear.difference))")
    }

    func testResourceProgrammeEffectSmallAndNotSignificant() {
        let rp = { (p: Participant) in p.benefit == .resourceProgramme }
        let hours = counts.window(counts.people(arm: "jobfirst", rp), window).hours
            .minus(counts.window(counts.people(arm: "control", rp), window).hours)
        XCTAssertLessThan(abs(hours.difference), 1.96 * hours.se, "resource programme: hours effect \(hours.difference) is significant")
    }

    func testThirteenWeeksOfCompanyDirectedActivity() {
        func share(_ arm: String, by week: Int) -> (Double, Double) {
            let people = counts.people(arm: arm)
            let p = Double(people.filter { (counts.firstRun($0) ?? .max) <= week }.count) / Double(people.count)
            return (100 * p, 100 * (p * (1 - p) / Double(people.count)).squareRoot())
        }
        let t78 = share("jobfirst", by: 78), c78 = share("control", by: 78), t26 = share("jobfirst", by: 26)
        within(t78.0, 64, se: t78.1, "JobFirst by week 78")
        within(c78.0, 34, se: c78.1, "control by week 78 (64 minus close to 30 points)")
        within(t26.0, 33, se: t26.1, "JobFirst by week 26 (about one in three)")
    }

    func testHazardRatioForLosingHours() {
        let t = counts.losingHours(counts.people(arm: "jobfirst")), c = counts.losingHours(counts.people(arm: "control"))
        let logRatio = log((Double(t.events) / Double(t.atRisk)) / (Double(c.events) / Double(c.atRisk)))
        within(logRatio, log(0.77), se: (1 / Double(t.events) + 1 / Double(c.events)).squareRoot(), "log hazard ratio for losing hours")
    }

    func testMunicipalityEffectsFromNoneToLargeWhereControlIsLow() {
        var effects = [Double](), controls = [Double]()
        for m in JobFirstModel.municipalities {
            let here = { (p: Participant) in p.benefit == .cashBenefit && p.municipality == m.name }
            let t = counts.window(counts.people(arm: "jobfirst", here), window).share
            let c = counts.window(counts.people(arm: "control", here), window).share
            let e = t.minus(c)
            within(e.difference, m.effect, se: e.se, "\(m.name) effect")
            effects.append(e.difference); controls.append(c.mean)
        }
        XCTAssertLessThanOrEqual(effects.min()!, 2, "some job centres have no effect")
        XCTAssertGreaterThanOrEqual(effects.max()!, 12, "some job centres have a large effect")
        // Larger where the control group's success is low: a negative correlation.
        let mc = controls.reduce(0, +) / 15, me = effects.reduce(0, +) / 15
        let cov = zip(controls, effects).reduce(0) { $0 + ($1.0 - mc) * ($1.1 - me) }
        XCTAssertLessThan(cov, 0)
    }

    func testEffectsSimilarByGenderAndAge() {
        for (column, values) in [("gender", ["female", "male"]), ("age_group", ["30-39", "40-49", "50+"])] {
            let e = values.map { v in
                let here = { (p: Participant) in p.benefit == .cashBenefit && p.covariates[column] == .category(v) }
                return counts.window(counts.people(arm: "jobfirst", here), window).share
                    .minus(counts.window(counts.people(arm: "control", here), window).share)
            }
            for a in e { XCTAssertGreaterThan(a.difference, 0, "\(column): positive in every group") }
            for a in e { for b in e { XCTAssertLessThan(abs(a.difference - b.difference), 3 * (a.se * a.se + b.se * b.se).squareRoot(), column) } }
        }
    }

    func testMentorSupportMostlyInTreatedArm() {
        func share(_ arm: String) -> Double {
            let rows = counts.people(arm: arm).flatMap { trial.weeks[$0] }
            return Double(rows.filter(\.mentor).count) / Double(rows.count)
        }
        XCTAssertGreaterThan(share("jobfirst"), 3 * share("control"))
    }
}
