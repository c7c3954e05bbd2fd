// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a problem sits in an input file: file name, 1-based line and column, and the value.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// Column name (CSV) or key (TOML); nil when the whole line is at fault.
    public let column: String?
    public init(file: String, line: Int, column: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String {
        column.map { "\(file), line \(line), column \($0)" } ?? "\(file), line \(line)"
    }
}

/// Everything that can go wrong in the TrialModel layer (trial.toml, roster.csv, weekly.csv).
/// Each case reads as a sentence with the offending value and what to do about it.
public enum TrialModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case tomlSyntax(file: String, line: Int, column: Int, message: String)
    case unknownKey(file: String, key: String)
    case missingKey(file: String, key: String)
    case wrongType(file: String, key: String, expected: String)
    case impossibleValue(file: String, key: String, value: String, rule: String)
    case missingColumn(file: String, column: String, header: String)
    case duplicateColumn(file: String, column: String)
    case referencedColumnMissing(file: String, column: String, key: String)
    case wrongFieldCount(SourceLocation, found: Int, expected: Int)
    case emptyFile(file: String)
    case invalidField(SourceLocation, value: String, expected: String)
    case duplicateParticipant(SourceLocation, id: String, firstLine: Int)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "Cannot read \(path): \(reason). Check the path and its permissions."
        case let .tomlSyntax(file, line, column, message):
            return "\(file), line \(line), column \(column): \(message). Fix the TOML syntax there."
        case let .unknownKey(file, key):
            return "\(file): unknown key '\(key)'. Remove it or correct its spelling (see docs/DATA-FORMATS.md)."
        case let .missingKey(file, key):
            return "\(file): required key '\(key)' is missing. Add it (see docs/DATA-FORMATS.md)."
        case let .wrongType(file, key, expected):
            return "\(file): key '\(key)' must be \(expected). Correct its value."
        case let .impossibleValue(file, key, value, rule):
            return "\(file): key '\(key)' has the impossible value \(value): \(rule)."
        case let .missingColumn(file, column, header):
            return "\(file), line 1 (header '\(header)'): column '\(column)' is missing. Add it to the header."
        case let .referencedColumnMissing(file, column, key):
            return "\(file), line 1: trial.toml key '\(key)' names the roster column '\(column)', which the roster does not have. Add the column to the roster or correct '\(key)'."
        case let .duplicateColumn(file, column):
            return "\(file): column '\(column)' appears twice in the header. Keep one."
        case let .wrongFieldCount(loc, found, expected):
            return "\(loc): \(found) fields where the header has \(expected). Fix the row (no quoting is allowed; a field may not contain a comma)."
        case let .emptyFile(file):
            return "\(file) has no header row. Add a header line with the column names."
        case let .invalidField(loc, value, expected):
            return "\(loc): value '\(value)' is not \(expected). Correct the value; nothing was imported."
        case let .duplicateParticipant(loc, id, firstLine):
            return "\(loc): participant '\(id)' already appears on line \(firstLine). Remove the duplicate; nothing was imported."
        }
    }
}
