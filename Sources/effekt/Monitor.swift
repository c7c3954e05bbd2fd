// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ProgrammeMonitoring
import TrialModel

/// `effekt monitor …`: monitoring of programmes that are not randomized trials.
struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Monitor programmes that are not trials: placement units (cases, goals) and cooperation trials (staged assessments).",
        discussion: "The files are described in docs/DATA-FORMATS.md (units.csv, cases.csv, goals.csv, assessments.csv). "
            + "Every command reads them whole and checks every row; a bad row stops it with file, line, column and value, "
            + "and nothing is written.\n\nExample:\n  $ effekt monitor flows --unit fe03",
        subcommands: [MonitorSimulate.self, MonitorCheck.self, MonitorFlows.self, MonitorGoals.self, MonitorAssessments.self, MonitorReport.self])
}

/// The folder of a placement-unit programme: units.csv, cases.csv, goals.csv.
struct MonitorFolder: ParsableArguments {
    @Option(name: .long, help: "Folder with units.csv, cases.csv and goals.csv (default: Data/placement-units).")
    var data = "Data/placement-units"

    func path(_ name: String) -> String { URL(fileURLWithPath: data).appendingPathComponent(name).path }

    func register() throws -> CaseRegister {
        try CaseRegister.read(unitsPath: path("units.csv"), casesPath: path("cases.csv"))
    }

    func goals(units: [PlacementUnit]) throws -> [UnitGoal] { try UnitGoal.read(path: path("goals.csv"), units: units) }
}

/// Percent with one decimal, or "–" when there is no denominator.
func percentText(_ share: Double) -> String { share.isNaN ? "–" : NumberText.fixed(share * 100, 1) }
