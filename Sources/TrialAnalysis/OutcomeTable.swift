// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Participant-level outcome values for the effect regressions: one column per (outcome, window)
/// and per (curve outcome, week), one row per randomized participant.
///
/// Conventions (intention to treat — every randomized participant stays in every column):
/// - A week after an absorbing exit (disability pension, moved away) counts as 0 paid hours,
///   no company-directed activity and not in a flex job: the register shows none.
/// - A week without a record and before any exit is missing (NaN); the regression then drops the
///   participant from that fit (listwise), and the count is reported.
/// - Window shares and means are over all weeks of the window (`UnrecordedWeeks.zeroHours`
///   after an exit): `anyPaidHours` is the share of the window's weeks with paid hours > 0,
///   `paidHours` the mean weekly hours; a window with an unrecorded week before any exit is NaN.
/// - `companyRun` in a window is 1 when the run of `companyRunWeeks` consecutive
///   company-directed weeks was completed by the window's last week, else 0 (never NaN).
/// - `flexJob` in a window is 1 when the status recorded in the window's last week is the
///   trial's primary exit; 0 for any other status and for every week after an absorbing exit
///   (the exit week itself has the exit's status, never a flex job); NaN when that week is
///   unrecorded before any exit.
///
/// `Tests/Fixtures/analysis/r-agreement.R` rebuilds these columns in R from the raw CSVs by
/// exactly these rules; `RAgreementTests` checks the effects fitted on them against estimatr.
public struct OutcomeTable: Sendable {
    public struct Column: Sendable {
        public let outcome: OutcomeKind
        public let window: WeekWindow?
        public let week: Int?
        public let values: [Double]
        /// A regression-safe name, e.g. `any_paid_hours_w66_78` or `paid_hours_week12`.
        public var name: String {
            if let week { return "\(outcome.rawValue)_week\(week)" }
            if let window { return "\(outcome.rawValue)_w\(window.firstWeek)_\(window.lastWeek)" }
            return outcome.rawValue
        }
    }

    public let windowColumns: [Column]
    public let curveColumns: [Column]

    /// Complexity: O(n · (records + weeks · columns)); the weekly hours and flex-job status are
    /// laid out by week (one array of n per week) so that every column is one pass over
    /// contiguous memory, and each window sums its weeks in week order (the same additions in the
    /// same order as a per-participant sum, so the values are bit-identical to it).
    public init(units: [TrialDataset.Unit], plan: AnalysisPlan) {
        let weeks = plan.trial.followUpWeeks
        let primaryExit = plan.trial.primaryExit
        let n = units.count
        // By week: every unit's hours and flex status (NaN where unrecorded before any exit).
        // The flex-job status only where an outcome reads it (n × weeks doubles: 0.8 GB at
        // 1,000,000 participants × 104 weeks).
        let needsFlex = plan.windowOutcomes.contains(.flexJob) || plan.curveOutcomes.contains(.flexJob)
        var hoursByWeek = [[Double]](repeating: [Double](repeating: .nan, count: n), count: weeks)
        var flexByWeek = needsFlex ? hoursByWeek : []
        for (i, u) in units.enumerated() {
            var exitWeek = Int.max
            for r in u.history.records where r.week >= 1 && r.week <= weeks {
                hoursByWeek[r.week - 1][i] = r.paidHours
                if needsFlex { flexByWeek[r.week - 1][i] = r.status == primaryExit ? 1 : 0 }
                if r.status.isAbsorbingExit { exitWeek = min(exitWeek, r.week) }
            }
            if exitWeek < Int.max {
                for w in exitWeek..<weeks where hoursByWeek[w][i].isNaN {
                    hoursByWeek[w][i] = 0
                    if needsFlex { flexByWeek[w][i] = 0 }
                }
            }
        }
        let runCompleted: [Int?] = plan.windowOutcomes.contains(.companyRun)
            ? units.map { $0.history.companyRunCompletedWeek(length: plan.trial.companyRunWeeks) } : []
        var windowColumns = [Column]()
        for window in plan.windows {
            let range = (window.firstWeek - 1)..<min(window.lastWeek, weeks)
            for outcome in plan.windowOutcomes {
                var values = [Double](repeating: 0, count: n)
                switch outcome {
                case .anyPaidHours:
                    for w in range {
                        hoursByWeek[w].withUnsafeBufferPointer { h in
                            for i in 0..<n { values[i] += h[i] > 0 ? 1 : (h[i].isNaN ? .nan : 0) }
                        }
                    }
                    for i in 0..<n { values[i] /= Double(range.count) }
                case .paidHours:
                    for w in range {
                        hoursByWeek[w].withUnsafeBufferPointer { h in
                            for i in 0..<n { values[i] += h[i] }
                        }
                    }
                    for i in 0..<n { values[i] /= Double(range.count) }
                case .companyRun:
                    values = runCompleted.map { done in done.map { $0 <= window.lastWeek ? 1 : 0 } ?? 0 }
                case .flexJob:
                    values = flexByWeek[range.upperBound - 1]
                default:
                    values = [Double](repeating: .nan, count: n)
                }
                windowColumns.append(Column(outcome: outcome, window: window, week: nil, values: values))
            }
        }
        var curveColumns = [Column]()
        for outcome in plan.curveOutcomes {
            for w in 0..<weeks {
                let values: [Double]
                switch outcome {
                case .anyPaidHours: values = hoursByWeek[w].map { $0.isNaN ? .nan : ($0 > 0 ? 1 : 0) }
                case .paidHours: values = hoursByWeek[w]
                case .flexJob: values = flexByWeek[w]
                default: values = [Double](repeating: .nan, count: n)
                }
                curveColumns.append(Column(outcome: outcome, window: nil, week: w + 1, values: values))
            }
        }
        self.windowColumns = windowColumns
        self.curveColumns = curveColumns
    }
}
