// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Randomization
import Reporting
import TrialAnalysis
import TrialModel

/// The reports of a shipped trial (`Data/jobfirst`, `Data/flexjob`) as `effekt run` and
/// `effekt report --results` make them: the analysis of the folder's CSVs under the trial's own
/// reporting policy (20 randomization-inference replays, enough for every sentence that
/// mentions them), written to results JSON and read back, then rendered by `ReportSet`.
/// Each trial is analysed once per process.
enum ShippedReports {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let trials = ["jobfirst", "flexjob"]

    /// The results as `effekt report --results` reads them (through the JSON file).
    static func results(_ trial: String) throws -> AnalysisResults { try cache.get(trial) }

    /// Every file of the trial's reports in `language`.
    static func files(_ trial: String, _ language: ReportLanguage) throws -> [ReportFile] {
        ReportSet(results: try results(trial), language: language).files()
    }

    static func analyze(_ name: String) throws -> AnalysisResults {
        let dir = packageRoot.appendingPathComponent("Data/\(name)")
        func path(_ file: String) -> String { dir.appendingPathComponent(file).path }
        let trial = try TrialFile.load(path: path("trial.toml")).definition
        let roster = try RosterFile.read(path: path("roster.csv"), trial: trial)
        let allocation = try AllocationFile.read(path: path("allocation.csv"))
        var weekly = [ParticipantID: [WeeklyRecord]]()
        try WeeklyFile.scan(path: path("weekly.csv"), followUpWeeks: trial.followUpWeeks) { row in
            let id = ParticipantID(String(decoding: row.id, as: UTF8.self))
            weekly[id, default: []].append(WeeklyRecord(participant: id, week: row.week, paidHours: row.paidHours,
                                                        activity: row.activity, mentor: row.mentor, status: row.status))
        }
        for k in weekly.keys { weekly[k]!.sort { $0.week < $1.week } }
        let dataset = TrialDataset(trial: trial, participants: roster.participants,
                                   assignments: allocation.rows.map(\.assignment), weekly: weekly)
        let run = AnalysisRun(dataset: dataset, plan: AnalysisPlan(trial: trial, permutations: 20),
                              provenance: Provenance(dataHashes: ["trial.toml": String(repeating: "0", count: 64)],
                                                     seed: trial.seed, effektVersion: "0.0.0", command: "effekt run Data/\(name)"))
        return try AnalysisResults.decode(from: try run.results().jsonData())
    }

    private static let cache = Cache()
    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = [String: AnalysisResults]()
        func get(_ name: String) throws -> AnalysisResults {
            lock.lock(); defer { lock.unlock() }
            if let r = stored[name] { return r }
            let r = try ShippedReports.analyze(name)
            stored[name] = r
            return r
        }
    }
}
