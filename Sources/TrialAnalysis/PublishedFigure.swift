// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A published figure a trial's data is compared with (a row of `published.csv`).
///
/// The `estimand` names the computation that reproduces it, in the grammar `name[:argument]`
/// documented in docs/DATA-FORMATS.md (e.g. `effect:any_paid_hours@66-78`,
/// `hazard_ratio:losing_paid_hours`, `baseline_share:origin=non_western`).
public struct PublishedFigure: Sendable, Equatable, Codable {
    public let id: String
    public let description: String
    public let published: Double
    /// `percentage_points`, `percent`, `hours_per_week`, `hazard_ratio`, `count`, `months`, `weeks`.
    public let unit: String
    /// `all`, a benefit code, a municipality or an arm.
    public let population: String
    public let estimand: String
    public let source: String

    public init(id: String, description: String, published: Double, unit: String, population: String, estimand: String, source: String) {
        self.id = id
        self.description = description
        self.published = published
        self.unit = unit
        self.population = population
        self.estimand = estimand
        self.source = source
    }

    /// Reads `published.csv` (comment lines starting with `#` before the header are skipped;
    /// fields are unquoted).
    public static func read(path: String) throws -> [PublishedFigure] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PublishedFigureError.unreadable(path: path)
        }
        var header: [String]?
        var figures = [PublishedFigure]()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.isEmpty || (header == nil && line.hasPrefix("#")) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let h = header else { header = fields; continue }
            func field(_ name: String) throws -> String {
                guard let i = h.firstIndex(of: name) else { throw PublishedFigureError.missingColumn(path: path, column: name) }
                guard i < fields.count else { throw PublishedFigureError.shortLine(path: path, line: n + 1) }
                return fields[i]
            }
            let value = try field("published")
            guard let number = Double(value) else {
                throw PublishedFigureError.notANumber(path: path, line: n + 1, value: value)
            }
            figures.append(PublishedFigure(id: try field("id"), description: try field("description"), published: number,
                                           unit: try field("unit"), population: try field("population"),
                                           estimand: try field("estimand"), source: try field("source")))
        }
        return figures
    }
}

/// A published figure next to its reproduction from the data.
public struct ReproducedFigure: Sendable, Equatable, Codable {
    public let id: String
    public let description: String
    public let published: Double
    public let unit: String
    public let population: String
    public let estimand: String
    /// NaN when the estimand cannot be computed on this data (`note` says why).
    public let estimate: Double
    public let confLow: Double
    public let confHigh: Double
    /// Whether the published value lies within [conf_low, conf_high].
    public let within: Bool
    /// How the interval was made (e.g. "exact count", "95 % t interval", "effect CI from the ITT regression").
    public let interval: String
    public let note: String?
}

/// Problems reading `published.csv`. Each case reads as a sentence.
public enum PublishedFigureError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    case missingColumn(path: String, column: String)
    case shortLine(path: String, line: Int)
    case notANumber(path: String, line: Int, value: String)

    public var description: String {
        switch self {
        case let .unreadable(path): return "Cannot read the published figures file \(path); check that it exists and is UTF-8."
        case let .missingColumn(path, column): return "\(path) has no column '\(column)'; published.csv needs id, description, published, unit, population, estimand, source."
        case let .shortLine(path, line): return "\(path), line \(line): the line has fewer fields than the header."
        case let .notANumber(path, line, value): return "\(path), line \(line), column published: '\(value)' is not a number."
        }
    }
}
