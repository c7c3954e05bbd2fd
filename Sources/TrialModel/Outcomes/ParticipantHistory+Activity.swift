// SPDX-License-Identifier: GPL-3.0-or-later

extension ParticipantHistory {
    /// The week in which `length` consecutive weeks of company-directed activity were first
    /// completed, or nil if never.
    ///
    /// A week is company-directed when its activity is internship, wage subsidy or ordinary job,
    /// or it has paid hours (`WeeklyRecord.isCompanyDirected`). Consecutive means weeks
    /// `w − length + 1 ... w` are all recorded and company-directed; an unrecorded week breaks the run.
    /// - Precondition: `length ≥ 1`. Complexity: O(n).
    public func companyRunCompletedWeek(length: Int = 13) -> Int? {
        precondition(length >= 1, "a run needs at least one week")
        var run = 0, previous = Int.min
        for r in records {
            if r.isCompanyDirected {
                run = (r.week == previous + 1) ? run + 1 : 1
                if run >= length { return r.week }
            } else {
                run = 0
            }
            previous = r.week
        }
        return nil
    }

    /// Time to the first of the competing exits (e.g. flex job, disability pension, moved away).
    ///
    /// The exit happens in the first recorded week whose status is one of `exits`: time `w`,
    /// cause = that status. Otherwise censored (cause nil) at `lastObservedWeek` (end of follow-up
    /// or the last recorded week). A status not among `exits` — including an absorbing exit not
    /// listed — ends observation as censored at its week when it is absorbing.
    /// Complexity: O(n · |exits|).
    public func timeToExit(among exits: [BenefitStatus]) -> CompetingExitTime {
        for r in records {
            if exits.contains(r.status) { return CompetingExitTime(time: r.week, cause: r.status) }
            if r.status.isAbsorbingExit { return CompetingExitTime(time: r.week, cause: nil) }
        }
        return CompetingExitTime(time: min(lastObservedWeek, followUpWeeks), cause: nil)
    }
}
