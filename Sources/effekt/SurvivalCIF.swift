// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import SurvivalAnalysis

/// `effekt survival cif`: cumulative incidence of competing outcomes (Aalen–Johansen), as R's
/// `survfit(Surv(time, factor_event) ~ group)`.
struct SurvivalCIF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cif", abstract: "Cumulative incidence of competing outcomes by group (Aalen–Johansen, as R's survfit).",
        discussion: """
        Example:
          $ effekt survival cif --data Tests/Fixtures/survival/mgus2.csv \\
              --time etime --event elabel --group female --times 60,120
        """)

    @OptionGroup var input: SurvivalDataOptions<CompetingEventCoding>

    @Option(help: "Column defining the groups.")
    var group: String?

    @Option(help: "Comma-separated outcome codes or labels in the event column (default: every non-zero value).")
    var outcomes: String?

    @Option(help: "Comma-separated times at which to read the curves.")
    var times: String

    func validate() throws {
        if input.start != nil { throw ValidationError("cif takes right-censored data: give --time, not --start/--stop.") }
        guard !(try survivalTimes(times)).isEmpty else { throw ValidationError("--times needs at least one time.") }
    }

    func run() throws {
        let (table, dropped) = try input.read(SurvivalColumns(group: group))
        let (_, time) = try input.times(table)
        let cells = table.text(input.event).map { $0.trimmingCharacters(in: .whitespaces) }
        func isCensored(_ s: String) -> Bool { Double(s) == 0 }
        let labels: [String]
        if let outcomes {
            labels = commaSeparatedNames(outcomes)
        } else {
            let distinct = Set(cells.filter { !isCensored($0) })
            let numeric = distinct.compactMap { Double($0) }
            labels = numeric.count == distinct.count
                ? distinct.sorted { Double($0)! < Double($1)! } : distinct.sorted()
        }
        var codeOf = [String: Int]()
        for (k, l) in labels.enumerated() { codeOf[l] = k + 1 }
        var outcome = [Int]()
        outcome.reserveCapacity(cells.count)
        for (k, c) in cells.enumerated() {
            if isCensored(c) { outcome.append(0); continue }
            let numericCode = Double(c).flatMap { v in labels.firstIndex { Double($0) == v } }
            guard let code = codeOf[c] ?? numericCode.map({ $0 + 1 }), Double(c).map({ $0 > 0 }) ?? true else {
                throw SurvivalInputError.undeclaredEvent(file: input.data, line: table.lines[k], column: input.event, value: c,
                                                         declared: "0 (censored) or one of \(labels.joined(separator: ", "))")
            }
            outcome.append(code)
        }
        if !outcome.contains(where: { $0 > 0 }) { throw SurvivalInputError.noEvents(file: input.data, rows: outcome.count) }
        let groups = group.map { survivalGrouping(table, column: $0) }
        let aj = try survivalAnalysis { () throws(SurvivalAnalysisError) in
            try AalenJohansen(time: time, outcome: outcome, outcomeLabels: labels, groups: groups)
        }
        let requested = try survivalTimes(times)
        let points = aj.at(requested)
        switch input.format {
        case .json:
            print(try SurvivalJSON.object([("dropped_rows", dropped.json), ("groups", .array(zip(aj.curves, points).map { curve, byOutcome in
                .object([("group", .string(group == nil ? "all" : curve.label)), ("n", .integer(curve.observationCount)),
                         ("outcomes", .array(zip(labels, byOutcome).map { label, at in
                             .object([("outcome", .string(label)), ("at", .array(at.map { p in
                                 .object([("time", .number(p.time)), ("estimate", .number(p.estimate)),
                                          ("std_error", .number(p.standardError))])
                             }))])
                         }))])
            }))]).rendered(), terminator: "")
        case .csv:
            var t = TextTable(header: ["group", "outcome", "time", "estimate", "std_error"])
            for (curve, byOutcome) in zip(aj.curves, points) {
                for (label, at) in zip(labels, byOutcome) {
                    for p in at {
                        t.rows.append([group == nil ? "all" : curve.label, label] + [p.time, p.estimate, p.standardError].map(NumberText.full))
                    }
                }
            }
            print(t.csv)
        case .table:
            var t = TextTable(header: ["group", "outcome", "time", "estimate", "std.err"])
            for (curve, byOutcome) in zip(aj.curves, points) {
                for (label, at) in zip(labels, byOutcome) {
                    for p in at {
                        t.rows.append([curve.label, label, survivalFormat(p.time), survivalFormat(p.estimate), survivalFormat(p.standardError)])
                    }
                }
            }
            print(t.rendered)
            if let line = dropped.sentence { print(line) }
        }
    }
}
