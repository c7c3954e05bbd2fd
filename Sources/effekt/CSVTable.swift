// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// The requested columns of a CSV data file, as `effekt regress` and `effekt survival` read it:
/// UTF-8, a header row, `,` separator, `.` decimal mark, `"`-quoted fields (`""` for a quote),
/// `#` comment lines before the header, blank lines skipped (docs/DATA-FORMATS.md).
///
/// One streaming pass (`CSVScanner`) copies each requested text column's fields into one byte
/// buffer and parses each requested numeric column's fields straight into numbers (a missing
/// value is `NaN`; the first field that is no number is kept to be reported when the column is
/// asked for). Numbers and text are then read per column (`CSVTable+Columns.swift`), with errors
/// that name the file, line, column and value. Complexity: O(file size) time; O(bytes of the
/// requested text columns + 8 bytes per requested number + rows) memory.
struct CSVTable {
    let path: String
    /// The header's column names (surrounding white space removed).
    let header: [String]
    /// The file line of each data row (`lines[k]` for row `k`; the header is line 1 unless
    /// comment or blank lines come first).
    let lines: [Int]
    /// The fields of each requested text column, end to end.
    let columns: [String: ColumnBytes]
    /// Each requested numeric column, parsed.
    let numericColumns: [String: ParsedNumbers]

    /// One column's fields: field `k` is `bytes[ends[k - 1]..<ends[k]]` (`0..<ends[0]` for `k = 0`).
    struct ColumnBytes {
        var bytes: [UInt8] = []
        var ends: [Int] = []

        func field(_ k: Int) -> ArraySlice<UInt8> { bytes[(k == 0 ? 0 : ends[k - 1])..<ends[k]] }
    }

    /// A numeric column parsed while reading: `NaN` for a missing field (empty or `NA`) and for a
    /// field that is no number; the first of each kind, by row, with its text.
    struct ParsedNumbers {
        var values: [Double] = []
        var firstMissing: (row: Int, text: String)?
        var firstInvalid: (row: Int, text: String)?
        /// Whether a field that is no number is not UTF-8 either (the file is refused as such).
        var notUTF8 = false
    }

    var rowCount: Int { lines.count }

    /// A table from its parts (`keeping(rows:)`).
    init(path: String, header: [String], lines: [Int], columns: [String: ColumnBytes],
         numericColumns: [String: ParsedNumbers]) {
        self.path = path
        self.header = header
        self.lines = lines
        self.columns = columns
        self.numericColumns = numericColumns
    }

    /// Reads `path`, keeping `columns` (each must be in the header) as text and `numeric` as
    /// numbers, on `reading.threads` threads (`CSVTable+Threads.swift`; the table is the same on
    /// any number). Throws a `CSVTableError` for a missing, unreadable, empty or non-UTF-8 file,
    /// an unknown column or a ragged row (the first in the file).
    init(path: String, columns requested: [String], numeric: [String] = [],
         reading: CSVReading = .machine) throws(CSVTableError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path) }
        var names = [String](), numericNames = [String]()
        for name in requested where !names.contains(name) { names.append(name) }
        for name in numeric where !numericNames.contains(name) { numericNames.append(name) }
        let read: ReadColumns
        if reading.threads > 1, let inPieces = try CSVTable.readInPieces(path: path, text: names, numeric: numericNames, reading: reading) {
            read = inPieces
        } else {
            read = try CSVTable.readLineByLine(path: path, text: names, numeric: numericNames)
        }
        for store in read.stores where !CSVTable.isUTF8(store.bytes) { throw .notUTF8(path) }
        for column in read.numbers where column.notUTF8 { throw .notUTF8(path) }
        self.path = path
        self.header = read.header
        self.lines = read.lines
        self.columns = Dictionary(uniqueKeysWithValues: zip(names, read.stores))
        self.numericColumns = Dictionary(uniqueKeysWithValues: zip(numericNames, read.numbers))
    }

    /// Reads the file line by line through `CSVScanner` on the calling thread: the reader of
    /// files with quoted fields, and the reference of `readInPieces`.
    /// Complexity: O(file size).
    static func readLineByLine(path: String, text names: [String], numeric numericNames: [String]) throws(CSVTableError) -> ReadColumns {
        var header: [String]?
        var targets = [(field: Int, column: Int)](), numericTargets = [(field: Int, column: Int)]()
        var stores = [ColumnBytes](repeating: ColumnBytes(), count: names.count)
        let builders = numericNames.map { _ in NumberColumnBuilder() }
        var parser: UnquotedLineParser?
        var lines = [Int]()
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        do {
            try CSVScanner.scan(path: path, hashing: false, strictText: false, rawUnquotedLines: true) { line in
                guard let fieldCount = header?.count, let parser else {
                    guard String(bytes: line.bytes, encoding: .utf8) != nil else { throw CSVTableError.notUTF8(path) }
                    let found = (0..<line.count).map { line.string($0).trimmingCharacters(in: .whitespaces) }
                    let roles = try ColumnRoles(header: found, text: names, numeric: numericNames, path: path)
                    targets = roles.text.enumerated().filter { $0.element >= 0 }.map { ($0.offset, $0.element) }
                    numericTargets = roles.numeric.enumerated().filter { $0.element >= 0 }.map { ($0.offset, $0.element) }
                    parser = UnquotedLineParser(numeric: roles.numeric, text: roles.text, builders: builders)
                    header = found
                    return
                }
                if lines.isEmpty {  // rows ≈ file size / first row's length, with 5 % to spare
                    let estimate = fileSize / (line.bytes.count + 1) * 21 / 20 + 16
                    lines.reserveCapacity(estimate)
                    for builder in builders { builder.reserve(estimate) }
                    for k in stores.indices { stores[k].ends.reserveCapacity(estimate) }
                }
                if line.count < 0 {  // no quote on the line: split and parse in one pass
                    // A line of white space only is skipped as blank (unless it is one empty field).
                    let b = line.bytes
                    if fieldCount != 1, b[0] == 32 || b[0] == 9, b.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
                    let count = parser.parse(b, stores: &stores)
                    guard count == fieldCount else {
                        throw CSVTableError.wrongFieldCount(path: path, line: line.number, found: count, expected: fieldCount)
                    }
                } else {  // a quoted field may hold "" for a quote
                    guard line.count == fieldCount else {
                        if line.count == 1 && line.field(0).allSatisfy({ $0 == 32 || $0 == 9 }) { return }
                        throw CSVTableError.wrongFieldCount(path: path, line: line.number, found: line.count, expected: fieldCount)
                    }
                    for (field, column) in targets {
                        stores[column].bytes.append(contentsOf: line.string(field).utf8)
                        stores[column].ends.append(stores[column].bytes.count)
                    }
                    for (field, column) in numericTargets {
                        var text = line.string(field)
                        text.withUTF8 { builders[column].append(field: $0) }
                    }
                }
                lines.append(line.number)
            }
        } catch let error as CSVTableError {
            throw error
        } catch let TrialModelError.wrongFieldCount(location, _, limit) {
            throw .tooManyFields(path: path, line: location.line, limit: limit)
        } catch {
            throw .unreadable(path)
        }
        withExtendedLifetime(builders) {}  // the parser holds them unretained
        guard let header else { throw .empty(path) }
        return ReadColumns(header: header, lines: lines, stores: stores, numbers: builders.map(\.parsed))
    }

    /// Whether `bytes` are valid UTF-8 (checked eight bytes at a time while they are ASCII).
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        let ascii = bytes.withUnsafeBytes { raw -> Bool in
            var i = 0
            while i + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            return raw[i...].allSatisfy { $0 < 0x80 }
        }
        return ascii || String(bytes: bytes, encoding: .utf8) != nil
    }
}
