// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import SurvivalAnalysis

/// Confidence-interval types on the command line.
enum SurvivalConfidenceType: String, ExpressibleByArgument, CaseIterable {
    case log
    case logLog = "log-log"
    case plain

    var estimatorValue: KaplanMeier.ConfidenceType {
        switch self { case .log: .log; case .logLog: .logLog; case .plain: .plain }
    }
}

/// `effekt survival km`: Kaplan–Meier curves by group, as R's `survfit`.
struct SurvivalKM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "km", abstract: "Kaplan–Meier survival by group with Greenwood errors and the median (as R's survfit).",
        discussion: """
        Example:
          $ effekt survival km --data Tests/Fixtures/survival/lung.csv \\
              --time time --event status --group sex --times 180,365 \\
              --conf-type log-log
        """)

    @OptionGroup var input: SurvivalDataOptions<BinaryEventCoding>

    @Option(help: "Column defining the groups (one curve each).")
    var group: String?

    @Option(help: "Comma-separated times at which to read the curves, e.g. 13,26,52.")
    var times: String?

    @Option(name: .customLong("conf-type"), help: "Confidence interval type: log, log-log or plain.")
    var confType: SurvivalConfidenceType = .log

    @Option(help: "Confidence level.")
    var level: Double = 0.95

    func validate() throws {
        guard level > 0, level < 1 else { throw ValidationError("--level must be between 0 and 1, e.g. 0.95.") }
        _ = try survivalTimes(times)
    }

    func run() throws {
        let (table, dropped) = try input.read(SurvivalColumns(group: group))
        let data = try input.survivalData(table)
        let groups = group.map { survivalGrouping(table, column: $0) }
        let km = try survivalAnalysis { () throws(SurvivalAnalysisError) in
            try KaplanMeier(data: data, groups: groups, confidenceType: confType.estimatorValue, level: level)
        }
        let requested = try survivalTimes(times)
        let points = km.at(requested)
        switch input.format {
        case .json:
            let groupsJSON: [SurvivalJSON] = zip(km.curves, points).map { curve, at in
                .object([
                    ("group", .string(group == nil ? "all" : curve.label)),
                    ("n", .integer(curve.observationCount)),
                    ("events", .number(curve.eventCount)),
                    ("median", .number(curve.median)),
                    ("median_conf_low", .number(curve.medianLower)),
                    ("median_conf_high", .number(curve.medianUpper)),
                    ("at", .array(at.map { p in
                        .object([("time", .number(p.time)), ("survival", .number(p.survival)),
                                 ("std_error", .number(p.standardError)), ("conf_low", .number(p.lower)),
                                 ("conf_high", .number(p.upper)), ("n_risk", .number(p.atRisk))])
                    })),
                ])
            }
            print(try SurvivalJSON.object([("conf_type", .string(confType.rawValue)), ("level", .number(level)),
                                       ("dropped_rows", dropped.json), ("groups", .array(groupsJSON))]).rendered(), terminator: "")
        case .csv:
            var t = TextTable(header: ["group", "n", "events", "median", "median_conf_low", "median_conf_high"])
            for c in km.curves {
                t.rows.append([group == nil ? "all" : c.label, "\(c.observationCount)"]
                              + [c.eventCount, c.median, c.medianLower, c.medianUpper].map(NumberText.full))
            }
            print(t.csv)
        case .table:
            var summary = TextTable(header: ["group", "n", "events", "median", "\(Int(level * 100))% low", "high"])
            for c in km.curves {
                summary.rows.append([c.label, "\(c.observationCount)", survivalFormat(c.eventCount),
                                     survivalFormat(c.median), survivalFormat(c.medianLower), survivalFormat(c.medianUpper)])
            }
            print(summary.rendered)
            if let line = dropped.sentence { print(line) }
            if !requested.isEmpty {
                var at = TextTable(header: ["group", "time", "n.risk", "survival", "std.err", "low", "high"])
                for (c, ps) in zip(km.curves, points) {
                    for p in ps {
                        at.rows.append([c.label, survivalFormat(p.time), survivalFormat(p.atRisk), survivalFormat(p.survival),
                                        survivalFormat(p.standardError), survivalFormat(p.lower), survivalFormat(p.upper)])
                    }
                }
                print("\n" + at.rendered)
            }
        }
    }
}
