// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ProgrammeMonitoring
import TrialModel

extension Reproduce {
    struct MonitoringOutput: Encodable {
        let programme: String
        let level: Double
        let figures: [ReproducedMonitoringFigure]
    }

    /// `effekt reproduce placement-units`: every figure of Data/placement-units/published.csv next
    /// to its reproduction from units.csv, cases.csv and goals.csv; the same table and exit status
    /// as the trials' reproduction, with the Danish wording and the tolerance of each figure.
    func reproducePlacementUnits() throws {
        let directory = data ?? "Data/placement-units"
        let file = { (name: String) in URL(fileURLWithPath: directory).appendingPathComponent(name).path }
        guard FileManager.default.fileExists(atPath: file("published.csv")) else {
            throw AnalysisCommandError("\(file("published.csv")) is missing; run from the repository root or pass --data DIR.")
        }
        let register = try CaseRegister.read(unitsPath: file("units.csv"), casesPath: file("cases.csv"))
        let goals = try UnitGoal.read(path: file("goals.csv"), units: register.units)
        let level = analysis.level
        let figures = MonitoringReproduction(register: register, goals: goals, level: level)
            .reproduce(try MonitoringFigure.read(path: file("published.csv")))
        switch format {
        case .json:
            print(try trialJSON(MonitoringOutput(programme: trial.rawValue, level: level, figures: figures)))
        case .table:
            var t = TextTable(["id", "wording (da)", "published", "tolerance", "estimate", "conf_low", "conf_high", "within", "unit"])
            for f in figures {
                let decimals = f.unit == PublishedFigure.Unit.count.rawValue && f.published == f.published.rounded() && f.tolerance == 0 ? 0 : 2
                t.append([f.id, f.wordingDanish, NumberText.fixed(f.published, decimals), NumberText.fixed(f.tolerance, decimals),
                          NumberText.fixed(f.estimate, decimals), NumberText.fixed(f.confLow, decimals), NumberText.fixed(f.confHigh, decimals),
                          f.estimate.isNaN ? "n/a" : (f.within ? "yes" : "NO"), f.unit])
            }
            print(t.rendered)
            let inside = figures.filter(\.within).count
            print("\n\(inside) of \(figures.count) published figures: the reproduced \(Int((level * 100).rounded())) % interval meets the published wording's band (published ± tolerance).")
        }
        let misses = figures.filter { !$0.within }.count
        if misses > 0 && !allowMisses {
            throw AnalysisCommandError("\(misses) of \(figures.count) published figures lie outside their band; pass --allow-misses to exit 0 all the same.")
        }
    }
}
