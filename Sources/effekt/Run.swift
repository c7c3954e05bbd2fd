// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Randomization
import Reporting
import TrialAnalysis
import TrialModel
import TrialStorage

/// `effekt run DIR`: the whole job on a trial folder, into a fresh store.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enroll, randomize (checking the replay against allocation.csv), record, analyze and report a trial folder.",
        discussion: """
            DIR holds trial.toml, roster.csv, allocation.csv and weekly.csv (the shape of Data/jobfirst), and may hold events.csv (placement events, recorded after the weeks) and benchmarks.csv (national figures shown beside the arms). The store is created fresh: in a temporary folder, or at --store, which must not exist yet. When trial.toml says design = "external", allocation.csv is imported as drawn outside Effekt (as `effekt import-allocation` does) instead of being compared with a replay.

            Prints the files written and the headline estimates; --format csv and json print them as `effekt analyze` does.

            The --out folder receives only what may be published: the Markdown reports and their SVG figures. The results JSON (every estimate and count, for the evaluator, not for publication) goes to --results, by default beside the folder: reports → reports.results.json.

            Example: the flex-job trial in English, its results JSON beside the reports:
              $ effekt run Data/flexjob --out en --lang en --permutations 100 --quiet
            """)

    @Argument(help: "The trial folder.")
    var directory: String

    @Option(name: .long, help: "Output folder for the reports and figures (nothing else is written there).")
    var out: String = "reports"

    @Option(name: .long, help: "Where to write the results JSON (default: <out>.results.json beside the output folder).")
    var results: String?

    @Option(name: .long, help: "Report language: da or en (default: the trial's language).")
    var lang: ReportLanguage?

    @Option(name: .long, help: "Keep the store at this path (must not exist yet).")
    var store: String?

    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .long, help: "What to print: table (the files written and the whole trial's headline estimates), csv (every cell's headline estimates, as `effekt analyze --format csv`) or json.")
    var format: OutputFormat = .table

    func run() throws {
        let file = { (name: String) in URL(fileURLWithPath: directory).appendingPathComponent(name).path }
        for name in ["trial.toml", "roster.csv", "allocation.csv", "weekly.csv"] where !FileManager.default.fileExists(atPath: file(name)) {
            throw AnalysisCommandError("\(file(name)) is missing; a trial folder needs trial.toml, roster.csv, allocation.csv and weekly.csv.")
        }
        let storePath: String
        if let store {
            if FileManager.default.fileExists(atPath: store) {
                throw AnalysisCommandError("The store \(store) exists already; `run` builds a fresh one. Remove it or choose another --store.")
            }
            storePath = store
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            storePath = dir.appendingPathComponent("effekt.sqlite").path
        }
        let trialFile = try TrialFile.load(path: file("trial.toml"))
        let trialStore = try TrialStore.open(path: storePath, trial: trialFile, create: true)
        let roster = try RosterFile.read(path: file("roster.csv"), trial: trialFile.definition)
        let enrolled = try trialStore.enroll(roster)
        status("Enrolled \(enrolled.enrolled) participants from \(file("roster.csv")).")
        let allocationSHA256: String
        if trialFile.definition.design == .external {
            let allocation = try ImportedAllocationFile.read(path: file("allocation.csv"), trial: trialFile.definition)
            let imported = try trialStore.importAllocation(allocation)
            allocationSHA256 = allocation.sha256
            status("Imported \(imported.added) assignments from \(file("allocation.csv")): drawn outside Effekt, assumed design "
                   + "\(trialFile.definition.assumedDesign?.rawValue ?? "").")
        } else {
            _ = try trialStore.randomize()
            let allocation = try AllocationFile.read(path: file("allocation.csv"))
            if let difference = allocation.firstDifference(from: try trialStore.allocationLog().map(\.assignment)) {
                throw AnalysisCommandError("The randomization replayed from the seed does not reproduce allocation.csv: \(difference)")
            }
            allocationSHA256 = allocation.sha256
            status("Randomized \(allocation.rows.count) participants; the replay equals allocation.csv.")
        }
        let recorded = try trialStore.record(weeklyPath: file("weekly.csv"))
        status("Recorded \(recorded.rows) weekly rows from \(file("weekly.csv")).")
        if FileManager.default.fileExists(atPath: file("events.csv")) {
            let events = try trialStore.recordEvents(try PlacementEventFile.read(path: file("events.csv")), displayName: file("events.csv"))
            status("Recorded \(events.rows) placement events from \(file("events.csv")).")
        }
        let benchmarks = FileManager.default.fileExists(atPath: file("benchmarks.csv")) ? try NationalBenchmark.read(path: file("benchmarks.csv")) : []
        let (results, _, _) = try analysis.analyze(store: trialStore, command: commandLineText,
                                                    extraHashes: ["allocation.csv": allocationSHA256], benchmarks: benchmarks)
        let resultsPath = self.results ?? Self.defaultResultsPath(out: out)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: resultsPath).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try results.jsonData().write(to: URL(fileURLWithPath: resultsPath))
        let files = try ReportSet.write(results, language: lang ?? trialFile.definition.language, to: out)
        let headline = HeadlineTable(results)
        switch format {
        case .table:
            print("Store: \(storePath)")
            print("Results: \(resultsPath)")
            print("Reports (\(files.filter { $0.hasSuffix(".md") }.count) Markdown files, \(files.filter { $0.hasSuffix(".svg") }.count) SVG figures):")
            for f in files where f.hasSuffix(".md") { print("  \(URL(fileURLWithPath: out).appendingPathComponent(f).path)") }
            print("\n" + headline.overallText)
        case .csv: print(headline.csv)
        case .json: print(try headline.json(files: ["store": storePath, "results": resultsPath, "reports": out]))
        }
    }

    /// `reports/jobfirst` → `reports/jobfirst.results.json`: beside the folder that is published, never in it.
    static func defaultResultsPath(out: String) -> String {
        var folder = out
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        return folder + ".results.json"
    }

    private func status(_ line: String) {
        if !analysis.quiet { FileHandle.standardError.write((line + "\n").data(using: .utf8)!) }
    }
}
