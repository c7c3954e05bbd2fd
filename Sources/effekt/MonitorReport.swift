// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ProgrammeMonitoring
import Reporting
import TrialModel

/// `effekt monitor report --lang da|en --out DIR`: Markdown + SVG reports of the placement units
/// (overview and one per unit) and of the cooperation trials.
struct MonitorReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the monitoring reports (Markdown and SVG): an overview, one report per unit, and the cooperation trials.",
        discussion: "Person counts below 5 are shown as \"< 5\" with secondary suppression, as in the trial reports; "
            + "counts of units, goals and trials are shown as they are.\n\n"
            + "With --disclosure-check the written reports are then attacked as an intruder would, the unit, form and overview "
            + "reports together (printed counts, shares × N, sums within tables, differences across reports); each count of "
            + "fewer than 5 persons that can be rebuilt is named and the command exits 1.\n\n"
            + "Example:\n  $ effekt monitor report --lang en --out monitoring-reports --disclosure-check")

    @OptionGroup var folder: MonitorFolder

    @Option(name: .long, help: "Folder with assessments.csv (skipped when it has none, or when --store holds assessments).")
    var assessments = "Data/cooperation-trials"

    @Option(name: .long, help: "Report language: da or en.")
    var lang: ReportLanguage = .danish

    @Option(name: .long, help: "Output folder.")
    var out: String = "monitoring-reports"

    @Flag(name: .long, help: "Attack the written reports as an intruder would, across the overview, form and unit reports; exit 1 naming each count it can rebuild.")
    var disclosureCheck = false

    func run() throws {
        let register = try folder.register()
        let goals = try folder.goals(units: register.units)
        // The SYNTHETIC label of cases.csv; with --store, the store's assessments when it holds
        // some, else those of the assessments folder.
        let (stored, synthetic) = try folder.fromStoreOrFolder { f -> ([StagedAssessment], Bool) in
            let synthetic = (try? String(contentsOfFile: f.appendingPathComponent("cases.csv").path, encoding: .utf8).hasPrefix("# SYNTHETIC")) ?? false
            let path = f.appendingPathComponent("assessments.csv").path
            guard let store = folder.store, FileManager.default.fileExists(atPath: path) else { return ([], synthetic) }
            return (try StagedAssessment.read(path: path, displayName: "\(store) (assessments)"), synthetic)
        }
        let assessmentsPath = URL(fileURLWithPath: assessments).appendingPathComponent("assessments.csv").path
        let staged = !stored.isEmpty ? stored
            : FileManager.default.fileExists(atPath: assessmentsPath) ? try StagedAssessment.read(path: assessmentsPath) : []
        let set = MonitoringReportSet(register: register, goals: goals, assessments: staged, language: lang, synthetic: synthetic)
        let root = URL(fileURLWithPath: out, isDirectory: true)
        let files = set.files()
        for file in files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
        print("Wrote \(files.count) report files to \(out) (\(lang.rawValue)).")
        guard disclosureCheck else { return }
        // The files as written, read back from the folder.
        let written = try files.map { ReportFile(path: $0.path, contents: try String(contentsOf: root.appendingPathComponent($0.path), encoding: .utf8)) }
        let leaks = MonitoringReportSet.disclosureLeaks(of: written, units: register.units, threshold: ReportingPolicy.standard.minPersons)
        let unprotected = set.unprotectedCounts
        if leaks.isEmpty && unprotected.isEmpty {
            print("Disclosure check: no count of fewer than \(ReportingPolicy.standard.minPersons) persons can be rebuilt from \(out) "
                  + "(printed counts, shares × N, sums within tables, differences between unit, form and overview reports).")
            return
        }
        for leak in leaks { FileHandle.standardError.write(Data("disclosure leak: \(leak)\n".utf8)) }
        for cell in unprotected { FileHandle.standardError.write(Data("unprotected count: \(cell)\n".utf8)) }
        FileHandle.standardError.write(Data("Disclosure check failed: \(leaks.count + unprotected.count) leak(s) in \(out).\n".utf8))
        throw ExitCode(1)
    }
}
