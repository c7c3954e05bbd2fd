// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import SurvivalAnalysis

/// `effekt survival logrank`: the (stratified) log-rank test, as R's `survdiff`.
struct SurvivalLogRank: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logrank", abstract: "Log-rank test between groups, optionally stratified (as R's survdiff).",
        discussion: """
        Example:
          $ effekt survival logrank --data Tests/Fixtures/survival/lung.csv \\
              --time time --event status --group sex --strata ph_ecog
        """)

    @OptionGroup var input: SurvivalDataOptions<BinaryEventCoding>

    @Option(help: "Column defining the groups to compare.")
    var group: String

    @Option(help: "Column defining strata (separate comparisons, summed).")
    var strata: String?

    @Option(help: "ρ of the Harrington–Fleming G-ρ family (0 = log-rank).")
    var rho: Double = 0

    func validate() throws {
        guard rho >= 0, rho.isFinite else { throw ValidationError("--rho must be 0 or more.") }
    }

    func run() throws {
        let (table, dropped) = try input.read(SurvivalColumns(strata: strata, group: group))
        let data = try input.survivalData(table)
        let groups = survivalGrouping(table, column: group)
        let strataGrouping = strata.map { survivalGrouping(table, column: $0) }
        let test = try survivalAnalysis { () throws(SurvivalAnalysisError) in
            try LogRankTest(data: data, groups: groups, strata: strataGrouping, rho: rho)
        }
        switch input.format {
        case .json:
            print(try SurvivalJSON.object([
                ("statistic", .number(test.statistic)), ("df", .integer(test.degreesOfFreedom)),
                ("p_value", .number(test.pValue)), ("rho", .number(rho)), ("dropped_rows", dropped.json),
                ("groups", .array(test.groups.map { g in
                    .object([("group", .string(g.label)), ("n", .integer(g.observationCount)),
                             ("observed", .number(g.observed)), ("expected", .number(g.expected))])
                })),
            ]).rendered(), terminator: "")
        case .csv:
            var t = TextTable(header: ["group", "n", "observed", "expected", "statistic", "df", "p_value"])
            for g in test.groups {
                t.rows.append([g.label, "\(g.observationCount)", NumberText.full(g.observed), NumberText.full(g.expected),
                               NumberText.full(test.statistic), "\(test.degreesOfFreedom)", NumberText.full(test.pValue)])
            }
            print(t.csv)
        case .table:
            var t = TextTable(header: ["group", "n", "observed", "expected"])
            for g in test.groups {
                t.rows.append([g.label, "\(g.observationCount)", survivalFormat(g.observed), survivalFormat(g.expected)])
            }
            print(t.rendered)
            if let line = dropped.sentence { print(line) }
            print("\nChi-squared = \(survivalFormat(test.statistic)) on \(test.degreesOfFreedom) df, p = \(survivalFormat(test.pValue))")
        }
    }
}
