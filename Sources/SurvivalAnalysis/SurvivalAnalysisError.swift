// SPDX-License-Identifier: GPL-3.0-or-later

/// Everything that can go wrong in the SurvivalAnalysis layer. Each case reads as a sentence with the
/// offending value and what to do about it, in the library's terms (never a command-line flag).
/// Rows are numbered from 1 in the order given.
public enum SurvivalAnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two inputs that must describe the same rows have different lengths.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// A time is negative, infinite or not a number.
    case invalidTime(row: Int, value: Double)
    /// A `(start, stop]` interval is empty or reversed.
    case stopNotAfterStart(row: Int, start: Double, stop: Double)
    /// A covariate value is infinite or not a number.
    case invalidCovariate(row: Int, column: Int, value: Double)
    /// An outcome code of a competing-risks event column is negative or above the declared count.
    case undeclaredOutcome(row: Int, code: Int, outcomeCount: Int)
    /// There are no rows at all.
    case noObservations
    /// No row has an event.
    case noEvents(subjects: Int)
    /// A Cox model needs at least one covariate.
    case noCovariates
    /// A test comparing groups needs at least two groups with observations.
    case tooFewGroups(count: Int)
    /// A confidence level outside (0, 1).
    case invalidLevel(Double)
    /// The information matrix could not be factored even at the start (collinear covariates).
    case singularInformation(detail: String)
    /// A covariate is constant or a linear combination of earlier ones (within strata).
    case collinearCovariate(name: String)

    public var description: String {
        switch self {
        case let .lengthMismatch(what, expected, actual):
            return "The \(what) has \(actual) values but the data has \(expected) rows; give one value per row."
        case let .invalidTime(row, value):
            return "Row \(row) has time \(value); times must be finite and not negative."
        case let .stopNotAfterStart(row, start, stop):
            return "Row \(row) has stop \(stop) not after start \(start); each (start, stop] interval must be non-empty."
        case let .invalidCovariate(row, column, value):
            return "Row \(row) has covariate \(column + 1) equal to \(value); covariates must be finite numbers."
        case let .undeclaredOutcome(row, code, outcomeCount):
            return "Row \(row) has event code \(code), but only 0 (censored) and 1…\(outcomeCount) are declared."
        case .noObservations:
            return "The data has no rows; survival analysis needs at least one observation."
        case let .noEvents(subjects):
            return "The analysis needs at least one event; the data has 0 events among \(subjects) subjects."
        case .noCovariates:
            return "A Cox model needs at least one covariate; without covariates, compare the groups with a log-rank test."
        case let .tooFewGroups(count):
            return "Comparing groups needs at least two groups; the data has \(count)."
        case let .invalidLevel(level):
            return "The confidence level \(level) is not between 0 and 1; use e.g. 0.95."
        case let .collinearCovariate(name):
            return "Covariate \(name) is constant or collinear with the covariates before it, so the Cox model cannot estimate it; remove it."
        case let .singularInformation(detail):
            return "The Cox information matrix is singular (\(detail)); remove collinear or constant covariates."
        }
    }
}
