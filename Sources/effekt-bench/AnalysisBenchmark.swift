// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Randomization
import Reporting
import Simulation
import ProcessTuning
import TrialAnalysis
import TrialModel
import TrialStorage

/// `effekt-bench analysis`: analyze + report (issue 4) on the shipped JobFirst data and on a
/// simulated JobFirst trial of 100,000 participants × 104 weeks. Targets: under 10 s and under
/// 60 s of wall time on a 2-core machine. Figures only; it asserts nothing.
///
/// Per trial it times: loading the data into a `TrialDataset`; `TrialEvaluation.results` with 0
/// permutations and with `--permutations` (default 500, as `effekt analyze`), so that the
/// randomization-inference share shows; the results JSON plus `ReportSet.write` into a temporary
/// folder. The total counted against the target is load + analyze (with permutations) + report.
/// - Shipped data: load is CSV → dataset (trial.toml, roster.csv, allocation.csv, weekly.csv, as
///   parsed files), and, timed separately, the `effekt run` path through a fresh SQLite store
///   (enroll, randomize, compare with allocation.csv, record, read back).
/// - Simulated trial: generated in memory (`SyntheticTrialKind.jobFirst`, not counted); load is
///   the conversion of the simulated rows into the dataset (no CSV, no store).
/// Peak memory is the process's peak resident set during each trial (reset between trials).
struct AnalysisBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analysis",
        abstract: "Analyze + report on Data/jobfirst (target < 10 s) and a simulated 100,000 × 104-week trial (target < 60 s).")

    @Option(help: "The shipped trial folder.") var data = "Data/jobfirst"
    @Option(help: "Randomization-inference permutations (besides the run with 0).") var permutations = 500
    @Option(help: "Participants of the simulated trial.") var participants = 100_000
    @Option(help: "Weeks of follow-up of the simulated trial.") var weeks = 104
    @Option(help: "Seed of the simulated trial.") var seed: UInt64 = JobFirstModel.shippedSeed
    @Flag(help: "Skip the shipped trial.") var skipShipped = false
    @Flag(help: "Skip the simulated trial.") var skipSimulated = false
    @Flag(help: "Skip the run with 0 permutations.") var skipWithoutInference = false
    @Option(help: "Folder for the temporary reports and store (deleted afterwards).") var directory: String?

    func run() throws {
        HeapSettings.retainFreedBlocks()
        let root = URL(fileURLWithPath: directory ?? NSTemporaryDirectory()).appendingPathComponent("effekt-bench-analysis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        print("analysis: analyze + report, \(ProcessInfo.processInfo.activeProcessorCount) cores; randomization inference \(permutations) permutations (and 0)")
        if !skipShipped { try shipped(root: root) }
        if !skipSimulated { try simulated(root: root) }
    }

    private func shipped(root: URL) throws {
        resetPeakMemory()
        let file = { (name: String) in URL(fileURLWithPath: data).appendingPathComponent(name).path }
        let load = try measure { () throws -> (TrialDataset, [String: String]) in
            let trial = try TrialFile.load(path: file("trial.toml"))
            let roster = try RosterFile.read(path: file("roster.csv"), trial: trial.definition)
            let allocation = try AllocationFile.read(path: file("allocation.csv"))
            var weekly = [ParticipantID: [WeeklyRecord]]()
            let scanned = try WeeklyFile.scan(path: file("weekly.csv"), followUpWeeks: trial.definition.followUpWeeks) { row in
                let id = ParticipantID(String(decoding: row.id, as: UTF8.self))
                weekly[id, default: []].append(WeeklyRecord(week: row.week, paidHours: row.paidHours,
                                                            activity: row.activity, mentor: row.mentor, status: row.status))
            }
            let dataset = TrialDataset(trial: trial.definition, participants: roster.participants,
                                       assignments: allocation.rows.map(\.assignment), weekly: weekly)
            return (dataset, ["roster.csv": roster.sha256, "allocation.csv": allocation.sha256, "weekly.csv": scanned.sha256])
        }
        let (dataset, hashes) = load.value
        let rows = dataset.units.reduce(0) { $0 + $1.history.records.count }
        print("\nJobFirst, shipped (\(data)): \(dataset.units.count) participants × \(dataset.trial.followUpWeeks) weeks, \(rows) weekly rows")
        line("load: CSV → dataset", load.seconds)

        let storePath = root.appendingPathComponent("effekt.sqlite").path
        let viaStore = try measure { () throws -> Int in
            let trial = try TrialFile.load(path: file("trial.toml"))
            let store = try TrialStore.open(path: storePath, trial: trial, create: true)
            _ = try store.enroll(try RosterFile.read(path: file("roster.csv"), trial: trial.definition))
            _ = try store.randomize()
            let allocation = try AllocationFile.read(path: file("allocation.csv"))
            if let difference = allocation.firstDifference(from: try store.allocationLog().map(\.assignment)) {
                throw ValidationError("The replay differs from allocation.csv: \(difference)")
            }
            _ = try store.record(weeklyPath: file("weekly.csv"))
            let stored = TrialDataset(trial: store.definition, participants: try store.participants().map(\.participant),
                                      assignments: try store.allocationLog().map(\.assignment), weekly: try store.weeklyRecords())
            return stored.units.count
        }
        line("load: `effekt run` path through a fresh store", viaStore.seconds,
             "enroll, randomize, compare with allocation.csv, record, read back (\(viaStore.value) units; not in the total)")
        let provenance = Provenance(dataHashes: hashes, seed: dataset.trial.seed, effektVersion: "bench", command: "effekt-bench analysis")
        try analyzeAndReport(dataset, provenance: provenance, load: load.seconds, target: 10, root: root.appendingPathComponent("shipped"))
    }

    private func simulated(root: URL) throws {
        resetPeakMemory()
        let simulation = measure { SyntheticTrialKind.jobFirst(seed: seed, size: JobFirstSize(participants: participants, followUpWeeks: weeks), tables: false) }
        let trial = simulation.value
        let rows = trial.weeks.reduce(0) { $0 + $1.count }
        print("\nJobFirst, simulated (seed \(seed)): \(trial.participants.count) participants × \(weeks) weeks, \(rows) weekly rows")
        line("simulate (in memory)", simulation.seconds, "not in the total")
        let load = try measure { () throws -> TrialDataset in
            let toml = String(decoding: trial.files.files.first { $0.name == "trial.toml" }!.bytes, as: UTF8.self)
            let definition = try TrialDefinition(toml: toml, file: "trial.toml")
            var weekly = [ParticipantID: [WeeklyRecord]](minimumCapacity: trial.participants.count)
            for (p, rowsOfP) in zip(trial.participants, trial.weeks) {
                weekly[p.id] = rowsOfP.map {
                    WeeklyRecord(week: $0.week, paidHours: $0.paidHours, activity: $0.activity, mentor: $0.mentor, status: $0.status)
                }
            }
            return TrialDataset(trial: definition, participants: trial.participants, assignments: trial.assignments, weekly: weekly)
        }
        line("load: simulated rows → dataset", load.seconds)
        let provenance = Provenance(dataHashes: [:], seed: seed, effektVersion: "bench", command: "effekt-bench analysis")
        try analyzeAndReport(load.value, provenance: provenance, load: load.seconds, target: 60, root: root.appendingPathComponent("simulated"))
    }

    private func analyzeAndReport(_ dataset: TrialDataset, provenance: Provenance, load: Double, target: Double, root: URL) throws {
        var withoutInference: Double?
        if !skipWithoutInference {
            let plain = try measure { try TrialEvaluation(dataset: dataset, plan: AnalysisPlan(trial: dataset.trial, permutations: 0), provenance: provenance).results() }
            line("analyze, 0 permutations", plain.seconds, "\(plain.value.cells.count) cells")
            withoutInference = plain.seconds
        }
        let run = TrialEvaluation(dataset: dataset, plan: AnalysisPlan(trial: dataset.trial, permutations: permutations), provenance: provenance)
        let analyzed = try measure { try run.results() }
        line("analyze, \(permutations) permutations", analyzed.seconds, withoutInference.map { plain in
            let ri = analyzed.seconds - plain
            return String(format: "randomization inference ≈ %.2f s (%.0f %%), %.3f s per permutation", ri, 100 * ri / analyzed.seconds,
                          ri / Double(max(permutations, 1)))
        } ?? "")
        let report = try measure { () throws -> [String] in
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try analyzed.value.jsonData().write(to: root.appendingPathComponent("results.json"))
            return try ReportSet.write(analyzed.value, language: dataset.trial.language, to: root.path)
        }
        line("report: results JSON + reports", report.seconds,
             "\(report.value.filter { $0.hasSuffix(".md") }.count) Markdown, \(report.value.filter { $0.hasSuffix(".svg") }.count) SVG (\(dataset.trial.language.rawValue))")
        let total = load + analyzed.seconds + report.seconds
        line("total: load + analyze + report", total,
             String(format: "%.2f× the %.0f s target (%@)", total / target, target, total < target ? "met" : "NOT met"))
        print(String(format: "  peak memory %.0f MiB", peakMemoryMiB()))
    }

    private func line(_ name: String, _ seconds: Double, _ detail: String = "") {
        print("  " + name.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%8.2f s   ", seconds) + detail)
    }
}
