// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// What to regress on what: the columns of a treatment-effect regression
/// `y = α + τ·D + γᵀx + Σ_s δ_s·1[stratum = s] + ε`.
///
/// `design()` turns it into a `Design`: listwise deletion of rows with a missing outcome,
/// treatment, covariate, weight, cluster or fixed effect (counted in `droppedRows`; as estimatr's
/// `na.omit`; `completeCaseDesigns` drops a row missing one outcome for that outcome only); an intercept
/// `(Intercept)`, the treatment, the covariates, then one dummy per fixed-effect level except the
/// first (levels sorted numerically when all are numbers, else by text — R's `factor` order),
/// named `<column><level>` as R names them.
public struct ModelSpecification: Sendable {
    public var outcomes: [NumericColumn]
    public var treatment: NumericColumn
    public var covariates: [NumericColumn]
    public var fixedEffects: [CategoricalColumn]
    public var cluster: CategoricalColumn?
    public var weights: NumericColumn?

    public init(outcomes: [NumericColumn], treatment: NumericColumn, covariates: [NumericColumn] = [],
                fixedEffects: [CategoricalColumn] = [], cluster: CategoricalColumn? = nil,
                weights: NumericColumn? = nil) {
        self.outcomes = outcomes
        self.treatment = treatment
        self.covariates = covariates
        self.fixedEffects = fixedEffects
        self.cluster = cluster
        self.weights = weights
    }

    /// The number of rows (the length every column must have).
    public var rowCount: Int { treatment.values.count }

    /// Rows with every outcome, the treatment, covariates, weights, cluster and fixed effects present.
    /// Throws when columns differ in length.
    public func completeRows() throws(RegressionError) -> [Int] {
        try checkLengths()
        var numeric = outcomes + covariates + [treatment]
        if let weights { numeric.append(weights) }
        return (0..<rowCount).filter { i in
            numeric.allSatisfy { $0.values[i].isFinite } && fixedEffects.allSatisfy { $0.labels[i] != nil }
                && cluster.map { $0.labels[i] != nil } ?? true
        }
    }

    /// Throws `.columnLengthMismatch` for the first column whose length is not `rowCount`.
    func checkLengths() throws(RegressionError) {
        let n = rowCount
        for c in outcomes + covariates + [treatment] + (weights.map { [$0] } ?? []) where c.values.count != n {
            throw .columnLengthMismatch(column: c.name, length: c.values.count, expected: n)
        }
        for c in fixedEffects + (cluster.map { [$0] } ?? []) where c.labels.count != n {
            throw .columnLengthMismatch(column: c.name, length: c.labels.count, expected: n)
        }
    }

    /// The levels of a categorical column among `rows`, in R's `factor` order.
    static func levels(of column: CategoricalColumn, rows: [Int]) -> [String] {
        let distinct = Array(Set(rows.compactMap { column.labels[$0] }))
        let numbers = distinct.compactMap(Double.init)
        if numbers.count == distinct.count {
            return distinct.sorted { Double($0)! < Double($1)! }
        }
        return distinct.sorted()
    }

    /// Throws `.constantTreatment` when the treatment takes one value on `rows`.
    func checkTreatmentVaries(rows: [Int]) throws(RegressionError) {
        guard let first = rows.first.map({ treatment.values[$0] }) else { return }
        if rows.allSatisfy({ treatment.values[$0] == first }) {
            throw .constantTreatment(column: treatment.name, value: first)
        }
    }

    /// The fixed-effect dummies on `rows` (first level of each column dropped), with their names.
    /// Complexity: O(N) label look-ups + O(N · levels) stores.
    func fixedEffectDummies(rows: [Int]) -> [NumericColumn] {
        var out = [NumericColumn]()
        for fe in fixedEffects {
            let levels = ModelSpecification.levels(of: fe, rows: rows)
            let position = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
            var dummies = [[Double]](repeating: [Double](repeating: 0, count: rows.count), count: max(levels.count - 1, 0))
            for (k, row) in rows.enumerated() {
                let level = position[fe.labels[row]!]!
                if level > 0 { dummies[level - 1][k] = 1 }
            }
            for (level, values) in zip(levels.dropFirst(), dummies) {
                out.append(NumericColumn(name: "\(fe.name)\(level)", values: values))
            }
        }
        return out
    }

    /// `column`'s values on `rows` (the column itself when `rows` are all rows in order).
    func values(_ column: NumericColumn, rows: [Int]) -> [Double] {
        rows.count == rowCount ? column.values : rows.map { column.values[$0] }
    }

    /// The regression design (see the type's documentation).
    ///
    /// Throws: unequal column lengths, a constant treatment, negative weights, fewer complete rows
    /// than parameters.
    /// Complexity: O(N · p).
    public func design() throws(RegressionError) -> Design {
        try design(rows: completeRows())
    }

    /// The design on the given rows (each complete in every column used).
    func design(rows: [Int]) throws(RegressionError) -> Design {
        try checkTreatmentVaries(rows: rows)
        let regressors = [treatment] + covariates.map { c in
            NumericColumn(name: c.name, values: values(c, rows: rows))
        } + fixedEffectDummies(rows: rows)
        var columns: [[Double]] = [[Double](repeating: 1, count: rows.count), values(treatment, rows: rows)]
        columns += regressors.dropFirst().map(\.values)
        let terms = ["(Intercept)"] + regressors.map(\.name)
        return try assemble(rows: rows, columns: columns, terms: terms)
    }

    /// Builds the `Design` from selected rows and finished regressor columns (shared with `LinAdjustment`).
    func assemble(rows: [Int], columns: [[Double]], terms: [String]) throws(RegressionError) -> Design {
        guard rows.count > terms.count else { throw .tooFewRows(rows: rows.count, parameters: terms.count) }
        let y = Matrix(columns: outcomes.map { values($0, rows: rows) })
        let clusters = try cluster.map { c throws(RegressionError) in
            try ClusterAssignment(CategoricalColumn(name: c.name, labels: rows.map { c.labels[$0] }))
        }
        return try Design(x: Matrix(columns: columns), terms: terms, y: y, outcomeNames: outcomes.map(\.name),
                          weights: weights.map { values($0, rows: rows) },
                          weightsName: weights?.name ?? "weights", clusters: clusters,
                          droppedRows: rowCount - rows.count, interceptColumn: 0)
    }
}
