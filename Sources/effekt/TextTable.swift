// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The one plain-text table every command prints (`--format table`), with its CSV form
/// (`--format csv`): a header, a rule, then the rows; text left-aligned, numbers right-aligned,
/// two spaces between columns, no trailing blanks.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }
    init(header: [String]) { self.header = header }

    mutating func append(_ row: [String]) { rows.append(row) }

    /// Whether a cell reads as a number (right-aligned): digits with a sign, point, exponent,
    /// or one of the spellings of a missing number.
    static func isNumeric(_ cell: String) -> Bool {
        Double(cell) != nil || ["NA", "Inf", "-Inf", "nan", "inf", "-inf", "-"].contains(cell)
    }

    var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            var text = r.enumerated().map { i, v in
                let pad = String(repeating: " ", count: max(0, widths[i] - v.count))
                return i > 0 && Self.isNumeric(v) ? pad + v : v + pad
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// CSV (fields holding a comma, quote or line break are quoted).
    var csv: String {
        func field(_ v: String) -> String {
            v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }
}

/// How numbers are written in text tables and messages — the one formatter of the command line
/// (JSON keeps full precision through `JSONWriter`).
enum NumberText {
    /// Fixed decimals: `fixed(0.12345, 3)` = "0.123"; "nan", "inf", "-inf" when not finite.
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        x.isFinite ? String(format: "%.\(decimals)f", x) : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
    }

    /// Full precision for CSV: the shortest form that reads back as the same double; R's
    /// spellings "NA", "Inf", "-Inf" when not finite.
    static func full(_ x: Double) -> String {
        if x.isNaN { return "NA" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return "\(x)"
    }

    /// Significant digits as C's `%g`: `significant(1234567, 6)` = "1.23457e+06"; R's spellings
    /// "NA", "Inf", "-Inf" when not finite (the survival and regression tables follow R's print).
    static func significant(_ x: Double, _ digits: Int = 6) -> String {
        if x.isNaN { return "NA" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return String(format: "%.\(digits)g", x)
    }
}
