// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Regression
import SurvivalAnalysis

/// What the event column of a survival command holds, and how its `--event` help says so.
protocol SurvivalEventCoding {
    /// The help text of `--event`.
    static var eventHelp: String { get }
}

/// A binary event column (`km`, `logrank`, `cox`).
enum BinaryEventCoding: SurvivalEventCoding {
    static let eventHelp = "Column with the event indicator: 0 censored, 1 event (also true/false, or R's 1 censored, 2 event)."
}

/// A column of competing outcomes (`cif`).
enum CompetingEventCoding: SurvivalEventCoding {
    static let eventHelp = "Column with the outcome: 0 censored, otherwise an outcome code or label (see --outcomes)."
}

/// The options every survival command shares: the data file and its time and event columns.
struct SurvivalDataOptions<Coding: SurvivalEventCoding>: ParsableArguments {
    @Option(help: "CSV file with a header row.")
    var data: String

    @Option(help: "Column with the follow-up time (right-censored data).")
    var time: String?

    @Option(help: "Column with the entry time of (start, stop] rows.")
    var start: String?

    @Option(help: "Column with the exit time of (start, stop] rows.")
    var stop: String?

    @Option(help: ArgumentHelp(Coding.eventHelp))
    var event: String

    @Option(help: "Rows with a missing value: omit (drop them, as R's na.omit) or fail (refuse the data).")
    var missing: MissingValuePolicy = .omit

    @Option(help: "table, csv (the headline table, full precision) or json.")
    var format: OutputFormat = .table

    func validate() throws {
        switch (time, start, stop) {
        case (.some, nil, nil), (nil, .some, .some): break
        case (.some, _, _): throw ValidationError("Give either --time or both --start and --stop, not both.")
        default: throw ValidationError("Give --time, or both --start and --stop.")
        }
    }

    /// The time columns to read.
    var timeColumns: [String] { [time, start, stop].compactMap { $0 } }

    /// Times from the table, checked by `SurvivalData.checkTimes` (errors name file, line and column).
    func times(_ table: CSVTable) throws(SurvivalInputError) -> (start: [Double]?, stop: [Double]) {
        let entry = try start.map { column throws(SurvivalInputError) in try table.survivalNumbers(column) }
        let exit = try table.survivalNumbers(time ?? stop!)
        do {
            try SurvivalData.checkTimes(start: entry, stop: exit)
        } catch .invalidTime(let row, let value) {
            let column = entry.map { $0[row - 1].isFinite ? stop! : start! } ?? time!
            throw .negativeTime(file: data, line: table.lines[row - 1], column: column, value: value)
        } catch .stopNotAfterStart(let row, let a, let b) {
            throw .stopNotAfterStart(file: data, line: table.lines[row - 1], start: a, stop: b)
        } catch {
            throw .analysis(error.description)
        }
        return (entry, exit)
    }

    /// A 0/1 event column (also `true`/`false`), or R's `Surv` coding 1 = censored, 2 = event
    /// (used when every value is 1 or 2 and some are 2, as `survival::Surv` decides); any other
    /// value is an error naming its line.
    func binaryEvents(_ table: CSVTable) throws(SurvivalInputError) -> [Bool] {
        var out = [Bool]()
        out.reserveCapacity(table.rowCount)
        if let values = table.numbersIfAll(event), values.contains(2), values.allSatisfy({ $0 == 1 || $0 == 2 }) {
            out = values.map { $0 == 2 }
        } else if let values = table.numbersIfAll(event) {
            for (k, v) in values.enumerated() {
                guard v == 0 || v == 1 else {
                    throw .undeclaredEvent(file: data, line: table.lines[k], column: event, value: survivalNumberText(v),
                                           declared: "0 (censored) or 1 (event), or R's 1 (censored) and 2 (event)")
                }
                out.append(v == 1)
            }
        } else {
            for (k, cell) in table.text(event).enumerated() {
                switch cell.trimmingCharacters(in: .whitespaces).lowercased() {
                case "1", "1.0", "true": out.append(true)
                case "0", "0.0", "false": out.append(false)
                default:
                    throw .undeclaredEvent(file: data, line: table.lines[k], column: event, value: cell,
                                           declared: "0 (censored) or 1 (event), or R's 1 (censored) and 2 (event)")
                }
            }
        }
        if !out.contains(true) { throw .noEvents(file: data, rows: out.count) }
        return out
    }

    /// Reads the file's time and event columns and the other columns of `roles`, and drops the
    /// rows with a missing value (empty or NA) in any of them, as R's `na.omit` (with `--missing
    /// fail`, refuses the first such row instead). Rows keep their file lines for messages.
    func read(_ roles: SurvivalColumns = SurvivalColumns()) throws(SurvivalInputError) -> (table: CSVTable, dropped: SurvivalDroppedRows) {
        let byReason: [(WritableKeyPath<SurvivalDroppedRows, Int>, [String])] = [
            (\.time, timeColumns), (\.event, [event]), (\.covariates, roles.covariates),
            (\.strata, roles.strata.map { [$0] } ?? []), (\.cluster, roles.cluster.map { [$0] } ?? []),
            (\.group, roles.group.map { [$0] } ?? []),
        ]
        let table = try CSVTable(survivalData: data, columns: byReason.flatMap(\.1))
        let masks = byReason.map { reason, columns in (reason, columns.map { ($0, table.missing($0)) }) }
        var dropped = SurvivalDroppedRows(), kept = [Int]()
        for k in 0..<table.rowCount {
            guard let (reason, columns) = masks.first(where: { $0.1.contains { $0.1[k] } }) else {
                kept.append(k)
                continue
            }
            if missing == .fail {
                let column = columns.first { $0.1[k] }!.0
                throw .table(.missingValue(path: data, line: table.lines[k], column: column))
            }
            dropped[keyPath: reason] += 1
        }
        return (kept.count == table.rowCount ? table : table.keeping(rows: kept), dropped)
    }

    /// Right-censored or counting-process data with a binary event.
    func survivalData(_ table: CSVTable) throws(SurvivalInputError) -> SurvivalData {
        let (a, b) = try times(table)
        let e = try binaryEvents(table)
        do {
            if let a { return try SurvivalData(start: a, stop: b, event: e) }
            return try SurvivalData(time: b, event: e)
        } catch { throw .analysis(error.description) }
    }
}

/// The columns of a survival command besides time and event, by role.
struct SurvivalColumns {
    var covariates: [String] = []
    var strata: String?
    var cluster: String?
    var group: String?
}

/// Rows dropped for missing values, by reason; each row is counted once, under the first reason
/// in the order time (or start/stop), event, covariates, strata, cluster, group.
struct SurvivalDroppedRows {
    var time = 0, event = 0, covariates = 0, strata = 0, cluster = 0, group = 0

    var total: Int { time + event + covariates + strata + cluster + group }

    /// `"dropped_rows"` in the JSON output.
    var json: SurvivalJSON {
        .object([("time", .integer(time)), ("event", .integer(event)), ("covariates", .integer(covariates)),
                 ("strata", .integer(strata)), ("cluster", .integer(cluster)), ("group", .integer(group))])
    }

    /// The table output's line, or nothing when no row was dropped.
    var sentence: String? {
        guard total > 0 else { return nil }
        let reasons = [("time", time), ("event", event), ("covariates", covariates), ("strata", strata),
                       ("cluster", cluster), ("group", group)].filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
        return "\(total) rows dropped for missing values: \(reasons.joined(separator: ", "))."
    }
}

/// A grouping column: numeric levels sort as numbers, otherwise as text (as R sorts factor levels).
func survivalGrouping(_ table: CSVTable, column: String) -> Grouping {
    if let numeric = table.numbersIfAll(column) { return Grouping(numeric, label: survivalNumberText) }
    return Grouping(table.text(column))
}

/// A number as a label: integers without a decimal point.
func survivalNumberText(_ v: Double) -> String {
    v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int(v)) : "\(v)"
}

/// Parses `--times 10,20,…`.
func survivalTimes(_ text: String?) throws -> [Double] {
    guard let text, !text.isEmpty else { return [] }
    return try text.split(separator: ",").map { part in
        guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 0 else {
            throw ValidationError("--times: \"\(part)\" is not a non-negative number.")
        }
        return v
    }
}

/// Runs `body`, turning analysis errors into one-sentence input errors.
func survivalAnalysis<T>(_ body: () throws(SurvivalAnalysisError) -> T) throws(SurvivalInputError) -> T {
    do { return try body() } catch { throw .analysis(error.description) }
}
