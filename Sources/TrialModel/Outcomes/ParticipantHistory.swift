// SPDX-License-Identifier: GPL-3.0-or-later

/// One participant's weekly records, in week order: the input of every outcome derivation.
///
/// Time convention for all derivations: time is measured in weeks since enrolment and week `w`
/// covers the interval (w − 1, w]. A week without a record is unobserved (not zero hours),
/// except where a derivation says otherwise.
public struct ParticipantHistory: Hashable, Sendable {
    public let participant: ParticipantID
    /// Records sorted by week, one per week.
    public let records: [WeeklyRecord]
    /// The trial's follow-up length (weeks 1 ... followUpWeeks).
    public let followUpWeeks: Int

    /// - Precondition: the records are `participant`'s, no week appears twice.
    /// - Complexity: O(n) when `records` come in week order (as the store gives them; the array
    ///   is then kept, not copied: at 1,000,000 participants × 104 weeks a copy is 4 GB), else
    ///   O(n log n) for the sort.
    public init(participant: ParticipantID, records: [WeeklyRecord], followUpWeeks: Int) {
        let inOrder = zip(records, records.dropFirst()).allSatisfy { $0.week <= $1.week }
        let sorted = inOrder ? records : records.sorted { $0.week < $1.week }
        precondition(zip(sorted, sorted.dropFirst()).allSatisfy { $0.week < $1.week }, "a week appears twice for \(participant)")
        self.participant = participant
        self.records = sorted
        self.followUpWeeks = followUpWeeks
    }

    /// The last recorded week (0 when there is no record): the censoring time of the
    /// time-to-event derivations when nothing happens. It is `followUpWeeks` for complete follow-up,
    /// the exit week after an absorbing exit, and earlier when records stop.
    public var lastObservedWeek: Int { records.last?.week ?? 0 }

    /// The record of week `w`, if any. Complexity: O(log n).
    public func record(week w: Int) -> WeeklyRecord? {
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if records[mid].week < w { lo = mid + 1 } else { hi = mid }
        }
        return lo < records.count && records[lo].week == w ? records[lo] : nil
    }
}

/// A time-to-event observation: `time` in weeks since enrolment; `event` false means censored at `time`.
public struct TimeToEvent: Hashable, Sendable, Codable {
    public let time: Int
    public let event: Bool
    public init(time: Int, event: Bool) {
        self.time = time
        self.event = event
    }
}

/// A time to the first of several competing exits: `cause` nil means censored at `time`.
public struct CompetingExitTime: Hashable, Sendable, Codable {
    public let time: Int
    public let cause: BenefitStatus?
    public init(time: Int, cause: BenefitStatus?) {
        self.time = time
        self.cause = cause
    }
}

/// A spell of consecutive weeks with paid hours, in counting-process form (start, stop]:
/// weeks `start + 1 ... stop` had paid hours. `event` is true when the hours stopped (week
/// `stop + 1` is recorded without paid hours) and false when the spell is censored (no record
/// for week `stop + 1`: end of follow-up or records stop).
public struct PaidHoursSpell: Hashable, Sendable, Codable {
    /// 1-based spell number within the participant.
    public let spell: Int
    public let start: Int
    public let stop: Int
    public let event: Bool
    public init(spell: Int, start: Int, stop: Int, event: Bool) {
        self.spell = spell
        self.start = start
        self.stop = stop
        self.event = event
    }
}

/// A participant's hours over an analysis window.
public struct WindowHours: Hashable, Sendable, Codable {
    /// Weeks of the window counted in the means.
    public let weeks: Int
    /// Mean paid hours per counted week.
    public let meanHours: Double
    /// Share of counted weeks with paid hours > 0.
    public let shareWeeksWithHours: Double
    public init(weeks: Int, meanHours: Double, shareWeeksWithHours: Double) {
        self.weeks = weeks
        self.meanHours = meanHours
        self.shareWeeksWithHours = shareWeeksWithHours
    }
}

/// How weeks of a window without a record are treated.
public enum UnrecordedWeeks: String, Sendable, Codable, CaseIterable {
    /// Left out: the means are over recorded weeks only.
    case excluded
    /// Counted as weeks with zero paid hours (e.g. after an absorbing exit).
    case zeroHours = "zero_hours"
}
