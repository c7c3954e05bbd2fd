// SPDX-License-Identifier: GPL-3.0-or-later

/// An ISO 8601 week: weeks run Monday to Sunday, and week 1 of a year is the week holding its
/// first Thursday (so 28 December is always in the year's last week, 52 or 53).
/// Reference: ISO 8601-1:2019, §5.2.4.
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// The week, or nil when `week` is not 1 ... `weeks(in: year)`.
    public init?(year: Int, week: Int) {
        guard (1...ISOWeek.weeks(in: year)).contains(week) else { return nil }
        self.year = year
        self.week = week
    }

    /// The ISO week holding `date`: the year and week of that week's Thursday.
    public init(containing date: CalendarDate) {
        let thursday = CalendarDate(daysSinceEpoch: ISOWeek.monday(of: date.daysSinceEpoch) + 3)
        let january1 = CalendarDate(year: thursday.year, month: 1, day: 1)!.daysSinceEpoch
        year = thursday.year
        week = (thursday.daysSinceEpoch - january1) / 7 + 1
    }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    public static func weekday(_ daysSinceEpoch: Int) -> Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    /// The Monday on or before a day (days since 1970-01-01).
    public static func monday(of daysSinceEpoch: Int) -> Int { daysSinceEpoch - weekday(daysSinceEpoch) }

    /// 52 or 53: the ISO week of 28 December.
    public static func weeks(in year: Int) -> Int {
        guard let d = CalendarDate(year: year, month: 12, day: 28) else { return 0 }
        let thursday = monday(of: d.daysSinceEpoch) + 3
        let january1 = CalendarDate(year: year, month: 1, day: 1)!.daysSinceEpoch
        return (thursday - january1) / 7 + 1
    }

    /// The week's Monday, in days since 1970-01-01.
    public var mondayDay: Int {
        let january4 = CalendarDate(year: year, month: 1, day: 4)!.daysSinceEpoch
        return ISOWeek.monday(of: january4) + 7 * (week - 1)
    }

    /// `2020-W53`.
    public var description: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    /// The trial week (1-based) of this ISO week for someone enrolled on `enrolledOn`: week 1 is
    /// the ISO week of enrolment, so an enrolment mid-week makes that whole week week 1.
    public func trialWeek(enrolledOn: CalendarDate) -> Int {
        (mondayDay - ISOWeek.monday(of: enrolledOn.daysSinceEpoch)) / 7 + 1
    }
}
