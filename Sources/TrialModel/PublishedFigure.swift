// SPDX-License-Identifier: GPL-3.0-or-later

/// A published figure a trial's data is calibrated to and compared with: one row of
/// `published.csv` (`id,description,published,unit,population,estimand,source`).
///
/// The synthetic-trial generator writes these rows; `effekt reproduce` reads them and computes
/// each `estimand` (grammar `name[:argument]`, see docs/DATA-FORMATS.md, e.g.
/// `effect:any_paid_hours@66-78`, `hazard_ratio:losing_paid_hours`,
/// `baseline_share:origin=non_western`) from the data.
public struct PublishedFigure: Sendable, Hashable, Codable {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case percentagePoints = "percentage_points"
        case percent
        case hoursPerWeek = "hours_per_week"
        case hazardRatio = "hazard_ratio"
        case count
        case months
        case weeks

        /// Shares (0–1) and differences of shares are shown ×100 in these units.
        public var isPercentage: Bool { self == .percent || self == .percentagePoints }
    }

    /// Stable key, e.g. `kh_share_paid_hours_w78_effect`.
    public let id: String
    public let description: String
    /// The published number as printed in the report (text, so that writing it back involves no
    /// float formatting).
    public let published: String
    public let unit: Unit
    /// `all`, a benefit code, an arm or a municipality.
    public let population: String
    /// The analysis that reproduces it.
    public let estimand: Estimand
    /// Report file in shared/seeds/ and section.
    public let source: String

    public init(_ id: String, _ description: String, published: String, unit: Unit, population: String,
                estimand: Estimand, source: String) {
        self.id = id
        self.description = description
        self.published = published
        self.unit = unit
        self.population = population
        self.estimand = estimand
        self.source = source
    }

    /// The published number (`published` is checked to be one when read).
    public var value: Double { Double(published) ?? .nan }

    /// The header of published.csv.
    public static let columns = ["id", "description", "published", "unit", "population", "estimand", "source"]

    /// Reads `published.csv` (comment lines starting with `#` before the header are skipped).
    ///
    /// Refuses, naming file, line, column and value: a missing column, a row with the wrong number
    /// of fields, a `published` value that is not a number, an unknown unit, an estimand that is
    /// not one of `Estimand.kinds` with a fitting argument.
    public static func read(path: String) throws -> [PublishedFigure] {
        var figures = [PublishedFigure]()
        try CSVScanner.scanColumns(path: path, columns) { f, line in
            guard Double(f[2]) != nil else {
                throw TrialModelError.invalidField(SourceLocation(file: path, line: line, column: "published"), value: f[2], expected: "a number")
            }
            guard let unit = Unit(rawValue: f[3]) else {
                throw TrialModelError.invalidField(SourceLocation(file: path, line: line, column: "unit"), value: f[3],
                                                   expected: "one of " + Unit.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let estimand = Estimand(parsing: f[5]) else {
                throw TrialModelError.invalidField(SourceLocation(file: path, line: line, column: "estimand"), value: f[5],
                                                   expected: "an estimand: one of " + Estimand.kinds.joined(separator: ", ")
                                                       + ", with its argument (docs/DATA-FORMATS.md)")
            }
            figures.append(PublishedFigure(f[0], f[1], published: f[2], unit: unit, population: f[4], estimand: estimand, source: f[6]))
        }
        return figures
    }
}

extension Estimand: RawRepresentable, Codable {
    /// The text form (`init(parsing:)`), which is also its Codable form.
    public init?(rawValue: String) { self.init(parsing: rawValue) }
    public var rawValue: String { description }
}
