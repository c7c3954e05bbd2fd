// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A CSV file (header row, `,` separator, `.` decimal mark, optional double quotes) read for the
/// survival commands: one pass over the bytes records where the requested columns' fields are;
/// numbers are parsed in place (`strtod`), text is made only when asked for.
///
/// Named with the `Survival` prefix so it cannot collide with the regression layer's reader
/// (the two are to be merged).
/// Complexity: O(file size) time; O(rows × requested columns) memory beyond the bytes.
struct SurvivalCSVTable {
    let path: String
    let header: [String]
    /// The file's bytes followed by a 0 (so `strtod` stops at the end).
    private let bytes: [UInt8]
    /// For each requested column, the byte range of its field on each data row (quotes removed).
    private var fields: [String: (starts: [Int], ends: [Int])]
    let rowCount: Int

    /// Reads `path`, keeping `columns`. Throws when the file cannot be read or a column is missing.
    init(path: String, columns: [String]) throws(SurvivalInputError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadableFile(path) }
        var bytes = [UInt8](data)
        bytes.append(0)
        let size = bytes.count - 1
        self.path = path
        // Header line.
        var i = 0
        while i < size && bytes[i] != UInt8(ascii: "\n") { i += 1 }
        guard i > 0 else { throw .emptyFile(path) }
        guard let headerLine = String(bytes: bytes[0..<i], encoding: .utf8) else { throw .notUTF8(path) }
        header = SurvivalCSVTable.split(Substring(headerLine)).map { String($0) }
        var wanted = [Int: String]()
        for name in Set(columns) {
            guard let index = header.firstIndex(of: name) else {
                throw .unknownColumn(file: path, column: name, available: header)
            }
            wanted[index] = name
        }
        let columnCount = header.count
        var slot = [Int](repeating: -1, count: columnCount)
        let names = Array(wanted.values)
        for (k, name) in names.enumerated() { slot[header.firstIndex(of: name)!] = k }
        var starts = [[Int]](repeating: [], count: names.count), ends = starts
        var rows = 0
        var lineNumber = 1
        i += 1
        while i < size {
            lineNumber += 1
            // Skip blank lines (also a trailing "\r").
            var j = i
            while j < size && (bytes[j] == UInt8(ascii: "\r") || bytes[j] == UInt8(ascii: " ")) { j += 1 }
            if j >= size || bytes[j] == UInt8(ascii: "\n") { i = j + 1; continue }
            var column = 0, fieldStart = i, quoted = false
            var k = i
            while true {
                let c = k < size ? bytes[k] : UInt8(ascii: "\n")
                if c == UInt8(ascii: "\"") { quoted.toggle() }
                if (c == UInt8(ascii: ",") && !quoted) || c == UInt8(ascii: "\n") {
                    if column < columnCount, slot[column] >= 0 {
                        var a = fieldStart, b = k
                        if b > a && bytes[b - 1] == UInt8(ascii: "\r") { b -= 1 }
                        if b - a >= 2 && bytes[a] == UInt8(ascii: "\"") && bytes[b - 1] == UInt8(ascii: "\"") { a += 1; b -= 1 }
                        starts[slot[column]].append(a)
                        ends[slot[column]].append(b)
                    }
                    column += 1
                    fieldStart = k + 1
                    if c == UInt8(ascii: "\n") { break }
                }
                k += 1
            }
            guard column == columnCount else {
                throw .wrongFieldCount(file: path, line: lineNumber, expected: columnCount, actual: column)
            }
            rows += 1
            i = k + 1
        }
        var fields = [String: (starts: [Int], ends: [Int])]()
        for (k, name) in names.enumerated() { fields[name] = (starts[k], ends[k]) }
        self.fields = fields
        self.bytes = bytes
        self.rowCount = rows
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

    /// The cells of a column as text.
    func text(_ column: String) -> [String] {
        let f = fields[column]!
        return (0..<rowCount).map { String(decoding: bytes[f.starts[$0]..<f.ends[$0]], as: UTF8.self) }
    }

    /// The number in row `k` of a column, or nil when the field is not a finite number.
    private func number(_ f: (starts: [Int], ends: [Int]), _ k: Int, _ base: UnsafePointer<UInt8>) -> Double? {
        var a = f.starts[k], b = f.ends[k]
        while a < b && base[a] == UInt8(ascii: " ") { a += 1 }
        while b > a && base[b - 1] == UInt8(ascii: " ") { b -= 1 }
        guard b > a else { return nil }
        // Fast path: a short unsigned integer.
        if b - a <= 9 {
            var v = 0, isInteger = true
            for q in a..<b {
                let d = Int(base[q]) - 48
                if d < 0 || d > 9 { isInteger = false; break }
                v = v * 10 + d
            }
            if isInteger { return Double(v) }
        }
        var end: UnsafeMutablePointer<CChar>?
        let start = UnsafeRawPointer(base + a).assumingMemoryBound(to: CChar.self)
        let v = strtod(start, &end)
        guard let end else { return nil }
        let consumed = UnsafeRawPointer(end) - UnsafeRawPointer(base)
        guard consumed == b, v.isFinite else { return nil }
        return v
    }

    /// A numeric column; a cell that is not a finite number is an error naming its line.
    func numbers(_ column: String) throws(SurvivalInputError) -> [Double] {
        let f = fields[column]!
        var out = [Double](repeating: 0, count: rowCount)
        var bad: Int?
        bytes.withUnsafeBufferPointer { p in
            for k in 0..<rowCount {
                guard let v = number(f, k, p.baseAddress!) else { bad = k; return }
                out[k] = v
            }
        }
        if let k = bad {
            throw .notNumeric(file: path, line: lineOfRow(k), column: column,
                              value: String(decoding: bytes[f.starts[k]..<f.ends[k]], as: UTF8.self))
        }
        return out
    }

    /// The column's numbers when every cell is one, else nil.
    func numbersIfAll(_ column: String) -> [Double]? { try? numbers(column) }

    /// The file line of data row `k` (1 is the header; blank lines are not data rows).
    func lineOfRow(_ k: Int) -> Int {
        guard let any = fields.values.first else { return k + 2 }
        var line = 1
        for q in 0..<any.starts[k] where bytes[q] == UInt8(ascii: "\n") { line += 1 }
        return line
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
