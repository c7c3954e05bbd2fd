// SPDX-License-Identifier: GPL-3.0-or-later

extension DisclosureControl {
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
    public static func coarsened(_ points: [StepPoint], minPersons: Int = threshold) -> CoarsenedCurve {
        let needed = max(1, minPersons)
        var steps: [StepPoint] = []
        var censorTimes: [Double] = []
        var runEvents = 0, runCensored = 0
        for point in points {
            runEvents += point.events
            runCensored += point.censored
            guard runEvents >= needed else { continue }
            var step = point
            step.events = runEvents
            step.censored = runCensored
            steps.append(step)
            if runCensored > 0 { censorTimes.append(point.time) }
            runEvents = 0
            runCensored = 0
        }
        let endTime = points.last?.time ?? 0
        if runCensored > 0, censorTimes.last != endTime { censorTimes.append(endTime) }
        return CoarsenedCurve(steps: steps, censorTimes: censorTimes, endTime: endTime)
    }

    /// A count of people for a figure (numbers at risk): 1 to `minPersons − 1` show as
    /// "<minPersons"; 0 and larger counts as `formatted(count)`.
    public static func countText(_ count: Int, minPersons: Int = threshold, formatted: (Int) -> String) -> String {
        count > 0 && count < minPersons ? suppressedCount(threshold: minPersons) : formatted(count)
    }
}
