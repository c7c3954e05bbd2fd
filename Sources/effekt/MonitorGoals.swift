// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import ProgrammeMonitoring

/// `effekt monitor goals [--data DIR] [--unit U]`: grade tables.
struct MonitorGoals: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goals",
        abstract: "Goal attainment: grades I+ / I / DI / II / IO per goal, per goal type and per organisation form.",
        discussion: "Grades: I+ r >= 1.5; I 0.9 <= r < 1.5; DI 0.5 <= r < 0.9; II r < 0.5; IO not measured or measured differently "
            + "(r = achieved / target, target / achieved for maximum waiting days; the revised target when given).\n\n"
            + "Example:\n  $ effekt monitor goals --unit fe03")

    @OptionGroup var folder: MonitorFolder

    @Option(help: "Print this unit's goals one by one.")
    var unit: String?

    func run() throws {
        let register = try folder.register()
        let summary = GoalSummary(goals: try folder.goals(units: register.units), units: register.units)
        if let unit {
            var t = TextTable(["goal", "type", "target", "revised", "achieved", "r", "grade", "preliminary"])
            for g in summary.goals(of: unit) {
                t.append([g.goal, g.type.rawValue, "\(g.target)", g.revisedTarget.map { "\($0)" } ?? "", g.achieved.map { "\($0)" } ?? "",
                          g.attainment.map { NumberText.fixed($0.ratio, 2) } ?? "", g.grade.rawValue, g.preliminary ? "yes" : "no"])
            }
            print(t.rendered + "\n")
        }
        let header = ["goals"] + GoalGrade.allCases.map(\.rawValue) + ["preliminary"]
        var byType = TextTable(["goal type"] + header)
        for (type, c) in summary.byType { byType.append([type.rawValue, "\(c.total)"] + c.byGrade.map(String.init) + ["\(c.preliminary)"]) }
        print(byType.rendered + "\n")
        var byForm = TextTable(["organisation form"] + header)
        for (form, c) in summary.byOrganisationForm { byForm.append([form.rawValue, "\(c.total)"] + c.byGrade.map(String.init) + ["\(c.preliminary)"]) }
        print(byForm.rendered)
    }
}
