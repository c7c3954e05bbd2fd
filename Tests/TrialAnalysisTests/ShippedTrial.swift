// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Randomization
import TrialModel
@testable import TrialAnalysis

/// Loads a shipped trial folder (`Data/flexjob`, `Data/jobfirst`) straight from its CSVs —
/// trial.toml, roster.csv, allocation.csv (the logged assignments), weekly.csv — without a store,
/// and runs the analysis once per trial and process (shared by the test methods).
enum ShippedTrial {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func dataset(_ name: String) throws -> TrialDataset {
        let dir = packageRoot.appendingPathComponent("Data/\(name)")
        let trial = try TrialFile.load(path: dir.appendingPathComponent("trial.toml").path).definition
        let roster = try RosterFile.read(path: dir.appendingPathComponent("roster.csv").path, trial: trial)
        let allocation = try AllocationFile.read(path: dir.appendingPathComponent("allocation.csv").path)
        var weekly = [ParticipantID: [WeeklyRecord]]()
        try WeeklyFile.scan(path: dir.appendingPathComponent("weekly.csv").path, followUpWeeks: trial.followUpWeeks) { row in
            let id = ParticipantID(String(decoding: row.id, as: UTF8.self))
            weekly[id, default: []].append(WeeklyRecord(participant: id, week: row.week, paidHours: row.paidHours,
                                                        activity: row.activity, mentor: row.mentor, status: row.status))
        }
        for k in weekly.keys { weekly[k]!.sort { $0.week < $1.week } }
        return TrialDataset(trial: trial, participants: roster.participants, assignments: allocation.rows.map(\.assignment), weekly: weekly)
    }

    static func analyze(_ name: String) throws -> AnalysisResults {
        let d = try dataset(name)
        // The R scripts fit Lin's adjustment and every Cox model in every cell: to compare the
        // estimators, the small-cell policy is relaxed to let each cell use them
        // (`SmallCellPolicyTests` checks the policy itself).
        var trial = d.trial
        trial.reporting = ReportingPolicy(minPersons: 1, minPerArmPerParameter: 1, minEventsPerArm: 1)
        let plan = AnalysisPlan(trial: trial, permutations: 0)
        return try AnalysisRun(dataset: d, plan: plan, provenance: Provenance(dataHashes: [:], seed: d.trial.seed, effektVersion: "test",
                                                                             command: "test")).results()
    }

    private static let cache = Cache()
    /// The analysis of a shipped trial with 0 permutations, computed once per process.
    static func results(_ name: String) throws -> AnalysisResults { try cache.get(name) }

    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = [String: AnalysisResults]()
        func get(_ name: String) throws -> AnalysisResults {
            lock.lock(); defer { lock.unlock() }
            if let r = stored[name] { return r }
            let r = try ShippedTrial.analyze(name)
            stored[name] = r
            return r
        }
    }
}

extension AnalysisResults {
    func cell(_ level: CellScope.Level, benefit: String? = nil, municipality: String? = nil) -> CellResults? {
        cells.first { $0.scope.level == level && (benefit == nil || $0.scope.benefit == benefit)
            && (municipality == nil || $0.scope.municipality == municipality) }
    }
}
