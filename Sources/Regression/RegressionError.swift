// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// Everything that can go wrong in the Regression layer. Each case reads as a sentence with the
/// offending value and what to do about it (`description`).
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The treatment takes a single value among the rows used.
    case constantTreatment(column: String, value: Double)
    /// Difference in means needs a 0/1 treatment.
    case nonBinaryTreatment(column: String, value: Double)
    /// After listwise deletion there are fewer rows than parameters to estimate.
    case tooFewRows(rows: Int, parameters: Int)
    /// Columns passed together have different lengths.
    case columnLengthMismatch(column: String, length: Int, expected: Int)
    /// A cluster identifier is missing (a `ClusterAssignment` made from labels with a gap).
    case missingCluster(column: String, row: Int)
    /// A used column has a missing value and the policy is `MissingValuePolicy.fail`.
    case missingValue(column: String, row: Int)
    /// A cluster-robust estimator was requested without a cluster column.
    case clusterRequired(estimator: CovarianceEstimator)
    /// Cluster-robust inference needs at least two clusters.
    case tooFewClusters(column: String, count: Int)
    /// Weights must be zero or positive, and finite.
    case invalidWeight(column: String, row: Int, value: Double)
    /// The design has no column that is not aliased.
    case emptyDesign
    /// A block of a blocked difference in means lacks units in one arm or has a single unit in one.
    case blockWithoutBothArms(block: String, treated: Int, control: Int)
    /// The same name is used for two terms.
    case duplicateTerm(String)
    /// A term asked for by name is not in the design.
    case unknownTerm(String, available: [String])
    /// A numerical routine failed (this should not happen on valid input).
    case numerical(LinearAlgebraError)

    public var description: String {
        switch self {
        case let .constantTreatment(column, value):
            return "The treatment column '\(column)' is constant (every value is \(format(value))); a treatment effect needs both arms."
        case let .nonBinaryTreatment(column, value):
            return "The treatment column '\(column)' has the value \(format(value)); a difference in means needs a treatment coded 0 (control) or 1 (treated)."
        case let .tooFewRows(rows, parameters):
            return "Only \(rows) complete rows remain for \(parameters) parameters; a regression needs more rows than parameters (drop covariates or fixed effects, or check for missing values)."
        case let .columnLengthMismatch(column, length, expected):
            return "The column '\(column)' has \(length) values but the other columns have \(expected); pass columns of equal length."
        case let .missingCluster(column, row):
            return "The cluster column '\(column)' is missing on row \(row + 1); every row used needs a cluster, so fill it in or drop the row."
        case let .missingValue(column, row):
            return "The column '\(column)' is missing on row \(row + 1); fill it in, or let rows with missing values be dropped."
        case let .clusterRequired(estimator):
            return "The \(estimator) standard errors are cluster-robust and need a cluster column; pass one or choose classical or hc0–hc3."
        case let .tooFewClusters(column, count):
            return "The cluster column '\(column)' has \(count) cluster\(count == 1 ? "" : "s"); cluster-robust standard errors need at least two."
        case let .invalidWeight(column, row, value):
            return "The weight column '\(column)' has the value \(format(value)) on row \(row + 1); weights must be zero or positive, and finite (a zero weight keeps the row in N, as estimatr does)."
        case .emptyDesign:
            return "Every column of the design is aliased (zero or collinear); there is nothing to estimate."
        case let .blockWithoutBothArms(block, treated, control):
            return "Block '\(block)' has \(treated) treated and \(control) control units; a blocked difference in means needs at least two units in each arm of every block (or exactly one in each, for matched pairs)."
        case let .duplicateTerm(name):
            return "The term '\(name)' appears twice in the design; give every column a distinct name."
        case let .unknownTerm(name, available):
            return "The term '\(name)' is not in the design; the terms are \(available.map { "'\($0)'" }.joined(separator: ", "))."
        case let .numerical(error):
            return error.description
        }
    }
}

/// Shortest round-trip text of a number, without a trailing ".0" for integers.
func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}
