// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension DisclosureAudit {
    /// Table names of what figures publish, so that they line up across reports.
    static func riskTable(_ chart: String) -> String { "\(chart) · at risk" }
    static func leftTable(_ chart: String) -> String { "\(chart) · left the risk set" }
    static func curveTable(_ chart: String) -> String { "\(chart) · curve" }
    static func stepTable(_ chart: String) -> String { "\(chart) · between steps" }
    static func isFigureTable(_ table: String) -> Bool { table.contains(" · ") }

    /// The numbers at risk of a figure as counts, with the persons who left the risk set between
    /// every two weeks of a row as implied counts.
    func readRiskTable(_ figure: PublishedStepFigure, into k: inout Knowledge) {
        for row in figure.riskRows {
            var keys = [(week: Int, key: CellKey)]()
            for cell in row.cells {
                let key = CellKey(file: figure.report, table: Self.riskTable(figure.chart), row: row.name, column: "\(cell.week)")
                k.source[key] = figure.file
                keys.append((cell.week, key))
                let text = cell.text.trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("<") { k.hidden.insert(key); k.primary.insert(key) }
                else if text == DisclosureControl.suppressedStatistic { k.hidden.insert(key) }
                else if let n = Self.integer(text) { k.known[key] = n }
            }
            for (i, a) in keys.enumerated() {
                for b in keys[(i + 1)...] {
                    let left = CellKey(file: figure.report, table: Self.leftTable(figure.chart), row: row.name, column: "\(a.week)–\(b.week)")
                    k.source[left] = figure.file
                    k.implied[left] = "difference along the risk table"
                    k.relations.append((a.key, [b.key, left]))
                }
            }
        }
    }

    /// The attacks on drawn curve levels: a step (or any two levels) times N, the last level
    /// against the report's table, and — for a curve read as exact counts (every level N × a
    /// whole number to within 0.1, the reading's error below 0.1) — its levels as counts for
    /// differences across reports.
    /// Returns the leaks found by reading alone (steps × N, curve ends); the rest is left to propagation.
    func readCurveLevels(_ figures: [PublishedStepFigure], tables: [String: [MarkdownTable]],
                         into k: inout Knowledge) -> [(key: CellKey, persons: Int, attack: String)] {
        var leaks = [(key: CellKey, persons: Int, attack: String)]()
        func leak(_ key: CellKey, _ persons: Int, _ attack: String) { leaks.append((key, persons, attack)) }
        // Every week at which some figure of a family (same chart, same series) steps.
        var familyWeeks = [String: Set<Int>]()
        for figure in figures {
            for series in figure.series {
                familyWeeks["\(figure.chart) \(series.name)", default: []].formUnion(series.steps.map { Int($0.week) })
            }
        }
        for figure in figures {
            let reportTables = tables[figure.report] ?? []
            for series in figure.series {
                guard let n = Self.armSize(of: series.name, survival: figure.isSurvival, in: reportTables) else { continue }
                let count = { (level: Double) in Double(n) * (figure.isSurvival ? 1 - level : level) }
                let error = Double(n) * figure.resolution
                let levels = [(week: 0.0, level: series.start)] + series.steps
                func key(_ table: String, _ column: String) -> CellKey {
                    let key = CellKey(file: figure.report, table: table, row: series.name, column: column)
                    k.source[key] = figure.file
                    return key
                }
                // N × Δlevel between any two drawn levels.
                for (i, a) in levels.enumerated() {
                    for b in levels[(i + 1)...] {
                        let d = abs(count(b.level) - count(a.level))
                        if d - 2 * error >= 0.5 && d + 2 * error < Double(threshold) - 0.5 {
                            leak(key(Self.stepTable(figure.chart), "\(Int(a.week))–\(Int(b.week))"), Int(d.rounded()), "curve step × N")
                        }
                    }
                }
                // The last drawn level against the table.
                if let last = levels.last, let tail = Self.tail(of: series, survival: figure.isSurvival, n: n, last: last.level,
                                                               in: reportTables) {
                    let margin = error + (figure.isSurvival ? 0 : Double(n) * 0.0005)
                    if tail - margin >= 0.5 && tail + margin < Double(threshold) - 0.5 {
                        leak(key(Self.stepTable(figure.chart), "\(Int(last.week))–end"), Int(tail.rounded()), "curve end against the table")
                    }
                }
                // A curve whose every level is N × a whole number (to the reading's precision) reads
                // as exact counts — no censoring — : its levels are counts at their weeks, the
                // family's other weeks unknown counts, the steps between implied.
                let exact = error < 0.1 && levels.allSatisfy { abs(count($0.level) - count($0.level).rounded()) < 0.1 }
                guard exact else { continue }
                var cells = [(week: Int, key: CellKey)]()
                for level in levels {
                    let c = count(level.level)
                    let cell = key(Self.curveTable(figure.chart), "\(Int(level.week))")
                    k.known[cell] = Int(c.rounded())
                    cells.append((Int(level.week), cell))
                }
                let drawnWeeks = Set(cells.map(\.week))
                for week in familyWeeks["\(figure.chart) \(series.name)", default: []] where !drawnWeeks.contains(week) {
                    let cell = key(Self.curveTable(figure.chart), "\(week)")
                    k.implied[cell] = "curve level across reports"
                    cells.append((week, cell))
                }
                cells.sort { $0.week < $1.week }
                for (a, b) in zip(cells, cells.dropFirst()) {
                    let between = key(Self.stepTable(figure.chart), "\(a.week)–\(b.week)")
                    k.implied[between] = "curve step"
                    k.relations.append((b.key, [a.key, between]))
                }
            }
        }
        return leaks
    }

    /// N of a drawn arm from its report: the Kaplan–Meier table's N (survival), or the CONSORT
    /// randomized count of the arm named before ": " (incidence).
    static func armSize(of name: String, survival: Bool, in tables: [MarkdownTable]) -> Int? {
        if survival {
            for table in tables {
                guard let c = table.header.firstIndex(where: labels(.n).contains),
                      table.header.contains(where: labels(.events).contains),
                      let row = table.rows.first(where: { $0.first == name }), c < row.count else { continue }
                return integer(row[c])
            }
            return nil
        }
        let arm = name.components(separatedBy: ": ").first ?? name
        for table in tables where isConsortTable(table.header[0]) {
            guard let c = table.header.firstIndex(of: arm),
                  let row = table.rows.first(where: { randomizedLabels.contains($0.first ?? "") }), c < row.count else { continue }
            return integer(row[c])
        }
        return nil
    }

    /// The persons after the last drawn level by the report's table: events − N × (1 − level)
    /// for a Kaplan–Meier arm without censor marks (exact then), N × (last estimate − level) for
    /// an incidence curve (at least the exits behind it); nil when the table does not say.
    static func tail(of series: PublishedStepFigure.Series, survival: Bool, n: Int, last: Double, in tables: [MarkdownTable]) -> Double? {
        if survival {
            guard !series.hasCensorMarks else { return nil }
            for table in tables {
                guard let c = table.header.firstIndex(where: labels(.events).contains),
                      let row = table.rows.first(where: { $0.first == series.name }), c < row.count,
                      let events = integer(row[c]) else { continue }
                return Double(events) - Double(n) * (1 - last)
            }
            return nil
        }
        let parts = series.name.components(separatedBy: ": ")
        guard parts.count == 2 else { return nil }
        for table in tables where table.header.contains(where: labels(.cause).contains) {
            guard let row = table.rows.first(where: { $0.count >= 4 && $0[0] == parts[0] && $0[1] == parts[1] }),
                  let estimate = percent(row[3]) else { continue }
            return Double(n) * (estimate / 100 - last)
        }
        return nil
    }
}
