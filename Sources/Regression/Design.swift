// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// A named numeric column; `NaN` marks a missing value.
public struct NumericColumn: Sendable, Equatable {
    public let name: String
    public let values: [Double]
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// A named categorical column (strata, clusters); `nil` marks a missing value.
public struct CategoricalColumn: Sendable, Equatable {
    public let name: String
    public let labels: [String?]
    public init(name: String, labels: [String?]) {
        self.name = name
        self.labels = labels
    }
}

/// The cluster of every row, as indices `0..<count` into `labels`.
public struct ClusterAssignment: Sendable, Equatable {
    /// The name of the cluster column.
    public let name: String
    /// The distinct cluster labels, in order of first appearance.
    public let labels: [String]
    /// `index[i]` is the cluster of row `i`.
    public let index: [Int]
    /// Number of clusters `G`.
    public var count: Int { labels.count }

    /// Assigns clusters from labels. Throws `.missingCluster` for a `nil` label.
    public init(_ column: CategoricalColumn) throws(RegressionError) {
        var seen = [String: Int]()
        var labels = [String]()
        var index = [Int]()
        index.reserveCapacity(column.labels.count)
        for (row, label) in column.labels.enumerated() {
            guard let label else { throw .missingCluster(column: column.name, row: row) }
            if let k = seen[label] {
                index.append(k)
            } else {
                seen[label] = labels.count
                index.append(labels.count)
                labels.append(label)
            }
        }
        self.name = column.name
        self.labels = labels
        self.index = index
    }

    /// Clusters given directly as indices `0..<count` (e.g. by a simulation or a benchmark).
    public init(name: String, index: [Int], count: Int) {
        precondition(index.allSatisfy { $0 >= 0 && $0 < count }, "cluster indices must lie in 0..<count")
        self.name = name
        self.labels = (0..<count).map { String($0) }
        self.index = index
    }
}

/// The numeric input of a least-squares fit: design matrix, outcomes, weights, clusters.
///
/// Rows are complete (listwise deletion already done; `droppedRows` says how many were removed).
/// `x` is `N × p` with one named term per column; `y` is `N × T`, one column per outcome.
public struct Design: Sendable {
    public let x: Matrix
    public let terms: [String]
    public let y: Matrix
    public let outcomeNames: [String]
    /// Analytic (precision) weights, or `nil` for ordinary least squares.
    public let weights: [Double]?
    public let clusters: ClusterAssignment?
    /// Rows removed by listwise deletion before this design was built.
    public let droppedRows: Int
    /// The column of ones (the intercept), if any: R² is centred when there is one, and the
    /// cross-product shortcuts for CR0/CR1 rely on it being all ones.
    public let interceptColumn: Int?

    /// Number of observations `N`.
    public var observationCount: Int { x.rows }

    /// Checks shapes, names and weights.
    ///
    /// Precondition: every entry of `x` and `y` finite (callers do listwise deletion).
    public init(x: Matrix, terms: [String], y: Matrix, outcomeNames: [String], weights: [Double]? = nil,
                weightsName: String = "weights", clusters: ClusterAssignment? = nil, droppedRows: Int = 0,
                interceptColumn: Int? = nil) throws(RegressionError) {
        guard terms.count == x.columns else {
            throw .columnLengthMismatch(column: "terms", length: terms.count, expected: x.columns)
        }
        guard outcomeNames.count == y.columns else {
            throw .columnLengthMismatch(column: "outcome names", length: outcomeNames.count, expected: y.columns)
        }
        guard y.rows == x.rows else {
            throw .columnLengthMismatch(column: outcomeNames.first ?? "outcome", length: y.rows, expected: x.rows)
        }
        var seen = Set<String>()
        for t in terms where !seen.insert(t).inserted { throw .duplicateTerm(t) }
        if let weights {
            guard weights.count == x.rows else {
                throw .columnLengthMismatch(column: weightsName, length: weights.count, expected: x.rows)
            }
            for (i, w) in weights.enumerated() where !(w >= 0 && w.isFinite) {
                throw .invalidWeight(column: weightsName, row: i, value: w)
            }
        }
        if let clusters {
            guard clusters.index.count == x.rows else {
                throw .columnLengthMismatch(column: clusters.name, length: clusters.index.count, expected: x.rows)
            }
        }
        self.x = x
        self.terms = terms
        self.y = y
        self.outcomeNames = outcomeNames
        self.weights = weights
        self.clusters = clusters
        self.droppedRows = droppedRows
        self.interceptColumn = interceptColumn
    }
}
