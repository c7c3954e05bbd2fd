// SPDX-License-Identifier: GPL-3.0-or-later

/// What to do with a row that has a missing value (`NaN` in a numeric column, `nil` in a
/// categorical one) in a column the model uses.
public enum MissingValuePolicy: String, Sendable, CaseIterable {
    /// Drop the row, as R's `na.action = na.omit` (estimatr `lm_robust`'s and `coxph`'s default):
    /// a row missing the treatment, a covariate, the weight, the cluster or a fixed effect is
    /// dropped for every outcome; a row missing one outcome is dropped for that outcome only (as
    /// separate `lm_robust` calls, one per outcome, would).
    case omit
    /// Refuse the data, naming the first row (in file order) with a missing value, as `na.fail`.
    case fail
}

/// The rows dropped for one outcome, by reason. Each dropped row is counted once, under the first
/// reason in the order `treatment`, `covariates`, `weights`, `cluster`, `fixedEffects`, `outcome`,
/// so the counts add up to the rows not used: `total == rowCount − N`.
public struct DroppedRows: Sendable, Equatable {
    public var treatment = 0
    public var covariates = 0
    public var weights = 0
    public var cluster = 0
    public var fixedEffects = 0
    /// Rows complete in every shared column but missing this outcome.
    public var outcome = 0

    public init(treatment: Int = 0, covariates: Int = 0, weights: Int = 0, cluster: Int = 0, fixedEffects: Int = 0,
                outcome: Int = 0) {
        self.treatment = treatment
        self.covariates = covariates
        self.weights = weights
        self.cluster = cluster
        self.fixedEffects = fixedEffects
        self.outcome = outcome
    }

    /// All dropped rows.
    public var total: Int { treatment + covariates + weights + cluster + fixedEffects + outcome }
}

/// A missing value in a used column: the column's name and the row (0-based).
public struct MissingValue: Sendable, Equatable {
    public let column: String
    public let row: Int
}

/// The design of the outcomes that share one set of complete rows.
public struct CompleteCaseDesign: Sendable {
    /// The design; its outcomes are `outcomes` of the specification, in that order.
    public let design: Design
    /// Indices into the specification's `outcomes`.
    public let outcomes: [Int]
    /// The rows dropped for each of `outcomes`.
    public let dropped: [DroppedRows]
}

extension ModelSpecification {
    /// The first missing value in a used column, scanning rows in order and, within a row, the
    /// columns in the order outcomes, treatment, covariates, weights, cluster, fixed effects; `nil`
    /// when there is none. Complexity: O(N · columns).
    public func firstMissingValue() -> MissingValue? {
        var numeric = outcomes + [treatment] + covariates
        if let weights { numeric.append(weights) }
        let categorical = (cluster.map { [$0] } ?? []) + fixedEffects
        for i in 0..<rowCount {
            if let c = numeric.first(where: { !$0.values[i].isFinite }) { return MissingValue(column: c.name, row: i) }
            if let c = categorical.first(where: { $0.labels[i] == nil }) { return MissingValue(column: c.name, row: i) }
        }
        return nil
    }

    /// Per row, the first shared reason it must be dropped for (`nil`: complete in every shared column).
    func sharedMissingReasons() -> [WritableKeyPath<DroppedRows, Int>?] {
        let groups: [(WritableKeyPath<DroppedRows, Int>, [NumericColumn], [CategoricalColumn])] = [
            (\.treatment, [treatment], []), (\.covariates, covariates, []), (\.weights, weights.map { [$0] } ?? [], []),
            (\.cluster, [], cluster.map { [$0] } ?? []), (\.fixedEffects, [], fixedEffects),
        ]
        return (0..<rowCount).map { i in
            groups.first { _, numeric, categorical in
                numeric.contains { !$0.values[i].isFinite } || categorical.contains { $0.labels[i] == nil }
            }?.0
        }
    }

    /// One design per set of complete rows, as separate `lm_robust(..., na.action = na.omit)` calls
    /// per outcome would see them: rows missing a shared column are dropped for every outcome, rows
    /// missing an outcome for that outcome only; outcomes missing on the same rows share a design
    /// (and so one factorization). With `lin`, the design is Lin's (covariates centred on each
    /// design's own rows, as `lm_lin` centres after `na.omit`).
    ///
    /// Throws as `design()`, and `.missingValue` for the first missing value under `.fail`.
    /// Complexity: O(N · (columns + p · designs)).
    public func completeCaseDesigns(missing policy: MissingValuePolicy = .omit,
                                    lin: Bool = false) throws(RegressionError) -> [CompleteCaseDesign] {
        try checkLengths()
        if policy == .fail, let first = firstMissingValue() {
            throw .missingValue(column: first.column, row: first.row)
        }
        let reasons = sharedMissingReasons()
        var shared = DroppedRows()
        for case let reason? in reasons { shared[keyPath: reason] += 1 }
        let sharedRows = reasons.indices.filter { reasons[$0] == nil }
        // Group outcomes by the rows (among the shared ones) on which they are missing.
        var groups = [[Int]: [Int]](), order = [[Int]]()
        for (t, o) in outcomes.enumerated() {
            let missing = sharedRows.filter { !o.values[$0].isFinite }
            if groups[missing] == nil { order.append(missing) }
            groups[missing, default: []].append(t)
        }
        return try order.map { missing throws(RegressionError) in
            let members = groups[missing]!
            let missingSet = Set(missing)
            let rows = missing.isEmpty ? sharedRows : sharedRows.filter { !missingSet.contains($0) }
            var part = self
            part.outcomes = members.map { outcomes[$0] }
            let design = lin ? try LinAdjustment.design(part, rows: rows) : try part.design(rows: rows)
            var dropped = shared
            dropped.outcome = missing.count
            return CompleteCaseDesign(design: design, outcomes: members,
                                      dropped: Array(repeating: dropped, count: members.count))
        }
    }
}
