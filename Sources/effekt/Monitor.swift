// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ProgrammeMonitoring
import TrialModel
import TrialStorage

/// `effekt monitor …`: monitoring of programmes that are not randomized trials.
struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Monitor programmes that are not trials: placement units (cases, goals) and cooperation trials (staged assessments).",
        discussion: "The files are described in docs/DATA-FORMATS.md (units.csv, cases.csv, goals.csv, assessments.csv). "
            + "Every command reads them whole and checks every row; a bad row stops it with file, line, column and value, "
            + "and nothing is written.\n\nExample:\n  $ effekt monitor flows --unit fe03",
        subcommands: [MonitorSimulate.self, MonitorCheck.self, MonitorImport.self, MonitorVerify.self, MonitorFlows.self, MonitorGoals.self, MonitorAssessments.self, MonitorReport.self])
}

/// The folder of a placement-unit programme (units.csv, cases.csv, goals.csv), or a monitoring
/// store that holds them.
struct MonitorFolder: ParsableArguments {
    @Option(name: .long, help: "Folder with units.csv, cases.csv and goals.csv.")
    var data = "Data/placement-units"

    @Option(name: .long, help: ArgumentHelp(
        "Read the rows from this monitoring store (made by 'effekt monitor import') instead of the folder's files.", valueName: "PATH"))
    var store: String?

    func path(_ name: String) -> String { URL(fileURLWithPath: data).appendingPathComponent(name).path }

    func register() throws -> CaseRegister {
        try fromStoreOrFolder { folder in
            try CaseRegister.read(unitsPath: folder.appendingPathComponent("units.csv").path, casesPath: folder.appendingPathComponent("cases.csv").path,
                                  unitsName: store.map { "\($0) (units)" }, casesName: store.map { "\($0) (cases)" })
        }
    }

    func goals(units: [PlacementUnit]) throws -> [UnitGoal] {
        try fromStoreOrFolder { folder in
            try UnitGoal.read(path: folder.appendingPathComponent("goals.csv").path, units: units, displayName: store.map { "\($0) (goals)" })
        }
    }

    /// `read` on the data folder, or on the store's rows written out as the files (so that the
    /// store is read by the same readers and checks as the files).
    func fromStoreOrFolder<T>(_ read: (URL) throws -> T) throws -> T {
        guard let store else { return try read(URL(fileURLWithPath: data)) }
        return try MonitorFolder.exported(store: store, read)
    }

    /// `read` on a temporary folder holding the store's rows as files, removed afterwards.
    static func exported<T>(store: String, _ read: (URL) throws -> T) throws -> T {
        let opened = try MonitoringStore.open(path: store, access: .read)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-monitoring-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try opened.export(to: folder.path)
        return try read(folder)
    }
}

/// Percent with one decimal, or "–" when there is no denominator.
func percentText(_ share: Double) -> String { share.isNaN ? "–" : NumberText.fixed(share * 100, 1) }
