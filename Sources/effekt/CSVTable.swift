// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A CSV file (header row, UTF-8, comma-separated, `"`-quoted fields allowed) held as text
/// columns; conversion to numbers happens per column with errors that name the file, line,
/// column and value. Empty fields and `NA` are missing values.
struct CSVTable {
    let path: String
    let header: [String]
    /// `rows[r][c]`; data line `r` is line `r + 2` of the file.
    let rows: [[String]]

    /// Reads and splits the file. Throws `CSVError` for a missing file or ragged rows.
    init(path: String) throws(CSVError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path) }
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else { throw .unreadable(path) }
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { CSVTable.fields(of: String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))) }
        guard !lines.isEmpty else { throw .empty(path) }
        self.path = path
        self.header = lines.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        for (r, line) in lines.enumerated() where line.count != header.count {
            throw .raggedRow(path: path, line: r + 2, fields: line.count, expected: header.count)
        }
        self.rows = lines
    }

    /// The fields of one line; `"` quotes a field, `""` inside quotes is a literal quote.
    static func fields(of line: String) -> [String] {
        let chars = Array(line)
        var fields = [String](), current = "", quoted = false, i = 0
        while i < chars.count {
            let ch = chars[i]
            if quoted {
                if ch == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { current.append("\""); i += 1 } else { quoted = false }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            i += 1
        }
        fields.append(current)
        return fields
    }

    func index(of column: String) throws(CSVError) -> Int {
        guard let j = header.firstIndex(of: column) else {
            throw .unknownColumn(path: path, column: column, available: header)
        }
        return j
    }

    static func isMissing(_ field: String) -> Bool {
        let t = field.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t == "NA"
    }

    /// A numeric column; missing values become `NaN`.
    func numeric(_ column: String) throws(CSVError) -> [Double] {
        let j = try index(of: column)
        var out = [Double]()
        out.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            let field = row[j].trimmingCharacters(in: .whitespaces)
            if CSVTable.isMissing(field) { out.append(.nan); continue }
            guard let v = Double(field), v.isFinite else {
                throw .notANumber(path: path, line: r + 2, column: column, value: row[j])
            }
            out.append(v)
        }
        return out
    }

    /// A categorical column; missing values become `nil`.
    func labels(_ column: String) throws(CSVError) -> [String?] {
        let j = try index(of: column)
        return rows.map { CSVTable.isMissing($0[j]) ? nil : $0[j].trimmingCharacters(in: .whitespaces) }
    }
}

/// Problems reading a CSV file, each a sentence naming the file and the offending value.
enum CSVError: Error, CustomStringConvertible, Equatable {
    case missingFile(String)
    case unreadable(String)
    case empty(String)
    case raggedRow(path: String, line: Int, fields: Int, expected: Int)
    case unknownColumn(path: String, column: String, available: [String])
    case notANumber(path: String, line: Int, column: String, value: String)

    var description: String {
        switch self {
        case let .missingFile(path):
            return "The data file '\(path)' does not exist; check the path given to --data."
        case let .unreadable(path):
            return "The data file '\(path)' could not be read as UTF-8 text."
        case let .empty(path):
            return "The data file '\(path)' is empty; it needs a header row and data rows."
        case let .raggedRow(path, line, fields, expected):
            return "Line \(line) of '\(path)' has \(fields) fields but the header has \(expected)."
        case let .unknownColumn(path, column, available):
            return "The column '\(column)' is not in '\(path)'; the columns are: \(available.joined(separator: ", "))."
        case let .notANumber(path, line, column, value):
            return "The value '\(value)' in column '\(column)' on line \(line) of '\(path)' is not a number (use an empty field or NA for a missing value)."
        }
    }
}
