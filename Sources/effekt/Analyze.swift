// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TrialAnalysis
import TrialStorage

/// `effekt analyze`: every estimate of the trial, written as results JSON.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate effects, curves, hazards, subgroups and site heterogeneity; write the results JSON.")

    @OptionGroup var options: TrialOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .long, help: "Where to write the results JSON (default: results.json beside the store).")
    var out: String?

    func run() throws {
        let store = try options.openStore(.read)
        let (results, _, _) = try analysis.analyze(store: store, command: commandLineText)
        let path = out ?? URL(fileURLWithPath: options.storePath).deletingLastPathComponent().appendingPathComponent("results.json").path
        try results.jsonData().write(to: URL(fileURLWithPath: path))
        let benefits = results.trial.benefits.count
        print("Wrote \(path): \(results.cells.count) cells (overall, \(benefits) benefit type\(benefits == 1 ? "" : "s"), municipality × benefit type).")
    }
}
