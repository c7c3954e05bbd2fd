// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import LinearAlgebra

final class LinearAlgebraTests: XCTestCase {
    /// `TestSupport.assertClose` on the elements of two matrices of the same shape, with the
    /// bound `tol · max(1, |b|)`.
    func assertClose(_ a: Matrix, _ b: Matrix, _ tol: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.rows, b.rows, file: file, line: line)
        XCTAssertEqual(a.columns, b.columns, file: file, line: line)
        TestSupport.assertClose(a.elements, b.elements, relative: tol, absolute: tol, file: file, line: line)
    }

    func testProductsByHand() throws {
        let a = Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        let b = Matrix(rowMajor: [[1, 0, 2], [0, 1, -1]])
        assertClose(try a * b, Matrix(rowMajor: [[1, 2, 0], [3, 4, 2], [5, 6, 4]]))
        assertClose(a.gram, Matrix(rowMajor: [[35, 44], [44, 56]]))
        assertClose(try Matrix.product(a, .transposed, a, .none), a.gram)
        XCTAssertEqual(try a.times([1, -1]), [-1, -1, -1])
        XCTAssertEqual(try a.times([1, 1, 1], .transposed), [9, 12])
        XCTAssertThrowsError(try a * a)
    }

    func testCholeskyByHand() throws {
        // A = RᵀR with R = [[2, 1], [0, 3]] → A = [[4, 2], [2, 10]].
        let a = Matrix(rowMajor: [[4, 2], [2, 10]])
        let c = try Cholesky(a)
        assertClose(c.factor, Matrix(rowMajor: [[2, 1], [0, 3]]))
        // A⁻¹ = 1/36 [[10, -2], [-2, 4]]
        assertClose(try c.inverse(), (1.0 / 36) * Matrix(rowMajor: [[10, -2], [-2, 4]]))
        let x = try c.solve([2, 4])
        XCTAssertEqual(x[0], (10 * 2 - 2 * 4) / 36.0, accuracy: 1e-14)
        XCTAssertEqual(x[1], (-2 * 2 + 4 * 4) / 36.0, accuracy: 1e-14)
        XCTAssertEqual(c.logDeterminant, 3.5835189384561099, accuracy: 1e-14)
        XCTAssertThrowsError(try Cholesky(Matrix(rowMajor: [[1, 2], [2, 1]]))) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(routine: "dpotrf", order: 2))
        }
    }

    /// R 4.2.2: `X <- cbind(1, 1:5, 2*(1:5), c(1,0,1,0,2)); y <- c(1,3,2,5,4)`;
    /// `coef(lm(y ~ X - 1))` gives 0.81666666666666665, 1.01666666666666683, NA, -1.08333333333333370
    /// and `qr(X)$pivot` is 1 2 4 3 with rank 3.
    func testRankDeficientLikeR() throws {
        let x = Matrix(columns: [[1, 1, 1, 1, 1], [1, 2, 3, 4, 5], [2, 4, 6, 8, 10], [1, 0, 1, 0, 2]])
        let qr = try QRDecomposition(x)
        XCTAssertEqual(qr.rank, 3)
        XCTAssertEqual(qr.pivot, [0, 1, 3, 2])
        XCTAssertEqual(qr.aliasedColumns, [2])
        let beta = try qr.leastSquares(Matrix(columns: [[1, 3, 2, 5, 4]]))
        let expected = [0.81666666666666665, 1.01666666666666683, -1.08333333333333370]
        for k in 0..<3 { XCTAssertEqual(beta[k, 0], expected[k], accuracy: 1e-13) }

        let pivoted = try QRDecomposition(x, pivoting: .largestNorm)
        XCTAssertEqual(pivoted.rank, 3)
        XCTAssertEqual(pivoted.keptColumns.count, 3)
    }

    /// Invariant: Q is orthonormal and Q R reproduces the kept columns; (RᵀR)⁻¹ = (XᵀX)⁻¹.
    func testQRInvariants() throws {
        var x = Matrix(rows: 40, columns: 4)
        var state: UInt64 = 12345
        for k in x.elements.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            x.elements[k] = Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let qr = try QRDecomposition(x)
        let q = try qr.thinQ()
        assertClose(q.gram, Matrix.identity(4), 1e-13)
        assertClose(try q * qr.r, x, 1e-13)
        assertClose(try qr.inverseGram(), try Cholesky(x.gram).inverse(), 1e-10)
        let qty = try qr.qTransposed(times: x)
        assertClose(try qr.q(times: qty), x, 1e-13)
    }

    func testSymmetricEigenAndInverseSquareRoot() throws {
        let a = Matrix(rowMajor: [[2, 1], [1, 2]])
        let e = try SymmetricEigen(a)
        XCTAssertEqual(e.values[0], 1, accuracy: 1e-14)
        XCTAssertEqual(e.values[1], 3, accuracy: 1e-14)
        let s = try e.inverseSquareRoot()
        assertClose(try s * a * s, Matrix.identity(2), 1e-13)
    }

    func testTriangularSolve() throws {
        let r = Matrix(rowMajor: [[2, 1], [0, 4]])
        let x = try TriangularSolve.solve(r, Matrix(columns: [[5, 8]]), triangle: .upper)
        XCTAssertEqual(x.elements, [1.5, 2])
        let y = try TriangularSolve.solve(r, Matrix(columns: [[4, 6]]), triangle: .upper, transpose: .transposed)
        XCTAssertEqual(y.elements, [2, 1])
        XCTAssertThrowsError(try TriangularSolve.solve(Matrix(rowMajor: [[0, 1], [0, 1]]), Matrix(columns: [[1, 1]]), triangle: .upper))
    }
}
