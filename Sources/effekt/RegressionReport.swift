// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Regression

/// The printed form of a regression run: a JSON document (the contract below) or text tables.
///
/// JSON: `{"n", "dropped_rows", "se_type", "model", "level", "outcomes": [{"outcome", "r_squared",
/// "adj_r_squared", "df_residual", "clusters", "aliased", "coefficients": [{"term", "estimate",
/// "std_error", "statistic", "p_value", "conf_low", "conf_high", "df"}]}]}` — numbers at full
/// double precision (shortest round-trip form).
struct RegressionReport {
    let fit: MultipleOutcomesResult
    let estimator: CovarianceEstimator
    let level: Double
    let model: String
    let observationCount: Int

    struct Document: Encodable {
        let n: Int
        let dropped_rows: Int
        let se_type: String
        let model: String
        let level: Double
        let outcomes: [Outcome]
    }

    struct Outcome: Encodable {
        let outcome: String
        let r_squared: Double
        let adj_r_squared: Double
        let df_residual: Int
        let clusters: Int?
        let aliased: [String]
        let coefficients: [CoefficientRow]
    }

    var results: [RegressionResult] { fit.outcomeNames.indices.map { fit.result(outcome: $0, estimator: estimator) } }

    func json() throws -> String {
        let document = Document(
            n: observationCount, dropped_rows: fit.droppedRows, se_type: estimator.rawValue, model: model, level: level,
            outcomes: results.map { r in
                Outcome(outcome: r.outcome, r_squared: r.rSquared, adj_r_squared: r.adjustedRSquared,
                        df_residual: r.residualDegreesOfFreedom, clusters: r.clusterCount, aliased: r.aliasedTerms,
                        coefficients: r.summary(level: level).rows)
            })
        return try sortedJSON(document, nan: "NaN", infinity: "Infinity", escapingSlashes: true)
    }

    func table() -> String {
        var out = ""
        for r in results {
            out += "Outcome \(r.outcome): N = \(r.observationCount) (\(fit.droppedRows) rows dropped for missing values), "
            out += "SE \(estimator.rawValue)\(r.clusterCount.map { ", \($0) clusters" } ?? ""), "
            out += "R² = \(String(format: "%.4f", r.rSquared))\n"
            let pct = String(format: "%g", level * 100)
            var t = TextTable(header: ["term", "estimate", "std_error", "statistic", "p_value", "conf_low(\(pct)%)", "conf_high", "df"])
            for row in r.summary(level: level).rows {
                t.rows.append([row.term] + [row.estimate, row.stdError, row.statistic].map { String(format: "%.6g", $0) }
                              + [String(format: "%.4g", row.pValue)]
                              + [row.confLow, row.confHigh].map { String(format: "%.6g", $0) }
                              + [String(format: "%.4g", row.df)])
            }
            out += t.rendered + "\n"
            if !r.aliasedTerms.isEmpty { out += "Aliased (collinear, dropped): \(r.aliasedTerms.joined(separator: ", "))\n" }
            out += "\n"
        }
        return out
    }
}
