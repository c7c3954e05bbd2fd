// SPDX-License-Identifier: GPL-3.0-or-later

/// A dense matrix of `Double` stored column by column (Fortran/LAPACK order).
///
/// Element `(i, j)` lives at `elements[i + j * rows]`. The layout is the one BLAS and LAPACK
/// expect with a leading dimension equal to `rows`, so a `Matrix` is passed to them without copying.
///
/// Complexity: subscripting is O(1); the initialisers are O(rows × columns).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries in column-major order; `elements.count == rows * columns`.
    public var elements: [Double]

    /// A matrix of the given shape filled with `value`.
    ///
    /// Precondition: `rows >= 0`, `columns >= 0`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage.
    ///
    /// Precondition: `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
        precondition(elements.count == rows * columns,
                     "Matrix storage has \(elements.count) entries; \(rows) × \(columns) needs \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from its columns, each of the same length.
    public init(columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "All columns must have the same length")
        self.rows = rows
        self.columns = columns.count
        var elements = [Double]()
        elements.reserveCapacity(rows * columns.count)
        for column in columns { elements.append(contentsOf: column) }
        self.elements = elements
    }

    /// A matrix from its rows, each of the same length (convenient for small literals in tests).
    public init(rowMajor rowsOfValues: [[Double]]) {
        let r = rowsOfValues.count
        let c = rowsOfValues.first?.count ?? 0
        precondition(rowsOfValues.allSatisfy { $0.count == c }, "All rows must have the same length")
        var m = Matrix(rows: r, columns: c)
        for i in 0..<r { for j in 0..<c { m[i, j] = rowsOfValues[i][j] } }
        self = m
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// A square matrix with `values` on its diagonal.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var m = Matrix(rows: values.count, columns: values.count)
        for (i, v) in values.enumerated() { m[i, i] = v }
        return m
    }

    /// Entry at row `i`, column `j` (zero-based).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { self[i, $0] }
    }

    /// The diagonal entries `a[k, k]`, `k < min(rows, columns)`.
    public var diagonalEntries: [Double] {
        (0..<Swift.min(rows, columns)).map { self[$0, $0] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// The sub-matrix made of the listed columns, in the order given.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(rows * indices.count)
        for j in indices { out.append(contentsOf: elements[(j * rows)..<((j + 1) * rows)]) }
        return Matrix(rows: rows, columns: indices.count, columnMajor: out)
    }

    /// The sub-matrix made of the listed rows, in the order given.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var m = Matrix(rows: indices.count, columns: columns)
        for j in 0..<columns {
            let base = j * rows
            for (k, i) in indices.enumerated() { m.elements[k + j * indices.count] = elements[base + i] }
        }
        return m
    }

    /// The leading principal `k × k` block of a square matrix (or the top-left `k × k` block).
    public func leadingBlock(_ k: Int) -> Matrix {
        var m = Matrix(rows: k, columns: k)
        for j in 0..<k { for i in 0..<k { m[i, j] = self[i, j] } }
        return m
    }

    /// Copies the upper triangle into the lower one, making a symmetric matrix.
    public mutating func symmetrizeFromUpper() {
        precondition(rows == columns, "symmetrizeFromUpper needs a square matrix")
        for j in 0..<columns { for i in (j + 1)..<Swift.max(j + 1, rows) { self[i, j] = self[j, i] } }
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        (0..<rows).map { i in (0..<columns).map { "\(self[i, $0])" }.joined(separator: "\t") }
            .joined(separator: "\n")
    }
}
