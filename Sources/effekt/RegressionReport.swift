// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Regression
import TrialModel

/// The printed form of a regression run: a JSON document (the contract below) or text tables.
///
/// JSON: `{"rows", "se_type", "model", "level", "terms", "outcomes": [{"outcome", "n", "dropped_rows":
/// {"treatment", "covariates", "weights", "cluster", "fixed_effects", "outcome"}, "r_squared",
/// "adj_r_squared", "df_residual", "clusters", "aliased", "coefficients": [{"term", "estimate",
/// "std_error", "statistic", "p_value", "conf_low", "conf_high", "df", "std_error_reason"}]}]}` —
/// written by `JSONWriter` (keys sorted, numbers at full double precision in shortest round-trip
/// form, a number that is not finite as `null`); a standard error that was not computed
/// (`"terms": "treatment"`, another term) is `null` with its inference, and
/// `"std_error_reason": "not_requested"`; one that is not estimable (a leverage of 1, an aliased
/// term) is `null` with `"std_error_reason": "not_estimable"` (docs/DATA-FORMATS.md).
struct RegressionReport {
    /// One outcome's fit and the rows dropped for it.
    struct OutcomeFit {
        let result: RegressionResult
        let dropped: DroppedRows
    }

    let fits: [OutcomeFit]
    let estimator: CovarianceEstimator
    let level: Double
    let model: String
    /// Data rows in the file.
    let rowCount: Int
    let terms: RegressionTerms
    /// The treatment's column name (its term's standard error is always computed).
    let treatment: String

    struct Document: Encodable {
        let rows: Int
        let se_type: String
        let model: String
        let level: Double
        let terms: String
        let outcomes: [Outcome]
    }

    struct Dropped: Encodable {
        let treatment, covariates, weights, cluster, fixed_effects, outcome: Int
    }

    struct Outcome: Encodable {
        let outcome: String
        let n: Int
        let dropped_rows: Dropped
        let r_squared: Double
        let adj_r_squared: Double
        let df_residual: Int
        let clusters: Int?
        let aliased: [String]
        let coefficients: [Coefficient]
    }

    /// A coefficient row; the inference of a term whose standard error was not computed is `null`.
    struct Coefficient: Encodable {
        let row: CoefficientRow
        let computed: Bool

        enum CodingKeys: String, CodingKey {
            case term, estimate, std_error, statistic, p_value, conf_low, conf_high, df, std_error_reason
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(row.term, forKey: .term)
            try c.encode(row.estimate, forKey: .estimate)
            try c.encode(row.df, forKey: .df)
            if computed {
                if row.stdError.isNaN { try c.encode("not_estimable", forKey: .std_error_reason) }
                try c.encode(row.stdError, forKey: .std_error)
                try c.encode(row.statistic, forKey: .statistic)
                try c.encode(row.pValue, forKey: .p_value)
                try c.encode(row.confLow, forKey: .conf_low)
                try c.encode(row.confHigh, forKey: .conf_high)
            } else {
                for key in [CodingKeys.std_error, .statistic, .p_value, .conf_low, .conf_high] { try c.encodeNil(forKey: key) }
                try c.encode("not_requested", forKey: .std_error_reason)
            }
        }
    }

    /// Whether the standard error of `row` was computed (with `--terms treatment` only the
    /// treatment's is, except where the estimator gives all of them anyway: classical, CR2).
    func isComputed(_ row: CoefficientRow) -> Bool {
        terms == .all || row.term == treatment || !row.stdError.isNaN
    }

    func json() throws -> String {
        let document = Document(
            rows: rowCount, se_type: estimator.rawValue, model: model, level: level, terms: terms.rawValue,
            outcomes: fits.map { f in
                let r = f.result, d = f.dropped
                return Outcome(outcome: r.outcome, n: r.observationCount,
                               dropped_rows: Dropped(treatment: d.treatment, covariates: d.covariates, weights: d.weights,
                                                     cluster: d.cluster, fixed_effects: d.fixedEffects, outcome: d.outcome),
                               r_squared: r.rSquared, adj_r_squared: r.adjustedRSquared,
                               df_residual: r.residualDegreesOfFreedom, clusters: r.clusterCount, aliased: r.aliasedTerms,
                               coefficients: r.summary(level: level).rows.map { Coefficient(row: $0, computed: isComputed($0)) })
            })
        return try JSONWriter.text(document)
    }

    /// The coefficient tables of every outcome as one long table (`--format csv`): outcome, n,
    /// term, then the JSON's numbers in full precision (`NA` where the JSON has `null`) and the
    /// reason for a missing standard error.
    func csv() -> TextTable {
        var t = TextTable(header: ["outcome", "n", "term", "estimate", "std_error", "statistic", "p_value", "conf_low",
                                   "conf_high", "df", "std_error_reason"])
        for f in fits {
            for row in f.result.summary(level: level).rows {
                let computed = isComputed(row)
                let inference = computed ? [row.stdError, row.statistic, row.pValue, row.confLow, row.confHigh].map(NumberText.full)
                                         : Array(repeating: "NA", count: 5)
                let reason = !computed ? "not_requested" : (row.stdError.isNaN ? "not_estimable" : "")
                t.rows.append([f.result.outcome, "\(f.result.observationCount)", row.term, NumberText.full(row.estimate)]
                              + inference + [NumberText.full(row.df), reason])
            }
        }
        return t
    }

    func table() -> String {
        var out = ""
        for f in fits {
            let r = f.result, d = f.dropped
            out += "Outcome \(r.outcome): N = \(r.observationCount) (\(d.total) rows dropped for missing values"
            let reasons = [("treatment", d.treatment), ("covariates", d.covariates), ("weights", d.weights),
                           ("cluster", d.cluster), ("fixed effects", d.fixedEffects), ("outcome", d.outcome)]
                .filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
            out += reasons.isEmpty ? "" : ": " + reasons.joined(separator: ", ")
            out += "), SE \(estimator.rawValue)\(r.clusterCount.map { ", \($0) clusters" } ?? ""), "
            out += "R² = \(NumberText.fixed(r.rSquared, 4))\n"
            let pct = NumberText.significant(level * 100, 6)
            var t = TextTable(header: ["term", "estimate", "std_error", "statistic", "p_value", "conf_low(\(pct)%)", "conf_high", "df"])
            var omitted = false
            for row in r.summary(level: level).rows {
                guard isComputed(row) else {
                    omitted = true
                    t.rows.append([row.term, NumberText.significant(row.estimate, 6), "-", "-", "-", "-", "-", NumberText.significant(row.df, 4)])
                    continue
                }
                t.rows.append([row.term] + [row.estimate, row.stdError, row.statistic].map { NumberText.significant($0, 6) }
                              + [NumberText.significant(row.pValue, 4)]
                              + [row.confLow, row.confHigh].map { NumberText.significant($0, 6) }
                              + [NumberText.significant(row.df, 4)])
            }
            out += t.rendered + "\n"
            if omitted { out += "Standard errors of terms other than the treatment were not computed (--terms all computes them).\n" }
            if !r.aliasedTerms.isEmpty { out += "Aliased (collinear, dropped): \(r.aliasedTerms.joined(separator: ", "))\n" }
            out += "\n"
        }
        return out
    }
}
