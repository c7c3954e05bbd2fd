// SPDX-License-Identifier: GPL-3.0-or-later

/// Problems reading a CSV data file. `description` is the sentence `effekt regress` prints; the
/// survival commands word the same problems their own way (`SurvivalInputError`).
enum CSVTableError: Error, CustomStringConvertible, Equatable {
    case missingFile(String)
    case unreadable(String)
    case notUTF8(String)
    case empty(String)
    case tooManyFields(path: String, line: Int, limit: Int)
    case wrongFieldCount(path: String, line: Int, found: Int, expected: Int)
    case unknownColumn(path: String, column: String, available: [String])
    case notANumber(path: String, line: Int, column: String, value: String)
    /// A used column is empty or NA on a line and `--missing fail` was given.
    case missingValue(path: String, line: Int, column: String)

    var description: String {
        switch self {
        case let .missingFile(path):
            return "The data file '\(path)' does not exist; check the path given to --data."
        case let .unreadable(path), let .notUTF8(path):
            return "The data file '\(path)' could not be read as UTF-8 text."
        case let .empty(path):
            return "The data file '\(path)' is empty; it needs a header row and data rows."
        case let .tooManyFields(path, line, limit):
            return "Line \(line) of '\(path)' has more than \(limit) fields, the most a data file may have."
        case let .wrongFieldCount(path, line, found, expected):
            return "Line \(line) of '\(path)' has \(found) fields but the header has \(expected)."
        case let .unknownColumn(path, column, available):
            return "The column '\(column)' is not in '\(path)'; the columns are: \(available.joined(separator: ", "))."
        case let .notANumber(path, line, column, value):
            return "The value '\(value)' in column '\(column)' on line \(line) of '\(path)' is not a number (use an empty field or NA for a missing value)."
        case let .missingValue(path, line, column):
            return "The column '\(column)' is missing (empty or NA) on line \(line) of '\(path)'; fill it in, or leave out --missing fail to drop such rows as R's na.omit does."
        }
    }

    /// The same problem as the survival commands word it.
    var survivalDescription: String {
        switch self {
        case let .missingFile(path), let .unreadable(path):
            return "Cannot read \(path); check the path given with --data."
        case let .notUTF8(path):
            return "\(path) is not UTF-8 text; save the CSV as UTF-8."
        case let .empty(path):
            return "\(path) is empty; it needs a header row and data rows."
        case let .tooManyFields(path, line, limit):
            return "\(path), line \(line): more than \(limit) fields, the most a data file may have."
        case let .wrongFieldCount(path, line, found, expected):
            return "\(path), line \(line): \(found) fields where the header has \(expected)."
        case let .unknownColumn(path, column, available):
            return "\(path) has no column \"\(column)\"; its columns are \(available.joined(separator: ", "))."
        case let .notANumber(path, line, column, value):
            return "\(path), line \(line), column \(column): \"\(value)\" is not a number."
        case let .missingValue(path, line, column):
            return "\(path), line \(line), column \(column): the value is missing (empty or NA); fill it in, or leave out --missing fail to drop such rows as R's na.omit does."
        }
    }
}
