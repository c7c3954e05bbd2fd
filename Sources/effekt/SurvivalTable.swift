// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A CSV file (header row, `,` separator, `.` decimal mark, optional double quotes) read for the
/// survival commands: only the requested columns are kept, in one pass over the bytes.
///
/// Named with the `Survival` prefix so it cannot collide with the regression layer's reader
/// (the two are to be merged).
struct SurvivalCSVTable {
    let path: String
    let header: [String]
    /// The kept columns' cells, by column name.
    private(set) var cells: [String: [Substring]]
    var rowCount: Int { cells.values.first?.count ?? 0 }

    /// Reads `path`, keeping `columns`. Throws when the file cannot be read or a column is missing.
    init(path: String, columns: [String]) throws(SurvivalInputError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadableFile(path) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(path) }
        self.path = path
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let first = lines.first else { throw .emptyFile(path) }
        header = Self.split(first).map { String($0) }
        var wanted = [(name: String, index: Int)]()
        for name in Set(columns) {
            guard let index = header.firstIndex(of: name) else {
                throw .unknownColumn(file: path, column: name, available: header)
            }
            wanted.append((name, index))
        }
        var cells = [String: [Substring]]()
        for w in wanted { cells[w.name] = []; cells[w.name]!.reserveCapacity(lines.count) }
        for (k, line) in lines.dropFirst().enumerated() {
            let fields = Self.split(line)
            guard fields.count == header.count else {
                throw .wrongFieldCount(file: path, line: k + 2, expected: header.count, actual: fields.count)
            }
            for w in wanted { cells[w.name]!.append(fields[w.index]) }
        }
        self.cells = cells
    }

    /// The fields of one line, surrounding quotes removed (`""` inside quotes is not unescaped).
    static func split(_ line: Substring) -> [Substring] {
        var fields = [Substring]()
        var start = line.startIndex, i = line.startIndex, quoted = false
        while i < line.endIndex {
            let c = line[i]
            if c == "\"" { quoted.toggle() } else if c == "," && !quoted {
                fields.append(unquote(line[start..<i]))
                start = line.index(after: i)
            }
            i = line.index(after: i)
        }
        fields.append(unquote(line[start..<line.endIndex]))
        return fields
    }

    private static func unquote(_ s: Substring) -> Substring {
        let t = s.hasSuffix("\r") ? s.dropLast() : s
        if t.count >= 2, t.first == "\"", t.last == "\"" { return t.dropFirst().dropLast() }
        return t
    }

    /// The raw cells of a column.
    func text(_ column: String) -> [Substring] { cells[column]! }

    /// A numeric column; a cell that is not a finite number is an error naming its line.
    func numbers(_ column: String) throws(SurvivalInputError) -> [Double] {
        let raw = cells[column]!
        var out = [Double](repeating: 0, count: raw.count)
        for (k, cell) in raw.enumerated() {
            guard let v = Double(cell.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw .notNumeric(file: path, line: k + 2, column: column, value: String(cell))
            }
            out[k] = v
        }
        return out
    }
}

/// Input problems of the survival commands; each reads as one sentence naming file, line and column.
enum SurvivalInputError: Error, CustomStringConvertible {
    case unreadableFile(String)
    case notUTF8(String)
    case emptyFile(String)
    case unknownColumn(file: String, column: String, available: [String])
    case wrongFieldCount(file: String, line: Int, expected: Int, actual: Int)
    case notNumeric(file: String, line: Int, column: String, value: String)
    case negativeTime(file: String, line: Int, column: String, value: Double)
    case stopNotAfterStart(file: String, line: Int, start: Double, stop: Double)
    case undeclaredEvent(file: String, line: Int, column: String, value: String, declared: String)
    case noEvents(file: String, rows: Int)
    case analysis(String)

    var description: String {
        switch self {
        case let .unreadableFile(path):
            return "Cannot read \(path); check the path given with --data."
        case let .notUTF8(path):
            return "\(path) is not UTF-8 text; save the CSV as UTF-8."
        case let .emptyFile(path):
            return "\(path) is empty; it needs a header row and data rows."
        case let .unknownColumn(file, column, available):
            return "\(file) has no column \"\(column)\"; its columns are \(available.joined(separator: ", "))."
        case let .wrongFieldCount(file, line, expected, actual):
            return "\(file), line \(line): \(actual) fields where the header has \(expected)."
        case let .notNumeric(file, line, column, value):
            return "\(file), line \(line), column \(column): \"\(value)\" is not a number."
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
