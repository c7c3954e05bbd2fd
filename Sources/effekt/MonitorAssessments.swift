// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ProgrammeMonitoring
import TrialStorage

/// `effekt monitor assessments [--data DIR]`: staged assessments per evaluation area.
struct MonitorAssessments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessments",
        abstract: "Staged assessments per evaluation area: levels at baseline, midway and final, and the change (descriptive only).",
        discussion: "Example:\n  $ effekt monitor assessments --data Data/cooperation-trials")

    @Option(name: .long, help: "Folder with assessments.csv.")
    var data = "Data/cooperation-trials"

    @Option(name: .long, help: ArgumentHelp(
        "Read the assessments from this monitoring store (made by 'effekt monitor import') instead of the folder.", valueName: "PATH"))
    var store: String?

    func run() throws {
        let rows = try store.map { store in
            try MonitorFolder.exported(store: store) { f in
                try StagedAssessment.read(path: f.appendingPathComponent("assessments.csv").path, displayName: "\(store) (assessments)")
            }
        } ?? StagedAssessment.read(path: URL(fileURLWithPath: data).appendingPathComponent("assessments.csv").path)
        let s = AssessmentSummary(rows)
        var t = TextTable(["area", "n", "median baseline", "median midway", "median final", "mean change", "up", "same", "down"])
        for a in s.byChange {
            t.append([a.area.rawValue, "\(a.pairedCount)"] + AssessmentPoint.allCases.map { a.median[$0].map { NumberText.fixed($0, 1) } ?? "–" }
                     + [NumberText.fixed(a.meanChange, 2), "\(a.movedUp)", "\(a.unchanged)", "\(a.movedDown)"])
        }
        print(t.rendered)
        print("\n\(s.trialCount) trials; levels 1–5 are ordered categories, a change is a difference in levels. Descriptive only: "
              + "the trials are all there were (not a sample), were not randomized, and n = \(s.trialCount) leaves no power for a test.")
    }
}
