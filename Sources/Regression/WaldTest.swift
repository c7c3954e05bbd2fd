// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import LinearAlgebra

/// The joint Wald test that a set of a regression's coefficients are all zero.
///
/// Formula: `W = bᵀ V⁻¹ b` for the q coefficients `b` and their block `V` of the estimated
/// covariance (classical, HC or CR), referred to χ²(q): `p = P(χ²_q ≥ W)`. With a robust `V`
/// this is the robust Wald test (as `lmtest::waldtest(fit, vcov = sandwich::vcovHC)` or
/// `car::linearHypothesis(fit, names, vcov. = V, test = "Chisq")` in R).
/// Preconditions: `V` symmetric positive definite (else `.numerical(.notPositiveDefinite)`).
/// Complexity: O(q³).
/// Reference: A. Wald (1943), Trans. AMS 54, 426–482; Greene, *Econometric Analysis*, §5.4.
public struct WaldTest: Sendable, Equatable {
    public let statistic: Double
    public let degreesOfFreedom: Int
    public let pValue: Double

    /// The test of `coefficients` with covariance block `covariance` (q × q).
    public init(coefficients: [Double], covariance: Matrix) throws(RegressionError) {
        precondition(covariance.rows == coefficients.count && covariance.columns == coefficients.count,
                     "the covariance block must be q × q for q coefficients")
        guard !coefficients.isEmpty else { throw .emptyDesign }
        do {
            let solved = try Cholesky(covariance).solve(coefficients)
            statistic = zip(coefficients, solved).reduce(0) { $0 + $1.0 * $1.1 }
        } catch {
            throw .numerical(error)
        }
        degreesOfFreedom = coefficients.count
        guard let chiSquared = try? ChiSquared(degreesOfFreedom: Double(coefficients.count)) else {
            preconditionFailure("χ² with \(coefficients.count) ≥ 1 degrees of freedom exists")
        }
        pValue = chiSquared.survival(statistic)
    }
}

extension RegressionResult {
    /// The joint Wald test that the coefficients of `terms` are zero, with this fit's covariance.
    /// - Throws: `.unknownTerm` for a term not in the fit (an aliased term is not), `.emptyDesign`
    ///   for no terms or a fit without a covariance, `.numerical` for a singular block.
    public func waldTest(terms names: [String]) throws(RegressionError) -> WaldTest {
        guard !names.isEmpty, let v = covariance else { throw .emptyDesign }
        var index = [Int]()
        for name in names {
            guard let i = terms.firstIndex(of: name) else { throw .unknownTerm(name, available: terms) }
            index.append(i)
        }
        var block = Matrix(rows: index.count, columns: index.count)
        for (a, i) in index.enumerated() { for (c, j) in index.enumerated() { block[a, c] = v[i, j] } }
        return try WaldTest(coefficients: index.map { coefficients[$0] }, covariance: block)
    }
}
