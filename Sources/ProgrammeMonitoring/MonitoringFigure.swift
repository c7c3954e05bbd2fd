// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// A published figure of a monitored programme: one row of the placement units' published.csv
/// (`id,description,wording_da,published,tolerance,unit,population,estimand,source`).
///
/// A verbal figure ("godt halvdelen", "cirka 20 procent") keeps its Danish wording; `published`
/// is the numeric reading chosen for it and `tolerance` how far the wording reaches either side
/// (0 for an exact number).
public struct MonitoringFigure: Sendable, Hashable {
    public let id: String
    public let description: String
    public let wordingDanish: String
    public let published: ExactDecimal
    public let tolerance: ExactDecimal
    public let unit: PublishedFigure.Unit
    /// `all` (the only population the shipped figures use).
    public let population: String
    public let estimand: MonitoringEstimand
    public let source: String

    public init(_ id: String, _ description: String, wordingDanish: String, published: String, tolerance: String,
                unit: PublishedFigure.Unit, estimand: MonitoringEstimand, source: String) {
        self.id = id
        self.description = description
        self.wordingDanish = wordingDanish
        self.published = ExactDecimal(published)!
        self.tolerance = ExactDecimal(tolerance)!
        self.unit = unit
        self.population = "all"
        self.estimand = estimand
        self.source = source
    }

    public static let columns = ["id", "description", "wording_da", "published", "tolerance", "unit", "population", "estimand", "source"]

    /// The band the wording covers: published ± tolerance.
    public var band: ClosedRange<Double> { (published.doubleValue - tolerance.doubleValue)...(published.doubleValue + tolerance.doubleValue) }

    /// Reads published.csv of a monitored programme: refuses, naming file, line, column and value,
    /// a missing column, a published value or tolerance that is not a number (a negative
    /// tolerance), an unknown unit, a population other than `all`, and an estimand that is not a
    /// monitoring kind or names a code the monitoring files do not have.
    public static func read(path: String, displayName: String? = nil) throws -> [MonitoringFigure] {
        let file = try MonitoringRows(path: path, displayName: displayName, required: columns)
        let allCodes = Set(OrganisationForm.spellings + BenefitAtContact.spellings + ContactSource.spellings
                           + Intervention.spellings + GoalType.spellings)
        return try file.rows.map { row in
            let unitText = file.text(row, "unit")
            guard let unit = PublishedFigure.Unit(rawValue: unitText) else {
                throw MonitoringError.unknownCode(file.location(row, "unit"), value: unitText, allowed: PublishedFigure.Unit.allCases.map(\.rawValue))
            }
            let tolerance = try file.number(row, "tolerance")
            if tolerance.millionths < 0 {
                throw MonitoringError.invalidField(file.location(row, "tolerance"), value: "\(tolerance)", expected: "a tolerance of 0 or more")
            }
            let population = file.text(row, "population")
            guard population == "all" else { throw MonitoringError.unknownCode(file.location(row, "population"), value: population, allowed: ["all"]) }
            let text = file.text(row, "estimand")
            guard case .monitoring(let estimand)? = Estimand(parsing: text), estimand.codes.allSatisfy(allCodes.contains) else {
                throw MonitoringError.unknownCode(file.location(row, "estimand"), value: text,
                                                  allowed: MonitoringEstimand.kinds.map { $0 + "[:codes]" })
            }
            return MonitoringFigure(try file.required(row, "id", what: "an id"), file.text(row, "description"),
                                    wordingDanish: file.text(row, "wording_da"), published: "\(try file.number(row, "published"))",
                                    tolerance: "\(tolerance)", unit: unit, estimand: estimand, source: file.text(row, "source"))
        }
    }
}
