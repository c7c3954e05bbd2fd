// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// One registered offer (a row of cases.csv), checked against the registration rules.
public struct RegisteredCase: Sendable, Hashable {
    /// One entry of the status history.
    public struct StatusEntry: Sendable, Hashable, CustomStringConvertible {
        public let status: CaseStatus
        public let date: CalendarDate
        public init(_ status: CaseStatus, _ date: CalendarDate) {
            self.status = status
            self.date = date
        }
        public var description: String { "\(status.rawValue)@\(date)" }
    }

    /// When the offer is expected to end.
    public enum ExpectedEnd: Sendable, Hashable {
        case date(CalendarDate)
        case openEnded
    }

    /// How the case left the unit, for time to placement.
    public enum Exit: Int, Sendable, Hashable, CaseIterable {
        case placed = 1, sentBack, interrupted
    }

    public let id: String
    public let unit: String
    public let contactSource: ContactSource
    public let municipality: String
    public let benefit: BenefitAtContact
    public let proposed: Intervention
    public let arranged: Intervention?
    public let history: [StatusEntry]
    public let contactDate: CalendarDate
    public let placementDate: CalendarDate?
    public let expectedEnd: ExpectedEnd?

    public init(id: String, unit: String, contactSource: ContactSource, municipality: String, benefit: BenefitAtContact,
                proposed: Intervention, arranged: Intervention?, history: [StatusEntry], contactDate: CalendarDate,
                placementDate: CalendarDate?, expectedEnd: ExpectedEnd?) {
        self.id = id
        self.unit = unit
        self.contactSource = contactSource
        self.municipality = municipality
        self.benefit = benefit
        self.proposed = proposed
        self.arranged = arranged
        self.history = history
        self.contactDate = contactDate
        self.placementDate = placementDate
        self.expectedEnd = expectedEnd
    }

    /// The current status (the last entry).
    public var status: CaseStatus { history.last!.status }

    /// How and when (days after contact) the case left the unit; nil while it is open.
    public var exit: (kind: Exit, days: Int)? {
        let last = history.last!
        switch last.status {
        case .closed: return (.placed, last.date.daysSinceEpoch - contactDate.daysSinceEpoch)
        case .interrupted: return (arranged == .sentBack ? .sentBack : .interrupted, last.date.daysSinceEpoch - contactDate.daysSinceEpoch)
        case .inPlacement, .authorityReconsidering: return nil
        }
    }

    /// The half-year of contact, e.g. `2004H1`.
    public var period: HalfYear { HalfYear(contactDate) }

    /// A date this many days or more after the placement reads as an open-ended offer (the guide's
    /// fictitious end date about 10 years ahead).
    public static let openEndedDays = 3650
}

/// A calendar half-year (`2004H1`, `2004H2`), ordered in time.
public struct HalfYear: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1 (January–June) or 2.
    public let half: Int

    public init(_ date: CalendarDate) {
        year = date.year
        half = date.month <= 6 ? 1 : 2
    }

    /// Half-years since the first half of year 0 (consecutive half-years differ by 1).
    public var index: Int { year * 2 + half - 1 }

    public var description: String { "\(year)H\(half)" }

    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
