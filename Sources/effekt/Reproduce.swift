// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Randomization
import Reporting
import TrialAnalysis
import TrialModel
import TrialStorage

/// The shipped synthetic trials.
enum ShippedTrial: String, ExpressibleByArgument, CaseIterable {
    case jobfirst, flexjob
    case placementUnits = "placement-units"
}

/// `effekt reproduce jobfirst|flexjob|placement-units`: every published figure next to its reproduction.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyze a shipped trial and compare every figure in its published.csv with the reproduced estimate and CI.",
        discussion: """
        Exits with status 1 when a published figure lies outside its reproduced interval (or \
        cannot be reproduced), after printing every figure; --allow-misses exits 0 all the same.

        Example:
          $ effekt reproduce flexjob --allow-misses --permutations 0
        """)

    @Argument(help: "jobfirst, flexjob or placement-units.")
    var trial: ShippedTrial

    @Option(name: .long, help: "The trial folder (default: Data/<trial> under the current folder).")
    var data: String?

    @Option(name: .long, help: "table or json.")
    var format: ReproduceFormat = .table

    @Flag(name: .customLong("allow-misses"), help: "Exit 0 even when a published figure lies outside its reproduced interval.")
    var allowMisses = false

    @OptionGroup var analysis: AnalysisOptions

    enum ReproduceFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    struct Output: Encodable {
        let trial: String
        let seed: UInt64
        let level: Double
        let figures: [ReproducedFigure]
        /// Present when the folder has benchmarks.csv / trial.toml has a [tariff] and events were recorded.
        let benchmarks: [BenchmarkComparison.Row]?
        let costs: PlacementCosts?
    }

    func run() throws {
        if trial == .placementUnits { return try reproducePlacementUnits() }
        let directory = data ?? "Data/\(trial.rawValue)"
        let file = { (name: String) in URL(fileURLWithPath: directory).appendingPathComponent(name).path }
        guard FileManager.default.fileExists(atPath: file("published.csv")) else {
            throw AnalysisCommandError("\(file("published.csv")) is missing; run from the repository root or pass --data DIR.")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-reproduce-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let trialFile = try TrialFile.load(path: file("trial.toml"))
        let store = try TrialStore.open(path: dir.appendingPathComponent("effekt.sqlite").path, trial: trialFile, create: true)
        _ = try store.enroll(try RosterFile.read(path: file("roster.csv"), trial: trialFile.definition))
        _ = try store.randomize()
        let allocation = try AllocationFile.read(path: file("allocation.csv"))
        if let difference = allocation.firstDifference(from: try store.allocationLog().map(\.assignment)) {
            throw AnalysisCommandError("The randomization replayed from the seed does not reproduce allocation.csv: \(difference)")
        }
        try store.record(weeklyPath: file("weekly.csv"))
        if FileManager.default.fileExists(atPath: file("events.csv")) {
            try store.recordEvents(try PlacementEventFile.read(path: file("events.csv")), displayName: file("events.csv"))
        }
        let benchmarks = FileManager.default.fileExists(atPath: file("benchmarks.csv")) ? try NationalBenchmark.read(path: file("benchmarks.csv")) : []
        let (results, dataset, plan) = try analysis.analyze(store: store, command: commandLineText, benchmarks: benchmarks)
        let figures = FigureReproduction(dataset: dataset, plan: plan, results: results)
            .reproduce(try PublishedFigure.read(path: file("published.csv")))
        switch format {
        case .json:
            print(try trialJSON(Output(trial: trial.rawValue, seed: trialFile.definition.seed, level: plan.level, figures: figures,
                                       benchmarks: benchmarks.isEmpty ? nil : BenchmarkComparison(dataset: dataset, benchmarks: benchmarks, level: plan.level).rows,
                                       costs: PlacementCosts(dataset: dataset, level: plan.level))))
        case .table:
            var t = TextTable(["id", "description", "published", "estimate", "conf_low", "conf_high", "within", "unit"])
            for f in figures {
                // Counts print as counts; every other unit with 3 decimals.
                let decimals = f.unit == PublishedFigure.Unit.count.rawValue ? 0 : 3
                t.append([f.id, f.description, NumberText.fixed(f.published, decimals), NumberText.fixed(f.estimate, decimals),
                          NumberText.fixed(f.confLow, decimals), NumberText.fixed(f.confHigh, decimals),
                          f.estimate.isNaN ? "n/a" : (f.within ? "yes" : "NO"), f.unit])
            }
            print(t.rendered)
            let inside = figures.filter(\.within).count
            print("\n\(inside) of \(figures.count) published figures lie within the reproduced \(Int((plan.level * 100).rounded())) % interval.")
            if !benchmarks.isEmpty {
                print("\n" + BenchmarkTable.rendered(BenchmarkComparison(dataset: dataset, benchmarks: benchmarks, level: plan.level)))
            }
            if let costs = PlacementCosts(dataset: dataset, level: plan.level) {
                let labels = trialFile.definition.labels[.english].arms
                let arms = ComparedArms(treated: labels[costs.tariff.providerArm] ?? costs.tariff.providerArm,
                                        control: labels[trialFile.definition.controlArm] ?? trialFile.definition.controlArm)
                print("\n" + CostTable.rendered(costs, arms: arms))
            }
        }
        let misses = figures.filter { !$0.within }.count
        if misses > 0 && !allowMisses {
            throw AnalysisCommandError("\(misses) of \(figures.count) published figures lie outside their reproduced interval "
                                       + "; pass --allow-misses to exit 0 all the same.")
        }
    }
}
