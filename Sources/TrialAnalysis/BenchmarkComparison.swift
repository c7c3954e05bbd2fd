// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import TrialModel

/// National benchmarks beside the trial's arms: for each benchmark, the share of each arm (and
/// of all) with the status in the benchmark's week, with a Wald interval `p ± z √(p(1−p)/n)`
/// at the analysis level (clamped to 0–1), and whether the national share lies within it.
///
/// A person's status in week w is the week's recorded status; after an absorbing exit (no later
/// rows) it stays the exit's status, so "on disability pension at month 12" counts those who
/// left for it earlier. Persons with neither a record of week w nor an earlier exit are left out
/// of that n. Complexity: O(benchmarks × weeks).
public struct BenchmarkComparison: Sendable, Codable {
    public struct Share: Hashable, Sendable, Codable {
        /// The arm, or nil for all arms together.
        public let arm: String?
        public let n: Int
        public let count: Int
        public let share: Double
        public let low: Double
        public let high: Double
    }

    public struct Row: Sendable, Codable, Equatable {
        public let benchmark: NationalBenchmark
        public let week: Int
        /// All arms first, then each arm in the trial's order.
        public let shares: [Share]
        /// The national share lies within the interval of all arms together.
        public var nationalWithinTrial: Bool { shares[0].low <= benchmark.share && benchmark.share <= shares[0].high }
    }

    public let level: Double
    public let rows: [Row]

    public init(dataset: TrialDataset, benchmarks: [NationalBenchmark], level: Double) {
        self.level = level
        let z = Normal.standard.quantile(0.5 + level / 2)
        rows = benchmarks.map { b in
            let week = min(b.week, dataset.trial.followUpWeeks)
            func status(_ u: TrialDataset.Unit) -> BenefitStatus? {
                if let r = u.history.record(week: week) { return r.status }
                if let last = u.history.records.last, last.week < week, last.status.isAbsorbingExit { return last.status }
                return nil
            }
            func share(_ arm: String?) -> Share {
                let s = dataset.units.filter { arm == nil || $0.arm == arm }.compactMap(status)
                let n = s.count, k = s.filter { $0 == b.status }.count
                let p = n > 0 ? Double(k) / Double(n) : .nan
                let h = n > 0 ? z * (p * (1 - p) / Double(n)).squareRoot() : .nan
                return Share(arm: arm, n: n, count: k, share: p, low: max(0, p - h), high: min(1, p + h))
            }
            return Row(benchmark: b, week: week, shares: [share(nil)] + dataset.trial.arms.map { share($0.name) })
        }
    }
}
