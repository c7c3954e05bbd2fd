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
    case missingColumn(file: String, line: Int, column: String, header: String)
    case duplicateColumn(file: String, line: Int, column: String)
    case referencedColumnMissing(file: String, line: Int, column: String, key: String)
    case wrongFieldCount(SourceLocation, found: Int, expected: Int)
    case emptyFile(file: String)
    /// A file with a header but no data row.
    case noDataRows(file: String, headerLine: Int)
    case isDirectory(path: String)
    /// Bytes that are not UTF-8; `byteColumn` is 1-based in the line.
    case notUTF8(SourceLocation, byteColumn: Int, byte: UInt8, value: String)
    /// A control character (NUL, tab, DEL, …) inside a line; `byteColumn` is 1-based in the line.
    case controlCharacter(SourceLocation, byteColumn: Int, scalar: UInt32, value: String)
    case unterminatedQuote(SourceLocation, value: String)
    case textAfterQuote(SourceLocation, value: String)
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
        case let .missingColumn(file, line, column, header):
            return "\(file), line \(line) (header '\(MessageValue.shortened(header))'): column '\(column)' is missing. Add it to the header."
        case let .referencedColumnMissing(file, line, column, key):
            return "\(file), line \(line): trial.toml key '\(key)' names the roster column '\(column)', which the roster does not have. Add the column to the roster or correct '\(key)'."
        case let .duplicateColumn(file, line, column):
            return "\(file), line \(line): column '\(MessageValue.shortened(column))' appears twice in the header. Keep one."
        case let .wrongFieldCount(loc, found, expected):
            return "\(loc): expected \(expected) fields as in the header, found \(found). Fix the row (a field that holds a comma must be quoted \"…\"); nothing was imported."
        case let .emptyFile(file):
            return "\(file) has no header row. Add a header line with the column names."
        case let .noDataRows(file, headerLine):
            return "\(file), line \(headerLine): the file has a header but no data rows. Add the rows or give the right file; nothing was imported."
        case let .isDirectory(path):
            return "\(path) is a directory, not a file. Give the path of the file itself."
        case let .notUTF8(loc, byteColumn, byte, value):
            return "\(loc), byte \(byteColumn): value '\(value)' is not UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))). Save the file as UTF-8; nothing was imported."
        case let .controlCharacter(loc, byteColumn, scalar, value):
            return "\(loc), byte \(byteColumn): value '\(value)' holds the control character U+\(fourHexDigits(scalar)). Remove it; nothing was imported."
        case let .unterminatedQuote(loc, value):
            return "\(loc): value '\(value)' opens a quote that is not closed on this line. Close it with \" (a quote inside is written \"\"); nothing was imported."
        case let .textAfterQuote(loc, value):
            return "\(loc): value '\(value)' has text after its closing quote. Quote the whole field (a quote inside is written \"\"); nothing was imported."
        case let .invalidField(loc, value, expected):
            return "\(loc): value '\(MessageValue.shortened(value))' is not \(expected). Correct the value; nothing was imported."
        case let .duplicateParticipant(loc, id, firstLine):
            return "\(loc): participant '\(MessageValue.shortened(id))' already appears on line \(firstLine). Remove the duplicate; nothing was imported."
        }
    }
}

/// A scalar value as at least four uppercase hex digits (`0000`, `009F`).
private func fourHexDigits(_ v: UInt32) -> String {
    let digits = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
