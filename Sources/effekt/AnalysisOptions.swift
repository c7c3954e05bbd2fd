// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Regression
import ProcessTuning
import TrialAnalysis
import TrialModel
import TrialStorage

/// Options shared by `analyze`, `reproduce` and `run`.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .long, help: "Randomization-inference replays of the logged design (0 turns it off).")
    var permutations: Int = 500

    @Option(name: .customLong("inference-seed"), help: "Seed of the replays (default: the trial's seed + 1).")
    var inferenceSeed: UInt64?

    @Option(name: .long, help: "Confidence level of every interval.")
    var level: Double = 0.95

    @Option(name: .customLong("site-attributes"), help: "Optional CSV: municipality, then one numeric column per attribute (e.g. caseload, internship_share).")
    var siteAttributes: String?

    @Flag(name: .long, help: "No progress bar on standard error.")
    var quiet = false

    @Flag(name: .customLong("allow-unverified"),
          help: "Analyse a store that fails `effekt verify` (forensics only): the results and reports say it did not verify.")
    var allowUnverified = false

    func validate() throws {
        guard permutations >= 0 else { throw ValidationError("--permutations must be 0 or more; got \(permutations).") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie strictly between 0 and 1; got \(level).") }
    }

    func plan(for trial: TrialDefinition) throws -> AnalysisPlan {
        AnalysisPlan(trial: trial, level: level, covariance: .hc2, permutations: permutations,
                     inferenceSeed: inferenceSeed, siteAttributes: try siteAttributes.map(SiteAttributes.read) ?? [:])
    }

    /// Loads the randomized participants and their weeks from the store and runs the analysis.
    ///
    /// The store must verify first (allocation replay and import log), unless `--allow-unverified`;
    /// the results carry the store's head and whether it verified.
    func analyze(store: TrialStore, command: String, extraHashes: [String: String] = [:],
                 benchmarks: [NationalBenchmark] = []) throws -> (AnalysisResults, TrialDataset, AnalysisPlan) {
        let trial = store.definition
        // The verification reads the store through a second connection on a thread of its own
        // while this one loads the data (both only read; SQLite's WAL lets them run side by side):
        // at 100,000 participants × 104 weeks each took about 10 s.
        let verification = StoreVerification(store: try TrialStore.open(path: store.path, trial: store.trial, access: .read))
        // A damaged store may fail to load; the verification's account of it comes first.
        let loading = ProgressBar(label: "load weekly records", enabled: !quiet)
        let loaded = Result {
            TrialDataset(trial: trial, participants: try store.participants().map(\.participant),
                         assignments: try store.allocationLog().map(\.assignment), weekly: try store.weeklyRecords(progress: loading.update),
                         events: try store.placementEvents())
        }
        loading.finish()
        let (integrity, problems) = try verification.result()
        if let first = problems.first, !allowUnverified {
            throw AnalysisCommandError("The store does not verify: \(first)\(problems.count > 1 ? " (and \(problems.count - 1) more problem(s))" : ""). "
                                       + "Run `effekt verify` and resolve it before analysing; --allow-unverified analyses it all the same, for forensics only.")
        }
        let dataset = try loaded.get()
        var plan = try plan(for: trial)
        plan.benchmarks = benchmarks
        var hashes = [String: String]()
        for f in try store.importedFiles() { hashes[URL(fileURLWithPath: f.file).lastPathComponent] = f.sha256 }
        hashes.merge(extraHashes) { _, new in new }
        let provenance = Provenance(dataHashes: hashes, seed: trial.seed, effektVersion: EffektVersion.current, command: command,
                                    storeHead: StoreHead(digest: integrity.head, verified: problems.isEmpty))
        HeapSettings.retainFreedBlocks()
        let bar = ProgressBar(label: "randomization inference", enabled: !quiet && permutations > 0)
        let results = try TrialEvaluation(dataset: dataset, plan: plan, provenance: provenance).results(progress: bar.update)
        bar.finish()
        return (results, dataset, plan)
    }
}

/// `verifyIntegrity()` and `verify()` of a store, started at once on a thread of their own.
final class StoreVerification: @unchecked Sendable {
    private var outcome: Result<(IntegrityReport, [String]), any Error>?   // written once, before `done` is signalled
    private let done = DispatchSemaphore(value: 0)

    init(store: TrialStore) {
        Thread.detachNewThread { [self] in
            outcome = Result {
                let integrity = try store.verifyIntegrity()
                return (integrity, try store.verify().map(\.description) + integrity.problems.map(\.description))
            }
            done.signal()
        }
    }

    /// Waits for the verification: the integrity report and every problem found, in the order
    /// `effekt verify` gives them (allocation first).
    func result() throws -> (IntegrityReport, [String]) {
        done.wait()
        done.signal()
        return try outcome!.get()
    }
}

/// The command line as typed, for report footers.
var commandLineText: String {
    CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
}

/// Reads a municipality attribute file: a header `municipality,<attr>,…`, one row per municipality.
enum SiteAttributes {
    static func read(path: String) throws -> [String: [String: Double]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AnalysisCommandError("Cannot read the site attribute file \(path); check that it exists.")
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        guard let header = lines.first?.split(separator: ",").map(String.init), header.first == "municipality" else {
            throw AnalysisCommandError("\(path), line 1: the first column must be 'municipality'.")
        }
        var out = [String: [String: Double]]()
        for (n, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for (k, name) in header.enumerated().dropFirst() where k < fields.count {
                guard let v = Double(fields[k]) else {
                    throw AnalysisCommandError("\(path), line \(n + 2), column \(name): '\(fields[k])' is not a number.")
                }
                out[fields[0], default: [:]][name] = v
            }
        }
        return out
    }
}

/// A run-time failure of an analysis command, printed as its one sentence (ArgumentParser adds
/// the usage text only to `ValidationError`s, which are for bad flags).
struct AnalysisCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
