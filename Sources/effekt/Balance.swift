// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialModel
import TrialStorage

/// `effekt balance`: the baseline table by arm with WWC equivalence categories.
struct Balance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Baseline table by arm: means/SDs or shares, standardized differences, WWC category.",
        discussion: """
        Example:
          $ effekt balance
        """)

    @OptionGroup var options: TrialOptions

    @Option(name: .long, help: "table, csv or json.")
    var format: TrialOutputFormat = .table

    func run() throws {
        let b = try options.openStore(.read).balance()
        if format == .json { print(try trialJSON(b)); return }
        guard let first = b.rows.first else { print("trial.toml lists no baseline covariates ([baseline])."); return }
        let arms = first.arms.map(\.arm)
        let others = first.comparisons.map(\.arm)
        var t = TrialTextTable(["covariate"] + arms.flatMap { ["\($0) n", "\($0) mean", "\($0) sd"] }
                               + others.flatMap { ["g \($0)", "method", "wwc \($0)"] })
        for r in b.rows {
            t.append([r.level.map { "\(r.variable)=\($0)" } ?? r.variable]
                     + r.arms.flatMap { [String($0.n), trialDecimal($0.mean, 3), r.isShare ? "" : trialDecimal($0.standardDeviation, 3)] }
                     + r.comparisons.flatMap { [trialDecimal($0.standardizedDifference, 3), $0.method.rawValue, $0.category.rawValue] })
        }
        if format == .csv { print(t.csv); return }
        print(t.rendered)
        print("\nWWC: |g| <= 0.05 satisfies; 0.05 < |g| <= 0.25 requires adjustment; |g| > 0.25 does not satisfy. Shares use the Cox index.")
    }
}
