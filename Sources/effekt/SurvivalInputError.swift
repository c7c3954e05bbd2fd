// SPDX-License-Identifier: GPL-3.0-or-later

/// Input problems of the survival commands; each reads as one sentence naming file, line and column.
enum SurvivalInputError: Error, CustomStringConvertible {
    case table(CSVTableError)
    case negativeTime(file: String, line: Int, column: String, value: Double)
    case stopNotAfterStart(file: String, line: Int, start: Double, stop: Double)
    case undeclaredEvent(file: String, line: Int, column: String, value: String, declared: String)
    case noEvents(file: String, rows: Int)
    case analysis(String)

    var description: String {
        switch self {
        case let .table(error):
            return error.survivalDescription
        case let .negativeTime(file, line, column, value):
            return "\(file), line \(line), column \(column): time \(value) is negative; times must be 0 or more."
        case let .stopNotAfterStart(file, line, start, stop):
            return "\(file), line \(line): stop \(stop) is not after start \(start); each (start, stop] interval must be non-empty."
        case let .undeclaredEvent(file, line, column, value, declared):
            return "\(file), line \(line), column \(column): event code \"\(value)\" is not declared; use \(declared)."
        case let .noEvents(file, rows):
            return "\(file) has 0 events among \(rows) rows; the analysis needs at least one event."
        case let .analysis(sentence):
            return sentence
        }
    }
}

/// Reading the data file with the survival commands' wording of its problems.
extension CSVTable {
    init(survivalData path: String, columns: [String]) throws(SurvivalInputError) {
        do { self = try CSVTable(path: path, columns: columns) } catch { throw .table(error) }
    }

    /// `numbers(_:)` with the survival commands' wording of a non-number.
    func survivalNumbers(_ column: String) throws(SurvivalInputError) -> [Double] {
        do { return try numbers(column) } catch { throw .table(error) }
    }
}
