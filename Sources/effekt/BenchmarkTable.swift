// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis
import TrialModel

/// National benchmarks beside the trial's arms, as `effekt reproduce` prints them: per
/// benchmark and arm (all first) the share in per cent with its interval, and the national share.
enum BenchmarkTable {
    static func rendered(_ c: BenchmarkComparison) -> String {
        var t = TextTable(["benchmark", "status", "week", "arm", "n", "count", "percent", "conf_low", "conf_high", "national", "source"])
        for row in c.rows {
            for s in row.shares {
                t.append([row.benchmark.id, row.benchmark.status.rawValue, String(row.week), s.arm ?? "all", String(s.n), String(s.count),
                          NumberText.fixed(100 * s.share, 1), NumberText.fixed(100 * s.low, 1), NumberText.fixed(100 * s.high, 1),
                          row.benchmark.percent, s.arm == nil ? row.benchmark.source : ""])
            }
        }
        let level = Int((c.level * 100).rounded())
        return "National benchmarks (benchmarks.csv) beside the trial's arms, with the trial's \(level) % interval:\n" + t.rendered
    }
}
