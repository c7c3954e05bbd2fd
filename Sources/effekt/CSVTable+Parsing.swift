// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#endif
import TrialModel

/// A numeric column as it is parsed: numbers in a growing buffer (no copy-on-write checks per
/// value), the first missing and the first invalid field with their text.
final class NumberColumnBuilder {
    private(set) var base: UnsafeMutablePointer<Double>
    private(set) var count = 0
    private var capacity: Int
    var firstMissing: (row: Int, text: String)?
    var firstInvalid: (row: Int, text: String)?
    var notUTF8 = false

    init(capacity: Int = 1 << 12) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always) func append(number v: Double) {
        if count == capacity { grow() }
        base[count] = v
        count += 1
    }

    private func grow() { reserve(capacity * 2) }

    /// Empties the column, keeping its buffer (a piece of `CSVTable.readInPieces` per round).
    func removeAll() {
        count = 0
        firstMissing = nil
        firstInvalid = nil
        notUTF8 = false
    }

    /// Makes room for `n` values (the reader's estimate of the row count, so that the buffer is
    /// seldom copied: each copy touches fresh memory).
    func reserve(_ n: Int) {
        guard n > capacity else { return }
        let larger = UnsafeMutablePointer<Double>.allocate(capacity: n)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = n
    }

    /// Appends a field that the fast path did not read: a number in another notation (`strtod`),
    /// a missing value (`NaN`) or a field that is no number (`NaN`, remembered).
    func append(field: UnsafeBufferPointer<UInt8>) {
        let t = CSVTable.trimmed(field)
        if let v = CSVTable.number(t) { return append(number: v) }
        if CSVTable.isMissing(t) {
            if firstMissing == nil { firstMissing = (count, String(decoding: field, as: UTF8.self)) }
        } else {
            if String(bytes: field, encoding: .utf8) == nil { notUTF8 = true }
            if firstInvalid == nil { firstInvalid = (count, String(decoding: field, as: UTF8.self)) }
        }
        append(number: .nan)
    }

    var parsed: CSVTable.ParsedNumbers {
        CSVTable.ParsedNumbers(values: Array(UnsafeBufferPointer(start: base, count: count)), firstMissing: firstMissing,
                               firstInvalid: firstInvalid, notUTF8: notUTF8)
    }
}

/// Splits unquoted data lines at commas and parses the requested numeric fields in the same pass.
///
/// A field in plain decimal notation with at most 15 digits is read by `CSVField.scanDecimal`
/// (equal to `strtod`'s result); any other field goes to `NumberColumnBuilder.append(field:)`.
/// Complexity: one pass over the line's bytes.
struct UnquotedLineParser {
    /// Per header field: the numeric column it feeds (`numeric[f] >= 0`), else -1.
    let numeric: [Int]
    /// Per header field: the text column it feeds, else -1.
    let text: [Int]
    /// The numeric columns' builders, unretained: the caller keeps them alive while parsing
    /// (a retain and release per field would cost more than the parsing).
    let builders: [Unmanaged<NumberColumnBuilder>]

    init(numeric: [Int], text: [Int], builders: [NumberColumnBuilder]) {
        self.numeric = numeric
        self.text = text
        self.builders = builders.map { Unmanaged.passUnretained($0) }
    }

    /// Parses `b` (no `"` in it, not empty) into the builders and `stores`; returns the number of fields.
    @inline(__always)
    func parse(_ b: UnsafeBufferPointer<UInt8>, stores: inout [CSVTable.ColumnBytes]) -> Int {
        let end = b.count, p = b.baseAddress!
        let fields = numeric.count
        var i = 0, f = 0
        while true {
            let start = i
            let column = f < fields ? numeric[f] : -1
            if column >= 0 {
                var (value, j) = CSVField.scanDecimal(p, from: i, to: end)
                if let value {
                    builders[column]._withUnsafeGuaranteedRef { $0.append(number: value) }
                } else {
                    while j < end && p[j] != 44 { j += 1 }
                    let field = UnsafeBufferPointer(start: p + start, count: j - start)
                    builders[column]._withUnsafeGuaranteedRef { $0.append(field: field) }
                }
                if text[f] >= 0 {  // also read as text
                    stores[text[f]].bytes.append(contentsOf: UnsafeBufferPointer(start: p + start, count: j - start))
                    stores[text[f]].ends.append(stores[text[f]].bytes.count)
                }
                i = j
            } else {
                var j = i
                if let comma = memchr(p + i, 44, end - i) {
                    j = p.distance(to: comma.assumingMemoryBound(to: UInt8.self))
                } else {
                    j = end
                }
                let t = f < fields ? text[f] : -1
                if t >= 0 {
                    stores[t].bytes.append(contentsOf: UnsafeBufferPointer(start: p + start, count: j - start))
                    stores[t].ends.append(stores[t].bytes.count)
                }
                i = j
            }
            f += 1
            if i >= end { break }
            i += 1  // the comma
            if i == end {  // a trailing empty field
                if f < fields {
                    if numeric[f] >= 0 {
                        builders[numeric[f]]._withUnsafeGuaranteedRef { $0.append(field: UnsafeBufferPointer(start: p + end, count: 0)) }
                    }
                    if text[f] >= 0 { stores[text[f]].ends.append(stores[text[f]].bytes.count) }
                }
                f += 1
                break
            }
        }
        return f
    }
}
