// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Randomization
import TrialModel
import TestSupport
@testable import TrialAnalysis

/// Loads a shipped trial folder (`Data/flexjob`, `Data/jobfirst`) straight from its CSVs —
/// trial.toml, roster.csv, allocation.csv (the logged assignments), weekly.csv — without a store,
/// and runs the analysis once per trial and process (shared by the test methods).
enum ShippedTrial {
    static let packageRoot = ShippedTrialData.packageRoot

    static func dataset(_ name: String) throws -> TrialDataset { try ShippedTrialData.dataset(name) }

    static func analyze(_ name: String) throws -> AnalysisResults {
        let d = try dataset(name)
        // The R scripts fit Lin's adjustment and every Cox model in every cell: to compare the
        // estimators, the small-cell policy is relaxed to let each cell use them
        // (`SmallCellPolicyTests` checks the policy itself).
        var trial = d.trial
        trial.reporting = ReportingPolicy(minPersons: 1, minPerArmPerParameter: 1, minEventsPerArm: 1)
        let plan = AnalysisPlan(trial: trial, permutations: 0)
        return try TrialEvaluation(dataset: d, plan: plan, provenance: Provenance(dataHashes: [:], seed: d.trial.seed, effektVersion: "test",
                                                                             command: "test")).results()
    }

    private static let cache = OncePerKey<AnalysisResults>()
    /// The analysis of a shipped trial with 0 permutations, computed once per process.
    static func results(_ name: String) throws -> AnalysisResults { try cache.value(name, analyze) }
}

extension AnalysisResults {
    func cell(_ level: CellScope.Level, benefit: String? = nil, municipality: String? = nil) -> CellResults? {
        cells.first { $0.scope.level == level && (benefit == nil || $0.scope.benefit == benefit)
            && (municipality == nil || $0.scope.municipality == municipality) }
    }
}
