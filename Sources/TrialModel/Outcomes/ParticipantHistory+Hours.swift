// SPDX-License-Identifier: GPL-3.0-or-later

extension ParticipantHistory {
    /// Per participant-week: paid hours and whether any hours were paid (hours > 0), for every
    /// recorded week in order. Complexity: O(n).
    public func weeklyHours() -> [(week: Int, paidHours: Double, anyPaidHours: Bool)] {
        records.map { ($0.week, $0.paidHours, $0.paidHours > 0) }
    }

    /// Mean paid hours and the share of weeks with paid hours over `window` (inclusive weeks).
    ///
    /// With `.excluded`, the means are over the recorded weeks of the window; with `.zeroHours`,
    /// over all weeks of the window, unrecorded weeks counting as 0 hours.
    /// - Returns: nil when no week is counted (no record in the window under `.excluded`).
    /// - Complexity: O(n).
    public func hours(over window: ClosedRange<Int>, unrecorded: UnrecordedWeeks = .excluded) -> WindowHours? {
        var total = 0.0, withHours = 0, recorded = 0
        for r in records where window.contains(r.week) {
            recorded += 1
            total += r.paidHours
            if r.paidHours > 0 { withHours += 1 }
        }
        let weeks = unrecorded == .excluded ? recorded : window.count
        guard weeks > 0 else { return nil }
        return WindowHours(weeks: weeks, meanHours: total / Double(weeks), shareWeeksWithHours: Double(withHours) / Double(weeks))
    }

    /// Time to the first week with paid hours.
    ///
    /// Event at week `w`, the first recorded week with paid hours > 0 (hours began in (w − 1, w]).
    /// Otherwise censored at `lastObservedWeek`: the end of follow-up, the week of an absorbing
    /// exit, or the last week recorded (0 when nothing is recorded).
    /// Complexity: O(n).
    public func timeToFirstPaidHours() -> TimeToEvent {
        for r in records {
            if r.paidHours > 0 { return TimeToEvent(time: r.week, event: true) }
            if r.status.isAbsorbingExit { return TimeToEvent(time: r.week, event: false) }
        }
        return TimeToEvent(time: min(lastObservedWeek, followUpWeeks), event: false)
    }

    /// Spells of consecutive recorded weeks with paid hours, as (start, stop] rows for the hazard
    /// of losing hours (see `PaidHoursSpell`). A spell ends in an event when the next week is
    /// recorded without hours. A gap in the records, or an absorbing exit in the next week (moving
    /// away, disability pension: leaving the population, not losing hours), ends it as censored.
    /// Complexity: O(n).
    public func paidHoursSpells() -> [PaidHoursSpell] {
        var spells = [PaidHoursSpell]()
        var i = 0
        while i < records.count {
            guard records[i].paidHours > 0 else { i += 1; continue }
            let first = records[i].week
            var last = first
            var j = i + 1
            while j < records.count, records[j].week == last + 1, records[j].paidHours > 0 { last += 1; j += 1 }
            // Recorded next week without hours, and still in the population.
            let stopped = j < records.count && records[j].week == last + 1 && !records[j].status.isAbsorbingExit
            spells.append(PaidHoursSpell(spell: spells.count + 1, start: first - 1, stop: last, event: stopped))
            i = j
        }
        return spells
    }
}
