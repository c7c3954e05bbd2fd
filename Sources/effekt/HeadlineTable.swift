// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis
import TrialModel

/// The headline table of an analysis, what `analyze` and `run` print with `--format`: one row per
/// cell × headline estimand (each outcome in each analysis window), in the results' cell order.
/// `csv` prints every row in full precision; `json` prints them beside the results' path; `table`
/// prints the whole-trial cell's rows rounded (the rest are in the CSV and the results JSON).
struct HeadlineTable {
    struct Row: Encodable {
        let cell: String
        let level: String
        let benefit: String?
        let municipality: String?
        let estimand: String
        let outcome: String
        let window: String
        let controlN: Int
        let treatedN: Int
        let controlMean: Double
        let treatedMean: Double
        let effect: Double
        let confLow: Double
        let confHigh: Double
        let pValue: Double
        let riPValue: Double?
        let notEstimable: String?
    }

    let rows: [Row]

    init(_ results: AnalysisResults) {
        rows = results.cells.flatMap { cell in
            cell.headline.map { e in
                Row(cell: cell.scope.key, level: cell.scope.level.rawValue, benefit: cell.scope.benefit,
                    municipality: cell.scope.municipality, estimand: e.id, outcome: e.outcome.rawValue,
                    window: e.window?.name ?? "all", controlN: e.controlN, treatedN: e.treatedN, controlMean: e.controlMean,
                    treatedMean: e.treatedMean, effect: e.effect, confLow: e.confLow, confHigh: e.confHigh, pValue: e.pValue,
                    riPValue: e.riPValue, notEstimable: e.notEstimable?.rawValue)
            }
        }
    }

    /// Every row, numbers in full precision (`NA` when missing).
    var csv: String {
        var t = TextTable(header: ["cell", "level", "benefit", "municipality", "estimand", "outcome", "window", "control_n",
                                   "treated_n", "control_mean", "treated_mean", "effect", "conf_low", "conf_high", "p_value",
                                   "ri_p_value", "not_estimable"])
        for r in rows {
            t.rows.append([r.cell, r.level, r.benefit ?? "", r.municipality ?? "", r.estimand, r.outcome, r.window,
                           "\(r.controlN)", "\(r.treatedN)"]
                          + [r.controlMean, r.treatedMean, r.effect, r.confLow, r.confHigh, r.pValue, r.riPValue ?? .nan].map(NumberText.full)
                          + [r.notEstimable ?? ""])
        }
        return t.csv
    }

    /// The whole-trial cell's rows, rounded for reading.
    var overallText: String {
        var t = TextTable(header: ["outcome", "window", "n control", "n treated", "control", "treated", "effect", "conf low",
                                   "conf high", "p"])
        for r in rows where r.level == CellScope.Level.overall.rawValue {
            t.rows.append([r.outcome, r.window, "\(r.controlN)", "\(r.treatedN)"]
                          + [r.controlMean, r.treatedMean, r.effect, r.confLow, r.confHigh].map { NumberText.significant($0, 4) }
                          + [NumberText.significant(r.pValue, 3)])
        }
        return t.rendered
    }

    /// The JSON of `--format json`: the files written and the rows.
    func json(files: [String: String]) throws -> String {
        struct Document: Encodable {
            let files: [String: String]
            let headline: [Row]
        }
        return try trialJSON(Document(files: files, headline: rows))
    }
}
