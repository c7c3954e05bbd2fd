// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// ISO weeks and the monthly-hours weekday rule, on dates checked by hand against a calendar
/// (and Python's datetime.date.isocalendar).
final class ISOWeekTests: XCTestCase {
    func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    func testWeeksAroundTheYearChange() {
        XCTAssertEqual(ISOWeek(containing: date("2020-12-31")), ISOWeek(year: 2020, week: 53))
        XCTAssertEqual(ISOWeek(containing: date("2021-01-03")), ISOWeek(year: 2020, week: 53))   // a Sunday
        XCTAssertEqual(ISOWeek(containing: date("2021-01-04")), ISOWeek(year: 2021, week: 1))
        XCTAssertEqual(ISOWeek(containing: date("2019-12-30")), ISOWeek(year: 2020, week: 1))    // Monday of 2020-W01
        XCTAssertEqual(ISOWeek(containing: date("2016-01-01")), ISOWeek(year: 2015, week: 53))
        XCTAssertEqual([2015, 2019, 2020, 2021, 2026].map(ISOWeek.weeks(in:)), [53, 52, 53, 52, 53])
        XCTAssertNil(ISOWeek(year: 2021, week: 53))
        XCTAssertEqual(ISOWeek(year: 2020, week: 53)!.mondayDay, date("2020-12-28").daysSinceEpoch)
    }

    func testWeekOneIsTheWeekOfEnrolment() {
        // Enrolled on Wednesday 2020-11-04 (2020-W45): W45 is week 1, 2021-W01 is week 10.
        let enrolled = date("2020-11-04")
        XCTAssertEqual(ISOWeek(year: 2020, week: 45)!.trialWeek(enrolledOn: enrolled), 1)
        XCTAssertEqual(ISOWeek(year: 2020, week: 44)!.trialWeek(enrolledOn: enrolled), 0)
        XCTAssertEqual(ISOWeek(year: 2021, week: 1)!.trialWeek(enrolledOn: enrolled), 10)
    }

    func testMonthlyHoursFollowTheWeekdays() {
        // November 2020: 21 weekdays; Sunday the 1st is in W44 (no weekday), Monday 30th opens W49.
        let nov = MonthlyHours.weekdays(ofMonth: 2020 * 12 + 10)
        XCTAssertEqual(nov.total, 21)
        XCTAssertEqual(nov.weeks.map(\.weekdays), [5, 5, 5, 5, 1])
        XCTAssertEqual(nov.weeks.first?.monday, date("2020-11-02").daysSinceEpoch)
        // January 2021: Friday the 1st is in 2020-W53.
        let jan = MonthlyHours.weekdays(ofMonth: 2021 * 12)
        XCTAssertEqual(jan.total, 21)
        XCTAssertEqual(jan.weeks.map(\.weekdays), [1, 5, 5, 5, 5])
        XCTAssertEqual(jan.weeks.first?.monday, date("2020-12-28").daysSinceEpoch)
    }

    func testColumnPattern() throws {
        let p = try RegisterColumnPattern(RegisterColumnPattern.standard)
        XCTAssertTrue(p.yearAndWeek(of: "y_2053")! == (2020, 53))
        XCTAssertNil(p.yearAndWeek(of: "y_205"))
        XCTAssertNil(p.yearAndWeek(of: "id"))
        let long = try RegisterColumnPattern("uge{ww}_{yyyy}")
        XCTAssertTrue(long.yearAndWeek(of: "uge01_2021")! == (2021, 1))
        XCTAssertThrowsError(try RegisterColumnPattern("y_{yy}"))
        XCTAssertThrowsError(try RegisterColumnPattern("y_{yy}{w}"))
    }
}
