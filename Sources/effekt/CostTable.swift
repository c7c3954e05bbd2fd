// SPDX-License-Identifier: GPL-3.0-or-later
import Reporting
import TrialAnalysis
import TrialModel

/// The payment model's costs as `effekt reproduce` prints them: one row per municipality (and
/// all) and arm, then the incremental cost per additional person placed in words (English).
enum CostTable {
    static func rendered(_ costs: PlacementCosts, arms: ComparedArms) -> String {
        let number = NumberStyle(language: .english)
        let currency = costs.tariff.currency
        var t = TextTable(["municipality", "arm", "citizens", "placed"] + PaymentMilestone.allCases.map(\.rawValue)
                          + ["total_cost", "cost_per_flex_job"])
        var sentences = [String]()
        let texts = EnglishTexts(arms: arms)
        for g in costs.groups {
            for a in [g.provider, g.control] {
                let payouts = PaymentMilestone.allCases.map { m in a.payouts.first { $0.milestone == m }.map { String($0.count) } ?? "" }
                t.append([g.municipality ?? "all", a.arm, String(a.citizens), String(a.placed)] + payouts
                         + [NumberText.fixed(a.totalCost, 0), a.costPerFlexJob.map { NumberText.fixed($0, 0) } ?? "n/a"])
            }
            if let c = g.incremental {
                func money(_ x: Double) -> String { number.decimal(x, digits: 0) + " " + currency }
                let (low, high): (Double, Double)
                switch c.interval {
                case let .bounded(l, h), let .twoRays(l, h): (low, high) = (l, h)
                case .wholeLine: (low, high) = (.nan, .nan)
                }
                sentences.append("\(g.municipality ?? "All"): " + texts.incrementalCostSentence(
                    c.verdict, ratio: money(c.ratio), interval: c.interval, low: money(low), high: money(high),
                    levelPercent: number.decimal(c.level * 100, digits: 0)))
            }
        }
        return "Payouts by milestone (citizens paid) and costs in \(currency) (tariff from trial.toml):\n" + t.rendered
            + "\n\n" + sentences.joined(separator: "\n")
    }
}
