// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// `CalendarDate(iso:)` reads exactly `YYYY-MM-DD` and nothing else.
final class CalendarDateTests: XCTestCase {
    /// Every day from 1899-12-25 to 2101-01-05 reads back from its own text, and the day count
    /// steps by one (an invariant against `init(daysSinceEpoch:)`, Hinnant's algorithm).
    func testEveryDayReadsBackFromItsText() {
        let first = CalendarDate(year: 1899, month: 12, day: 25)!.daysSinceEpoch
        let last = CalendarDate(year: 2101, month: 1, day: 5)!.daysSinceEpoch
        for n in first...last {
            let date = CalendarDate(daysSinceEpoch: n)
            let text = date.description
            XCTAssertEqual(CalendarDate(iso: text), date, text)
            XCTAssertEqual(CalendarDate(iso: text)?.daysSinceEpoch, n, text)
        }
    }

    func testAnythingButTenDigitsAndTwoHyphensIsRefused() {
        for text in ["2016-3-01", "2016-03-1", "16-03-01", "2016/03/01", "2016-03-01 ", " 2016-03-01", "+201-03-01",
                     "-201-03-01", "2016-+3-01", "2016-03-+1", "2016-13-01", "2016-00-10", "2017-02-29", "2016-04-31",
                     "2016-03-00", "２016-03-01", "2016-03-01T00", "", "2016_03_01", "201６-03-01"] {
            XCTAssertNil(CalendarDate(iso: text), text)
        }
        XCTAssertEqual(CalendarDate(iso: "2016-02-29"), CalendarDate(year: 2016, month: 2, day: 29))
        XCTAssertEqual(CalendarDate(iso: "0001-01-01"), CalendarDate(year: 1, month: 1, day: 1))
        XCTAssertEqual(CalendarDate(iso: Substring("x2016-03-01").dropFirst()), CalendarDate(year: 2016, month: 3, day: 1))
    }
}
