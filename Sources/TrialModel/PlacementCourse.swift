// SPDX-License-Identifier: GPL-3.0-or-later

/// Why an event cannot follow the events before it in a participant's course.
public enum PlacementSequenceProblem: Hashable, Sendable, CustomStringConvertible {
    /// A flex-job end with no flex job running (an end before its start, or a second end).
    case endWithoutStart(end: CalendarDate)
    /// A flex-job start while the flex job started on `running` has not ended.
    case startWhileRunning(start: CalendarDate, running: CalendarDate)
    /// A second send-back without a return to the provider after the first.
    case secondSendBack(date: CalendarDate, previous: CalendarDate)
    /// A return to the provider with no send-back before it.
    case returnWithoutSendBack(date: CalendarDate)
    /// An event that happens once per participant (referral, end classification) a second time.
    case repeated(PlacementEventKind, date: CalendarDate, previous: CalendarDate)

    public var description: String {
        switch self {
        case let .endWithoutStart(end):
            return "the flex job ends on \(end) but no flex job has started before (an end before its start)"
        case let .startWhileRunning(start, running):
            return "a flex job starts on \(start) while the flex job started on \(running) has not ended"
        case let .secondSendBack(date, previous):
            return "a second send_back on \(date) without a return_to_provider after the send_back on \(previous)"
        case let .returnWithoutSendBack(date):
            return "a return_to_provider on \(date) without a send_back before it"
        case let .repeated(kind, date, previous):
            return "a second \(kind.rawValue) on \(date) (the first was on \(previous)); it happens once per participant"
        }
    }
}

/// One participant's placement events in time order, checked as a sequence.
public enum PlacementCourse {
    /// The events in time order: by date, ties in the order given (stable).
    public static func ordered(_ events: [PlacementEvent]) -> [PlacementEvent] {
        events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    /// The first event (of one participant's, in time order) that cannot follow those before it.
    ///
    /// Rules: a flex job ends only while one runs and starts only when none runs; a send-back
    /// needs no send-back open (a return to the provider closes it), a return needs one open;
    /// referral and end classification happen at most once. Complexity: O(n).
    public static func firstProblem(_ ordered: [PlacementEvent]) -> (event: PlacementEvent, problem: PlacementSequenceProblem)? {
        var running: CalendarDate?, sentBack: CalendarDate?
        var once = [PlacementEventKind: CalendarDate]()
        for e in ordered {
            switch e.kind {
            case .flexJobStart:
                if let r = running { return (e, .startWhileRunning(start: e.date, running: r)) }
                running = e.date
            case .flexJobEnd:
                guard running != nil else { return (e, .endWithoutStart(end: e.date)) }
                running = nil
            case .sendBack:
                if let s = sentBack { return (e, .secondSendBack(date: e.date, previous: s)) }
                sentBack = e.date
            case .returnToProvider:
                guard sentBack != nil else { return (e, .returnWithoutSendBack(date: e.date)) }
                sentBack = nil
            case .referral, .endClassification:
                if let p = once[e.kind] { return (e, .repeated(e.kind, date: e.date, previous: p)) }
                once[e.kind] = e.date
            case .internshipStart, .workTrialStart:
                break
            }
        }
        return nil
    }
}
