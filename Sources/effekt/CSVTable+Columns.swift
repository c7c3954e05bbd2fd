// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel
#if canImport(Glibc)
import Glibc
#endif

/// A requested column as numbers, labels or text.
extension CSVTable {
    func stored(_ column: String) -> ColumnBytes {
        guard let store = columns[column] else { preconditionFailure("column '\(column)' was not requested when reading") }
        return store
    }

    /// A numeric column; a field that is not a finite number is an error naming its line. With
    /// `allowingMissing`, an empty field or `NA` is a missing value (`NaN`) instead.
    func numbers(_ column: String, allowingMissing: Bool = false) throws(CSVTableError) -> [Double] {
        if let parsed = numericColumns[column] {
            var bad = parsed.firstInvalid
            if !allowingMissing, let missing = parsed.firstMissing, missing.row < bad?.row ?? Int.max { bad = missing }
            if let (k, text) = bad {
                throw .notANumber(path: path, line: lines[k], column: column, value: text)
            }
            return parsed.values
        }
        let store = stored(column)
        var out = [Double](repeating: 0, count: rowCount)
        for k in 0..<rowCount {
            let field = store.field(k)
            let value = field.withUnsafeBufferPointer { CSVTable.number(CSVTable.trimmed($0)) }
            if let value {
                out[k] = value
            } else if allowingMissing && CSVTable.isMissing(field) {
                out[k] = .nan
            } else {
                throw .notANumber(path: path, line: lines[k], column: column, value: String(decoding: field, as: UTF8.self))
            }
        }
        return out
    }

    /// The column's numbers when every field is one, else nil.
    func numbersIfAll(_ column: String) -> [Double]? { try? numbers(column) }

    /// The column's fields as they stand in the file (quotes removed).
    func text(_ column: String) -> [String] {
        let store = stored(column)
        return (0..<rowCount).map { String(decoding: store.field($0), as: UTF8.self) }
    }

    /// A categorical column, white space trimmed; an empty field or `NA` is `nil`.
    func labels(_ column: String) -> [String?] {
        let store = stored(column)
        return store.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            return store.ends.map { end in
                defer { start = end }
                let field = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let t = CSVTable.trimmed(field)
                if CSVTable.isMissing(t) { return nil }
                // Non-ASCII at either end may be Unicode white space: Foundation trims it.
                if let first = t.first, let last = t.last, first < 0x80 && last < 0x80 { return String(decoding: t, as: UTF8.self) }
                return String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// Whether a field is a missing value: empty or `NA` (white space aside).
    static func isMissing(_ field: ArraySlice<UInt8>) -> Bool {
        field.withUnsafeBufferPointer { isMissing(trimmed($0)) }
    }

    /// Whether trimmed field bytes are a missing value: empty or `NA`.
    @inline(__always) static func isMissing(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        t.isEmpty || (t.count == 2 && t[0] == UInt8(ascii: "N") && t[1] == UInt8(ascii: "A"))
    }

    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var a = 0, z = b.count
        while a < z && (b[a] == 32 || b[a] == 9) { a += 1 }
        while z > a && (b[z - 1] == 32 || b[z - 1] == 9) { z -= 1 }
        return UnsafeBufferPointer(rebasing: b[a..<z])
    }

    /// A finite number written as C's `strtod` reads it (the whole field), else nil. Fields of up
    /// to 15 bytes in plain decimal notation take `CSVField.decimal`, which is exact there.
    static func number(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !b.isEmpty else { return nil }
        if b.count <= 15, let v = CSVField.decimal(b) { return v }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: b.count + 1) { text -> Double? in
            for i in 0..<b.count { text[i] = CChar(bitPattern: b[i]) }
            text[b.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(text.baseAddress!, &end)
            guard end == text.baseAddress! + b.count, v.isFinite else { return nil }
            return v
        }
    }
}

/// Rows with missing values.
extension CSVTable {
    /// Whether each row's field in `column` is missing (empty or `NA`).
    func missing(_ column: String) -> [Bool] {
        if let parsed = numericColumns[column] {
            var out = [Bool](repeating: false, count: rowCount)
            guard let first = parsed.firstMissing?.row else { return out }
            // From the first field that is no number on, nothing counts as missing: numbers(_:) reports it.
            for k in first..<(parsed.firstInvalid?.row ?? rowCount) where parsed.values[k].isNaN { out[k] = true }
            return out
        }
        let store = stored(column)
        return (0..<rowCount).map { CSVTable.isMissing(store.field($0)) }
    }

    /// The table restricted to `rows` (ascending), keeping each row's file line.
    func keeping(rows: [Int]) -> CSVTable {
        var kept = [String: ColumnBytes]()
        for (name, store) in columns {
            var out = ColumnBytes()
            out.ends.reserveCapacity(rows.count)
            for k in rows {
                out.bytes.append(contentsOf: store.field(k))
                out.ends.append(out.bytes.count)
            }
            kept[name] = out
        }
        var keptNumbers = [String: ParsedNumbers]()
        for (name, parsed) in numericColumns {
            var out = ParsedNumbers()
            out.values = rows.map { parsed.values[$0] }
            if let missing = parsed.firstMissing,
               let k = rows.firstIndex(where: { $0 >= missing.row && $0 != parsed.firstInvalid?.row && parsed.values[$0].isNaN }) {
                out.firstMissing = (k, missing.text)  // the text of the file's first missing field (empty or NA)
            }
            if let (row, text) = parsed.firstInvalid, let k = rows.firstIndex(of: row) { out.firstInvalid = (k, text) }
            keptNumbers[name] = out
        }
        return CSVTable(path: path, header: header, lines: rows.map { lines[$0] }, columns: kept, numericColumns: keptNumbers)
    }
}
