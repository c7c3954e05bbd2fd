// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Randomization
import Reporting
import TrialAnalysis
import TrialModel
import TestSupport

/// The reports of a shipped trial (`Data/jobfirst`, `Data/flexjob`) as `effekt run` and
/// `effekt report --results` make them: the analysis of the folder's CSVs under the trial's own
/// reporting policy (20 randomization-inference replays, enough for every sentence that
/// mentions them), written to results JSON and read back, then rendered by `ReportSet`.
/// Each trial is analysed once per process.
enum ShippedReports {
    static let packageRoot = ShippedTrialData.packageRoot
    static let trials = ["jobfirst", "flexjob"]

    /// The results as `effekt report --results` reads them (through the JSON file).
    static func results(_ trial: String) throws -> AnalysisResults { try cache.value(trial, analyze) }

    /// Every file of the trial's reports in `language`.
    static func files(_ trial: String, _ language: ReportLanguage) throws -> [ReportFile] {
        ReportSet(results: try results(trial), language: language).files()
    }

    static func analyze(_ name: String) throws -> AnalysisResults {
        let dataset = try ShippedTrialData.dataset(name)
        let trial = dataset.trial
        let run = TrialEvaluation(dataset: dataset, plan: AnalysisPlan(trial: trial, permutations: 20),
                              provenance: Provenance(dataHashes: ["trial.toml": String(repeating: "0", count: 64)],
                                                     seed: trial.seed, effektVersion: "0.0.0", command: "effekt run Data/\(name)"))
        return try AnalysisResults.decode(from: try run.results().jsonData())
    }

    private static let cache = OncePerKey<AnalysisResults>()
}
