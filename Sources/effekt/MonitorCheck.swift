// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import ProgrammeMonitoring

/// `effekt monitor check [--data DIR]`: reads and checks units.csv, cases.csv and goals.csv.
struct MonitorCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read and check units.csv, cases.csv and goals.csv; print their counts and SHA-256.",
        discussion: "Example:\n  $ effekt monitor check --data Data/placement-units")

    @OptionGroup var folder: MonitorFolder

    func run() throws {
        let register = try folder.register()
        let goals = try folder.goals(units: register.units)
        var t = TextTable(["file", "rows", "sha256"])
        t.append(["units.csv", "\(register.units.count)", register.unitsSHA256])
        t.append(["cases.csv", "\(register.cases.count)", register.casesSHA256])
        t.append(["goals.csv", "\(goals.count)", ""])
        print(t.rendered)
        print("\nAll rows pass the rules of docs/DATA-FORMATS.md; extract date \(register.latestDate.map { "\($0)" } ?? "–").")
    }
}
