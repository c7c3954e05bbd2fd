// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// The rows of one monitoring file, read through the shared `CSVScanner` (its text, quoting and
/// field-count rules), with the required columns located by name.
///
/// Complexity: O(bytes). The files are small (one row per case, goal or assessment), so every row
/// is kept as strings; typed readers check them field by field.
struct MonitoringRows {
    struct Row {
        let line: Int
        let fields: [String]
    }

    let file: String
    let sha256: String
    let columns: [String]
    let rows: [Row]
    private let index: [String: Int]

    /// Reads `path`; refuses a missing or repeated required column, a row with the wrong number
    /// of fields and a file without data rows (naming file and line).
    init(path: String, displayName: String?, required: [String]) throws {
        let name = displayName ?? path
        var header = [String](), headerLine = 0
        var rows = [Row]()
        let (sha, _) = try CSVScanner.scan(path: path, displayName: name) { line in
            let fields = (0..<line.count).map { line.string($0) }
            if header.isEmpty {
                header = fields
                headerLine = line.number
                var seen = Set<String>()
                for c in header where !seen.insert(c).inserted { throw TrialModelError.duplicateColumn(file: name, line: line.number, column: c) }
                for c in required where !seen.contains(c) {
                    throw TrialModelError.missingColumn(file: name, line: line.number, column: c, header: header.joined(separator: ","))
                }
                return
            }
            guard line.count == header.count else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: name, line: line.number), found: line.count, expected: header.count)
            }
            rows.append(Row(line: line.number, fields: fields))
        }
        if header.isEmpty { throw TrialModelError.emptyFile(file: name) }
        if rows.isEmpty { throw TrialModelError.noDataRows(file: name, headerLine: headerLine) }
        self.file = name
        self.sha256 = sha
        self.columns = header
        self.rows = rows
        self.index = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    }

    func location(_ row: Row, _ column: String) -> SourceLocation { SourceLocation(file: file, line: row.line, column: column) }

    func text(_ row: Row, _ column: String) -> String { row.fields[index[column]!] }

    /// A non-empty text.
    func required(_ row: Row, _ column: String, what: String) throws -> String {
        let v = text(row, column)
        guard !v.isEmpty else { throw MonitoringError.invalidField(location(row, column), value: v, expected: what + " (it is empty)") }
        return v
    }

    /// An identifier: 1–64 letters, digits, `_`, `-`, `.`.
    func identifier(_ row: Row, _ column: String) throws -> String {
        let v = text(row, column)
        let allowed = v.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45 || c == 46
        }
        guard !v.isEmpty, v.utf8.count <= 64, allowed else {
            throw MonitoringError.invalidField(location(row, column), value: v,
                                               expected: "an identifier (1–64 letters, digits, '_', '-', '.')")
        }
        return v
    }

    func code<C: MonitoringCode>(_ row: Row, _ column: String, among allowed: [C] = Array(C.allCases)) throws -> C {
        let v = text(row, column)
        guard let c = C(rawValue: v), allowed.contains(c) else {
            throw MonitoringError.unknownCode(location(row, column), value: v, allowed: allowed.map(\.rawValue))
        }
        return c
    }

    func optionalCode<C: MonitoringCode>(_ row: Row, _ column: String, among allowed: [C] = Array(C.allCases)) throws -> C? {
        text(row, column).isEmpty ? nil : try code(row, column, among: allowed)
    }

    func date(_ row: Row, _ column: String) throws -> CalendarDate {
        let v = text(row, column)
        guard let d = CalendarDate(iso: v) else { throw MonitoringError.invalidField(location(row, column), value: v, expected: "a date YYYY-MM-DD") }
        return d
    }

    func optionalDate(_ row: Row, _ column: String) throws -> CalendarDate? {
        text(row, column).isEmpty ? nil : try date(row, column)
    }

    func number(_ row: Row, _ column: String) throws -> ExactDecimal {
        let v = text(row, column)
        guard let x = ExactDecimal(v) else {
            throw MonitoringError.invalidField(location(row, column), value: v,
                                               expected: "a plain decimal number (at most 6 decimals, below 10^9 in size)")
        }
        return x
    }

    func optionalNumber(_ row: Row, _ column: String) throws -> ExactDecimal? {
        text(row, column).isEmpty ? nil : try number(row, column)
    }
}

/// A decimal number held exactly as millionths, so that grade boundaries (50 %, 90 %, 150 %) are
/// compared without rounding: `1.5 ≤ a/t` is decided as `2a ≥ 3t` in integers.
///
/// Precondition (checked when parsed): plain notation `[-]digits[.digits]`, at most 6 decimals,
/// |x| < 10⁹.
public struct ExactDecimal: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The value × 10⁶.
    public let millionths: Int

    public init(millionths: Int) { self.millionths = millionths }

    public init?(_ text: String) {
        var s = Substring(text), negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 9, whole.allSatisfy({ $0.isASCII && $0.isNumber }), let w = Int(whole) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.count <= 6, f.allSatisfy({ $0.isASCII && $0.isNumber }), let fv = Int(f) else { return nil }
            fraction = fv * [1, 100_000, 10_000, 1_000, 100, 10, 1][f.count]
        }
        let m = w * 1_000_000 + fraction
        millionths = negative ? -m : m
    }

    public var doubleValue: Double { Double(millionths) / 1e6 }

    public var description: String {
        let a = abs(millionths), whole = a / 1_000_000, frac = a % 1_000_000
        var f = frac == 0 ? "" : String(String(frac + 1_000_000).dropFirst())
        while f.hasSuffix("0") { f.removeLast() }
        return (millionths < 0 ? "-" : "") + String(whole) + (f.isEmpty ? "" : "." + f)
    }

    public static func < (a: Self, b: Self) -> Bool { a.millionths < b.millionths }
}
