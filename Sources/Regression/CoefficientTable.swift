// SPDX-License-Identifier: GPL-3.0-or-later

/// One row of a coefficient table: the estimate of one term with its t-based inference.
public struct CoefficientRow: Sendable, Equatable, Codable {
    public let term: String
    public let estimate: Double
    public let stdError: Double
    /// `estimate / stdError`.
    public let statistic: Double
    /// Two-sided p-value from Student's t with `df` degrees of freedom.
    public let pValue: Double
    public let confLow: Double
    public let confHigh: Double
    public let df: Double

    enum CodingKeys: String, CodingKey {
        case term, estimate, statistic, df
        case stdError = "std_error", pValue = "p_value", confLow = "conf_low", confHigh = "conf_high"
    }
}

/// The summary of a fit as a table value: one row per estimated (non-aliased) term, plus the
/// confidence level of its intervals and the aliased terms. Never formatted here.
public struct CoefficientTable: Sendable, Equatable {
    public let rows: [CoefficientRow]
    /// The confidence level of `confLow`/`confHigh` (e.g. 0.95).
    public let level: Double
    /// Terms dropped because they are collinear with earlier ones (R shows `NA` for them).
    public let aliasedTerms: [String]

    /// The row of a term, if it was estimated.
    public subscript(term: String) -> CoefficientRow? { rows.first { $0.term == term } }
}
