// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// Lin's (2013) interacted covariate adjustment: regress the outcome on the treatment, the
/// centred covariates and their interactions with the treatment,
/// `y = α + τ·D + γᵀ(x − x̄) + δᵀ D·(x − x̄) + ε`, so that `τ̂` estimates the average treatment
/// effect and is never less precise asymptotically than the difference in means.
///
/// `x̄` is the mean over the rows used (the weighted mean with weights). Fixed effects become
/// dummy covariates (first level dropped) and are centred and interacted like any covariate.
/// Terms are named as `lm_lin` names them: `x_c` and `D:x_c`. Inference: any
/// `CovarianceEstimator` (estimatr's default HC2, CR2 with clusters).
///
/// Preconditions: as `ModelSpecification.design()`.
/// Complexity: as `OrdinaryLeastSquares` with `2q + 2` columns for `q` covariates.
/// Reference: Lin, W. (2013), Annals of Applied Statistics 7(1), 295–318; estimatr `lm_lin`.
public enum LinAdjustment {
    /// The interacted design of a specification.
    public static func design(_ specification: ModelSpecification) throws(RegressionError) -> Design {
        try design(specification, rows: specification.completeRows())
    }

    /// The interacted design on the given rows (each complete in every column used).
    static func design(_ specification: ModelSpecification, rows: [Int]) throws(RegressionError) -> Design {
        try specification.checkTreatmentVaries(rows: rows)
        let covariates = specification.covariates.map { c in
            NumericColumn(name: c.name, values: rows.map { c.values[$0] })
        } + specification.fixedEffectDummies(rows: rows)
        let weights = specification.weights.map { w in rows.map { w.values[$0] } }
        let totalWeight = weights?.reduce(0, +) ?? Double(rows.count)
        let treatment = rows.map { specification.treatment.values[$0] }
        var columns: [[Double]] = [[Double](repeating: 1, count: rows.count), treatment]
        var terms = ["(Intercept)", specification.treatment.name]
        var centred = [[Double]]()
        for c in covariates {
            let mean = weights.map { w in zip(c.values, w).reduce(0) { $0 + $1.0 * $1.1 } }
                ?? c.values.reduce(0, +)
            let values = c.values.map { $0 - mean / totalWeight }
            centred.append(values)
            columns.append(values)
            terms.append("\(c.name)_c")
        }
        for (c, values) in zip(covariates, centred) {
            columns.append(zip(treatment, values).map { $0 * $1 })
            terms.append("\(specification.treatment.name):\(c.name)_c")
        }
        return try specification.assemble(rows: rows, columns: columns, terms: terms)
    }

    /// Fits the first outcome with Lin's adjustment.
    public static func fit(_ specification: ModelSpecification, covariance estimator: CovarianceEstimator = .hc2)
        throws(RegressionError) -> RegressionResult {
        try OrdinaryLeastSquares.fit(design(specification), covariance: estimator)
    }
}
