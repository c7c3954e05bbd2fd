// SPDX-License-Identifier: GPL-3.0-or-later

/// How a wide register extract names its week columns (`--columns`, default `y_{yy}{ww}`):
/// literal text with `{yyyy}` (four-digit ISO year), `{yy}` (two digits: 20yy) and `{ww}` (two-digit
/// ISO week). `y_2053` is ISO week 53 of 2020 under the default. Columns that do not match are
/// not week columns (the `id` column, or others, which are ignored).
public struct RegisterColumnPattern: Sendable, CustomStringConvertible {
    public static let standard = "y_{yy}{ww}"

    enum Part: Sendable, Equatable { case literal([UInt8]), fourDigitYear, twoDigitYear, week }
    let parts: [Part]
    public let description: String

    /// - Throws: `.impossibleValue` naming the pattern when it lacks a year or a week token or
    ///   has an unknown `{…}` token.
    public init(_ text: String) throws(TrialModelError) {
        description = text
        var parts = [Part](), literal = [UInt8](), rest = Substring(text)
        while let c = rest.first {
            if c == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw Self.bad(text, "a '{' without its '}'") }
                let token = rest[rest.index(after: rest.startIndex)..<close]
                let part: Part
                switch token {
                case "yyyy": part = .fourDigitYear
                case "yy": part = .twoDigitYear
                case "ww": part = .week
                default: throw Self.bad(text, "unknown token {\(token)}; use {yyyy} or {yy}, and {ww}")
                }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = [] }
                parts.append(part)
                rest = rest[rest.index(after: close)...]
            } else {
                literal += Array(String(c).utf8)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        let years = parts.filter { $0 == .fourDigitYear || $0 == .twoDigitYear }.count, weeks = parts.filter { $0 == .week }.count
        guard years == 1, weeks == 1 else { throw Self.bad(text, "it needs one year token ({yyyy} or {yy}) and one {ww}") }
        self.parts = parts
    }

    static func bad(_ text: String, _ rule: String) -> TrialModelError {
        .impossibleValue(file: "the week-column pattern", key: "pattern", value: "\"\(text)\"", rule: rule)
    }

    /// The ISO year and week a column name encodes, or nil when the name does not match.
    /// (The week may not exist; `ISOWeek(year:week:)` checks.)
    public func yearAndWeek(of column: String) -> (year: Int, week: Int)? {
        let bytes = Array(column.utf8)
        var i = 0, year: Int?, week: Int?
        func digits(_ n: Int) -> Int? {
            guard i + n <= bytes.count else { return nil }
            var v = 0
            for b in bytes[i..<(i + n)] { guard b >= 48 && b <= 57 else { return nil }; v = v * 10 + Int(b - 48) }
            i += n
            return v
        }
        for part in parts {
            switch part {
            case let .literal(l):
                guard i + l.count <= bytes.count, Array(bytes[i..<(i + l.count)]) == l else { return nil }
                i += l.count
            case .fourDigitYear: guard let v = digits(4) else { return nil }; year = v
            case .twoDigitYear: guard let v = digits(2) else { return nil }; year = 2000 + v
            case .week: guard let v = digits(2) else { return nil }; week = v
            }
        }
        guard i == bytes.count, let year, let week else { return nil }
        return (year, week)
    }
}
