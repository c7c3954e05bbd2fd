// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// Small hand-made histories; every expected value is worked out by hand in the comments.
final class OutcomeDerivationTests: XCTestCase {
    let id = ParticipantID("x")

    /// `spec`: one character per week from week 1: `h` paid hours (8 h, ordinary job), `i`
    /// internship without hours, `.` nothing, `-` no record, `D` disability pension, `M` moved
    /// away, `F` flex job (with 10 h).
    func history(_ spec: String, followUp: Int? = nil) -> ParticipantHistory {
        var records = [WeeklyRecord]()
        for (k, c) in spec.enumerated() {
            let w = k + 1
            switch c {
            case "h": records.append(WeeklyRecord(week: w, paidHours: 8, activity: .ordinaryJob, mentor: false, status: .onBenefit))
            case "i": records.append(WeeklyRecord(week: w, paidHours: 0, activity: .internship, mentor: true, status: .onBenefit))
            case ".": records.append(WeeklyRecord(week: w, paidHours: 0, activity: .none, mentor: false, status: .onBenefit))
            case "D": records.append(WeeklyRecord(week: w, paidHours: 0, activity: .none, mentor: false, status: .disabilityPension))
            case "M": records.append(WeeklyRecord(week: w, paidHours: 0, activity: .none, mentor: false, status: .movedAway))
            case "F": records.append(WeeklyRecord(week: w, paidHours: 10, activity: .ordinaryJob, mentor: false, status: .flexJob))
            default: break
            }
        }
        return ParticipantHistory(participant: id, records: records.reversed(), followUpWeeks: followUp ?? spec.count)
    }

    func testWeeklyHoursAndWindows() {
        let h = history("..hh-h..")
        XCTAssertEqual(h.weeklyHours().map(\.anyPaidHours), [false, false, true, true, true, false, false])
        XCTAssertEqual(h.weeklyHours().map(\.week), [1, 2, 3, 4, 6, 7, 8])
        // Weeks 3...6: recorded 3, 4, 6 (8 h each): mean 8, share 1; counting week 5 as zero: 24/4 = 6, share 3/4.
        XCTAssertEqual(h.hours(over: 3...6), WindowHours(weeks: 3, meanHours: 8, shareWeeksWithHours: 1))
        XCTAssertEqual(h.hours(over: 3...6, unrecorded: .zeroHours), WindowHours(weeks: 4, meanHours: 6, shareWeeksWithHours: 0.75))
        XCTAssertNil(h.hours(over: 5...5))
        XCTAssertEqual(h.hours(over: 5...5, unrecorded: .zeroHours)?.meanHours, 0)
    }

    func testCompanyRun() {
        // Run of 3: weeks 2 (i), 3 (h), 4 (i) complete it in week 4.
        XCTAssertEqual(history(".ihi..").companyRunCompletedWeek(length: 3), 4)
        // A missing week (5) breaks the run: 3-4 then 6-8 → completed in week 8.
        XCTAssertEqual(history("..ii-iii").companyRunCompletedWeek(length: 3), 8)
        XCTAssertNil(history("ii.ii.ii").companyRunCompletedWeek(length: 3))
        XCTAssertEqual(history(String(repeating: "i", count: 13)).companyRunCompletedWeek(), 13)
        XCTAssertNil(history(String(repeating: "i", count: 12)).companyRunCompletedWeek())
    }

    func testTimeToFirstPaidHours() {
        XCTAssertEqual(history("...h..").timeToFirstPaidHours(), TimeToEvent(time: 4, event: true))
        XCTAssertEqual(history("......").timeToFirstPaidHours(), TimeToEvent(time: 6, event: false))   // end of follow-up
        XCTAssertEqual(history("..D", followUp: 6).timeToFirstPaidHours(), TimeToEvent(time: 3, event: false)) // exit
        XCTAssertEqual(history("....", followUp: 6).timeToFirstPaidHours(), TimeToEvent(time: 4, event: false)) // records stop
        XCTAssertEqual(history("", followUp: 6).timeToFirstPaidHours(), TimeToEvent(time: 0, event: false))
    }

    func testPaidHoursSpells() {
        // Weeks 2-3 paid, week 4 not: spell (1, 3] with an event. Weeks 6-8 paid to the end: (5, 8] censored.
        XCTAssertEqual(history(".hh..hhh").paidHoursSpells(), [
            PaidHoursSpell(spell: 1, start: 1, stop: 3, event: true),
            PaidHoursSpell(spell: 2, start: 5, stop: 8, event: false),
        ])
        // Week 3 unrecorded: the spell of week 2 is censored at 2; week 4 starts a new one, followed
        // by disability pension in week 5: leaving the population censors it at 4 (no event).
        XCTAssertEqual(history(".h-hD").paidHoursSpells(), [
            PaidHoursSpell(spell: 1, start: 1, stop: 2, event: false),
            PaidHoursSpell(spell: 2, start: 3, stop: 4, event: false),
        ])
        // Moving away after two paid weeks: (0, 2] censored; a week without hours first: (0, 2] event.
        XCTAssertEqual(history("hhM").paidHoursSpells(), [PaidHoursSpell(spell: 1, start: 0, stop: 2, event: false)])
        XCTAssertEqual(history("hh.M").paidHoursSpells(), [PaidHoursSpell(spell: 1, start: 0, stop: 2, event: true)])
        XCTAssertEqual(history("....").paidHoursSpells(), [])
    }

    func testCompetingExits() {
        let exits: [BenefitStatus] = [.flexJob, .disabilityPension, .movedAway]
        XCTAssertEqual(history("...F..").timeToExit(among: exits), CompetingExitTime(time: 4, cause: .flexJob))
        XCTAssertEqual(history("..D").timeToExit(among: exits), CompetingExitTime(time: 3, cause: .disabilityPension))
        XCTAssertEqual(history(".M").timeToExit(among: exits), CompetingExitTime(time: 2, cause: .movedAway))
        XCTAssertEqual(history("......").timeToExit(among: exits), CompetingExitTime(time: 6, cause: nil))
        // Disability pension not listed as a competing exit: censored at its week.
        XCTAssertEqual(history("..D").timeToExit(among: [.flexJob]), CompetingExitTime(time: 3, cause: nil))
    }
}
