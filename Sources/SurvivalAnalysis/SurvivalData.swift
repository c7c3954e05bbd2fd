// SPDX-License-Identifier: GPL-3.0-or-later

/// Validated survival outcomes: right-censored `(time, event)` or counting-process
/// `(start, stop, event)` rows, as R's `Surv(time, event)` and `Surv(start, stop, event)`.
///
/// With `start`, a row is at risk on `(start, stop]`: delayed entry, time-varying covariates
/// (one row per interval) and several rows per person are all expressed this way.
///
/// Preconditions (checked, throwing `SurvivalAnalysisError`): equal lengths, finite times,
/// `time ≥ 0`, `stop > start`.
/// Complexity: O(n) to validate.
public struct SurvivalData: Sendable {
    /// Entry times; `nil` for right-censored data (every row at risk from time 0).
    public let start: [Double]?
    /// Exit times (event or censoring).
    public let stop: [Double]
    /// `true` where the row ends with the event.
    public let event: [Bool]

    /// The number of rows.
    public var count: Int { stop.count }
    /// The number of rows that end with the event.
    public var eventCount: Int { event.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Right-censored data: `Surv(time, event)`.
    public init(time: [Double], event: [Bool]) throws(SurvivalAnalysisError) {
        guard time.count == event.count else {
            throw .lengthMismatch(what: "event column", expected: time.count, actual: event.count)
        }
        try Self.checkTimes(start: nil, stop: time)
        self.start = nil
        self.stop = time
        self.event = event
    }

    /// Counting-process data: `Surv(start, stop, event)`, each row at risk on `(start, stop]`.
    public init(start: [Double], stop: [Double], event: [Bool]) throws(SurvivalAnalysisError) {
        guard start.count == stop.count else {
            throw .lengthMismatch(what: "start column", expected: stop.count, actual: start.count)
        }
        guard event.count == stop.count else {
            throw .lengthMismatch(what: "event column", expected: stop.count, actual: event.count)
        }
        try Self.checkTimes(start: start, stop: stop)
        self.start = start
        self.stop = stop
        self.event = event
    }

    /// Checks the times of every row, in row order: each time finite, each exit time `≥ 0`, and
    /// with entry times each exit after its entry (`stop > start`). Throws `.invalidTime` or
    /// `.stopNotAfterStart` for the first row that breaks a rule. Precondition: equal lengths.
    /// Complexity: O(n).
    public static func checkTimes(start: [Double]?, stop: [Double]) throws(SurvivalAnalysisError) {
        for i in 0..<stop.count {
            if let start {
                guard start[i].isFinite else { throw .invalidTime(row: i + 1, value: start[i]) }
            }
            guard stop[i].isFinite, stop[i] >= 0 else { throw .invalidTime(row: i + 1, value: stop[i]) }
            if let start, !(stop[i] > start[i]) {
                throw .stopNotAfterStart(row: i + 1, start: start[i], stop: stop[i])
            }
        }
    }

    /// The rows with the given indices, in that order.
    public func selecting(_ rows: [Int]) -> SurvivalData {
        SurvivalData(uncheckedStart: start.map { s in rows.map { s[$0] } },
                     stop: rows.map { stop[$0] }, event: rows.map { event[$0] })
    }

    init(uncheckedStart start: [Double]?, stop: [Double], event: [Bool]) {
        self.start = start
        self.stop = stop
        self.event = event
    }
}

/// A partition of the rows into labelled groups (a factor): treatment arms, strata or clusters.
///
/// Codes run from 0 to `labels.count − 1`; levels are sorted as R sorts factor levels.
/// Complexity: O(n) hashing plus O(L log L) to sort the L levels.
public struct Grouping: Sendable, Equatable {
    /// The group of each row, `0..<labels.count`.
    public let codes: [Int32]
    /// The name of each group.
    public let labels: [String]

    /// The number of groups.
    public var count: Int { labels.count }

    /// Groups from codes and their labels. Precondition: every code is in `0..<labels.count`.
    public init(codes: [Int32], labels: [String]) {
        precondition(codes.allSatisfy { $0 >= 0 && Int($0) < labels.count }, "Group code out of range")
        self.codes = codes
        self.labels = labels
    }

    /// Groups from values, levels in ascending order of the values.
    public init<Value: Hashable & Comparable>(_ values: [Value], label: (Value) -> String = { "\($0)" }) {
        var seen = [Value: Int32]()
        for v in values where seen[v] == nil { seen[v] = 0 }
        let levels = seen.keys.sorted()
        for (k, v) in levels.enumerated() { seen[v] = Int32(k) }
        self.codes = values.map { seen[$0]! }
        self.labels = levels.map(label)
    }

    /// Every row in one group called `label`.
    public static func single(count: Int, label: String = "all") -> Grouping {
        Grouping(codes: [Int32](repeating: 0, count: count), labels: [label])
    }
}
