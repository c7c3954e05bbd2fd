// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TrialAnalysis
import TrialModel
import TrialStorage

/// `effekt analyze`: every estimate of the trial, written as results JSON.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate effects, curves, hazards, subgroups and site heterogeneity; write the results JSON.",
        discussion: """
            Prints the headline estimates: the whole trial's with --format table, one row per cell (whole trial, \
            benefit type, municipality × benefit type) × outcome and window with --format csv (columns cell, level, \
            benefit, municipality, estimand, outcome, window, control_n, treated_n, control_mean, treated_mean, effect, \
            conf_low, conf_high, p_value, ri_p_value, not_estimable; full precision, NA when missing), and the same \
            rows beside the results' path with --format json. Every other estimate is in the results JSON.

            National benchmarks (benchmarks.csv: national shares beside the arms, shown in the results and by \
            `effekt report`, as `effekt run` does) are read from --benchmarks, or from benchmarks.csv beside the \
            trial file when it is there.

            Example: analyse the recorded trial with 20 randomization-inference replays:
              $ effekt analyze --permutations 20 --quiet
            """)

    @OptionGroup var options: TrialOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .long, help: "Where to write the results JSON (default: results.json beside the store).")
    var out: String?

    @Option(name: .long, help: ArgumentHelp("National benchmarks CSV shown beside the arms (default: benchmarks.csv beside the trial file, when present).",
                                            valueName: "PATH"))
    var benchmarks: String?

    @Option(name: .long, help: "What to print: table (the whole trial's headline estimates), csv (every cell's) or json.")
    var format: OutputFormat = .table

    func run() throws {
        let store = try options.openStore(.read)
        let (results, _, _) = try analysis.analyze(store: store, command: commandLineText, benchmarks: try nationalBenchmarks())
        let path = out ?? URL(fileURLWithPath: options.storePath).deletingLastPathComponent().appendingPathComponent("results.json").path
        try results.jsonData().write(to: URL(fileURLWithPath: path))
        let benefits = results.trial.benefits.count
        let headline = HeadlineTable(results)
        switch format {
        case .table:
            print("Wrote \(path): \(results.cells.count) cells (overall, \(benefits) benefit type\(benefits == 1 ? "" : "s"), municipality × benefit type).\n")
            print(headline.overallText)
        case .csv: print(headline.csv)
        case .json: print(try headline.json(files: ["results": path]))
        }
    }

    /// The benchmarks of --benchmarks (which must exist), else of benchmarks.csv beside the trial
    /// file when it is there, else none.
    func nationalBenchmarks() throws -> [NationalBenchmark] {
        if let benchmarks { return try NationalBenchmark.read(path: benchmarks) }
        let beside = URL(fileURLWithPath: options.trial).deletingLastPathComponent().appendingPathComponent("benchmarks.csv").path
        return FileManager.default.fileExists(atPath: beside) ? try NationalBenchmark.read(path: beside) : []
    }
}
