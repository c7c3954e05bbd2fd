// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// The requested columns of a CSV data file, as `effekt regress` and `effekt survival` read it:
/// UTF-8, a header row, `,` separator, `.` decimal mark, `"`-quoted fields (`""` for a quote),
/// `#` comment lines before the header, blank lines skipped (docs/DATA-FORMATS.md).
///
/// One streaming pass (`CSVScanner`) copies each requested column's fields into one byte buffer;
/// numbers and text are made from it per column (`CSVTable+Columns.swift`), with errors that name
/// the file, line, column and value. Complexity: O(file size) time; O(bytes of the requested
/// columns + rows) memory.
struct CSVTable {
    let path: String
    /// The header's column names (surrounding white space removed).
    let header: [String]
    /// The file line of each data row (`lines[k]` for row `k`; the header is line 1 unless
    /// comment or blank lines come first).
    let lines: [Int]
    /// The fields of each requested column, end to end.
    let columns: [String: ColumnBytes]

    /// One column's fields: field `k` is `bytes[ends[k - 1]..<ends[k]]` (`0..<ends[0]` for `k = 0`).
    struct ColumnBytes {
        var bytes: [UInt8] = []
        var ends: [Int] = []

        func field(_ k: Int) -> ArraySlice<UInt8> { bytes[(k == 0 ? 0 : ends[k - 1])..<ends[k]] }
    }

    var rowCount: Int { lines.count }

    /// A table from its parts (`keeping(rows:)`).
    init(path: String, header: [String], lines: [Int], columns: [String: ColumnBytes]) {
        self.path = path
        self.header = header
        self.lines = lines
        self.columns = columns
    }

    /// Reads `path`, keeping `columns` (each must be in the header). Throws a `CSVTableError`
    /// for a missing, unreadable, empty or non-UTF-8 file, an unknown column or a ragged row.
    init(path: String, columns requested: [String]) throws(CSVTableError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path) }
        var names = [String]()
        for name in requested where !names.contains(name) { names.append(name) }
        var header: [String]?
        var targets = [(field: Int, column: Int)]()
        var stores = [ColumnBytes](repeating: ColumnBytes(), count: names.count)
        var lines = [Int]()
        do {
            try CSVScanner.scan(path: path, hashing: false, strictText: false) { line in
                guard let fieldCount = header?.count else {
                    guard String(bytes: line.bytes, encoding: .utf8) != nil else { throw CSVTableError.notUTF8(path) }
                    let found = (0..<line.count).map { line.string($0).trimmingCharacters(in: .whitespaces) }
                    for name in names where !found.contains(name) {
                        throw CSVTableError.unknownColumn(path: path, column: name, available: found)
                    }
                    targets = names.enumerated().map { (found.firstIndex(of: $1)!, $0) }
                    header = found
                    return
                }
                guard line.count == fieldCount else {
                    if line.count == 1 && line.field(0).allSatisfy({ $0 == 32 || $0 == 9 }) { return }
                    throw CSVTableError.wrongFieldCount(path: path, line: line.number, found: line.count, expected: fieldCount)
                }
                if memchr(line.bytes.baseAddress!, 34, line.bytes.count) == nil {
                    for (field, column) in targets {
                        stores[column].bytes.append(contentsOf: line.field(field))
                        stores[column].ends.append(stores[column].bytes.count)
                    }
                } else {  // a quoted field may hold "" for a quote
                    for (field, column) in targets {
                        stores[column].bytes.append(contentsOf: line.string(field).utf8)
                        stores[column].ends.append(stores[column].bytes.count)
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
        guard let header else { throw .empty(path) }
        for store in stores where !CSVTable.isUTF8(store.bytes) { throw .notUTF8(path) }
        self.path = path
        self.header = header
        self.lines = lines
        self.columns = Dictionary(uniqueKeysWithValues: zip(names, stores))
    }

    /// Whether `bytes` are valid UTF-8 (checked eight bytes at a time while they are ASCII).
    private static func isUTF8(_ bytes: [UInt8]) -> Bool {
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
