// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// A step curve of a report set, the same in every report: Kaplan–Meier of an outcome, or the
/// cumulative incidence of one cause of an outcome.
public enum StepCurveID: Hashable, Sendable {
    case survival(OutcomeKind)
    case incidence(OutcomeKind, cause: String)

    /// The key the disclosure ledger files its counts under.
    public var key: String {
        switch self {
        case .survival(let outcome): return "km:\(outcome.rawValue)"
        case .incidence(let outcome, let cause): return "cif:\(outcome.rawValue):\(cause)"
        }
    }
}

extension DisclosureControl {
    /// The weeks at which a report's step curves may step: every `k` weeks with
    /// k = ⌈follow-up / 20⌉, and the last week of follow-up — the same weeks in every report of a
    /// set, so that a reader who subtracts one report's curve from another's meets counts the
    /// disclosure ledger knows (`PublishedCount.Quantity.curveEvents`). 78 weeks → 4, 8, …, 76, 78.
    public static func curveWeeks(followUpWeeks: Int) -> [Int] {
        let end = max(1, followUpWeeks)
        let k = (end + 19) / 20
        var weeks = Array(stride(from: k, to: end, by: k))
        weeks.append(end)
        return weeks
    }

    /// One point of a step curve as the analysis gives it: the curve's value (survival or
    /// cumulative incidence) and its confidence limits from `time` on, and the people behind
    /// the change since the previous point.
    public struct StepPoint: Sendable, Equatable {
        public var time: Double
        public var value: Double
        public var confLow: Double
        public var confHigh: Double
        /// Events in (previous point's time, `time`].
        public var events: Int
        /// Participants censored in (previous point's time, `time`].
        public var censored: Int

        public init(time: Double, value: Double, confLow: Double, confHigh: Double, events: Int, censored: Int = 0) {
            self.time = time
            self.value = value
            self.confLow = confLow
            self.confHigh = confHigh
            self.events = events
            self.censored = censored
        }
    }

    /// A step curve as a figure may draw it (`coarsened`).
    public struct CoarsenedCurve: Sendable, Equatable {
        /// The drawn steps, ascending in time: the curve moves to `value` at `time`. `events`
        /// and `censored` are the totals of the merged run the step closes.
        public var steps: [StepPoint]
        /// Where censor marks go: the times of the steps whose run had censoring, and
        /// `endTime` when the undrawn tail after the last step had censoring.
        public var censorTimes: [Double]
        /// The last time of the input: the curve runs flat from its last step to here.
        public var endTime: Double
        /// Per step, the time of the first event of the run it closes.
        public var runStarts: [Double] = []
        /// Events after the last step, which the curve does not draw.
        public var undrawnEvents: Int = 0

        /// Whether the drawn curve tells its course without misleading: every step is drawn
        /// at most `maxLag` after the first event it stands for, and no event is left undrawn at
        /// the end. A curve merged into a few late steps would show people leaving the risk set
        /// long after they did; a report leaves such a curve out (`StepCurveChart`).
        public func isFaithful(maxLag: Double) -> Bool {
            undrawnEvents == 0 && zip(steps, runStarts).allSatisfy { $0.time - $1 <= maxLag + 1e-9 }
        }
    }

    /// The curve coarsened so that no drawn step reveals fewer than `minPersons` events.
    ///
    /// Rule: walking forward in time, consecutive points are merged into a run until the run's
    /// events reach `minPersons`; the curve steps once, at the last time of the run, to the
    /// value (and confidence limits) the analysis gives at that time. Events after the last
    /// complete run are not drawn: the curve stays flat at the last drawn value up to
    /// `endTime`. Censoring is shown only at this granularity: one mark at a step whose run
    /// had censoring, one at `endTime` when the undrawn tail had. Points must be ascending in
    /// time; `minPersons` below 1 counts as 1 (every time with an event is a step).
    ///
    /// Example (minPersons 5): events 2, 0, 3, 1, 4, 1 at weeks 1–6 → steps at week 3
    /// (2 + 0 + 3 = 5 events) and week 5 (1 + 4); week 6's single event is not drawn.
    ///
    /// With `allowedTimes` (a report's curve weeks that the disclosure ledger lets it show), a run
    /// may close only at one of them; points between are merged into the next allowed time.
    public static func coarsened(_ points: [StepPoint], minPersons: Int = threshold,
                                 allowedTimes: Set<Double>? = nil) -> CoarsenedCurve {
        let needed = max(1, minPersons)
        var steps: [StepPoint] = []
        var censorTimes: [Double] = []
        var runStarts: [Double] = []
        var runEvents = 0, runCensored = 0, runStart: Double?
        for point in points {
            if point.events > 0 && runStart == nil { runStart = point.time }
            runEvents += point.events
            runCensored += point.censored
            guard runEvents >= needed, allowedTimes?.contains(point.time) ?? true else { continue }
            var step = point
            step.events = runEvents
            step.censored = runCensored
            steps.append(step)
            runStarts.append(runStart ?? point.time)
            if runCensored > 0 { censorTimes.append(point.time) }
            runEvents = 0
            runCensored = 0
            runStart = nil
        }
        let endTime = points.last?.time ?? 0
        // Events after the last complete run join it: the last step moves to the end, so the
        // curve ends at its true level (when the end is an allowed time).
        if runEvents > 0, let end = points.last, allowedTimes?.contains(end.time) ?? true, var last = steps.popLast() {
            if censorTimes.last == last.time { censorTimes.removeLast() }
            last = StepPoint(time: end.time, value: end.value, confLow: end.confLow, confHigh: end.confHigh,
                             events: last.events + runEvents, censored: last.censored + runCensored)
            steps.append(last)
            if last.censored > 0 { censorTimes.append(end.time) }
            runEvents = 0
            runCensored = 0
        }
        if runCensored > 0, censorTimes.last != endTime { censorTimes.append(endTime) }
        return CoarsenedCurve(steps: steps, censorTimes: censorTimes, endTime: endTime, runStarts: runStarts,
                              undrawnEvents: runEvents)
    }

    /// The longest a drawn step may lag the first event it stands for in a report's figures: six
    /// curve intervals (24 weeks of 78). Beyond it a figure would show people leaving the risk
    /// set long after they did, and is left out (`CoarsenedCurve.isFaithful`).
    public static func maxStepLag(followUpWeeks: Int) -> Double {
        Double(6 * (curveWeeks(followUpWeeks: followUpWeeks).first ?? 1))
    }

    /// The weeks at which a curve given as (week, events in the week's interval) steps when drawn
    /// alone on the curve weeks with at least `minPersons` events per step; nil when it cannot be
    /// drawn faithfully (`CoarsenedCurve.isFaithful`). The disclosure ledger treats the curve's
    /// counts at other weeks — and all of them for a curve that cannot be drawn — as unpublished.
    public static func drawnWeeks(_ points: [(time: Double, events: Int)], weeks: [Int], minPersons: Int,
                                  maxLag: Double) -> Set<Int>? {
        let steps = points.filter(\.time.isFinite).sorted { $0.time < $1.time }.map {
            StepPoint(time: $0.time, value: 0, confLow: .nan, confHigh: .nan, events: $0.events)
        }
        let curve = coarsened(steps, minPersons: minPersons, allowedTimes: Set(weeks.map(Double.init)))
        return curve.isFaithful(maxLag: maxLag) ? Set(curve.steps.map { Int($0.time.rounded()) }) : nil
    }

    /// A count of people for a figure (numbers at risk): 1 to `minPersons − 1` show as
    /// "<minPersons"; 0 and larger counts as `formatted(count)`.
    public static func countText(_ count: Int, minPersons: Int = threshold, formatted: (Int) -> String) -> String {
        count > 0 && count < minPersons ? suppressedCount(threshold: minPersons) : formatted(count)
    }
}
