// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

/// Newton–Raphson for the Cox partial likelihood, step for step as R's `coxfit6`/`agfit4`.
///
/// Formula: from `β₀ = 0`: `β ← β + I(β)⁻¹U(β)`; if `ℓ` decreased, `β ← (β_old + β)/2` instead;
/// stop when `|1 − ℓ_old/ℓ_new| ≤ ε` after a full step, or after `maxIterations` evaluations.
/// Also the score test `U(0)ᵀ I(0)⁻¹ U(0)` and R's check for coefficients that may be infinite:
/// `|(U V)_j| > ε` and `> √ε |β_j|` at convergence.
/// Complexity: O(iterations · (n p² + p³)).
struct CoxNewtonRaphson {
    var beta: [Double]
    var covariance: Matrix
    var logLikelihoodNull: Double
    var logLikelihood: Double
    var scoreStatistic: Double
    var initialScore: [Double]
    var converged = false
    var iterations = 0
    var warnings: [CoxModel.Warning] = []

    init(sets: CoxRiskSets, terms: [String], ties: CoxModel.Ties, maxIterations: Int,
         tolerance: Double) throws(SurvivalAnalysisError) {
        let p = sets.covariateCount
        var beta = [Double](repeating: 0, count: p)
        let (first, _) = sets.evaluate(beta, ties: ties)
        let info0 = Matrix(rows: p, columns: p, columnMajor: first.information)
        let chol0: Cholesky
        do { chol0 = try Cholesky(info0) } catch {
            if case let .notPositiveDefinite(_, order) = error, order >= 1, Int(order) <= terms.count {
                throw .collinearCovariate(name: terms[Int(order) - 1])
            }
            throw .singularInformation(detail: "\(error)")
        }
        let step0: [Double]
        do { step0 = try chol0.solve(first.score) } catch { throw .singularInformation(detail: "\(error)") }
        logLikelihoodNull = first.logLikelihood
        initialScore = first.score
        scoreStatistic = zip(first.score, step0).reduce(0) { $0 + $1.0 * $1.1 }

        guard maxIterations > 0 else {
            self.beta = beta
            covariance = (try? chol0.inverse()) ?? Matrix(rows: p, columns: p, repeating: .nan)
            logLikelihood = first.logLikelihood
            return
        }
        var oldBeta = beta
        var oldLogLikelihood = first.logLikelihood
        for j in 0..<p { beta[j] += step0[j] }
        var halving = false
        var current = first
        var factor: Cholesky? = chol0
        var iteration = 0
        var done = false
        while iteration < maxIterations {
            iteration += 1
            (current, _) = sets.evaluate(beta, ties: ties)
            factor = try? Cholesky(Matrix(rows: p, columns: p, columnMajor: current.information))
            let newLogLikelihood = current.logLikelihood
            if Swift.abs(1 - oldLogLikelihood / newLogLikelihood) <= tolerance && !halving {
                done = true
                break
            }
            if iteration == maxIterations { break }
            if newLogLikelihood < oldLogLikelihood || !newLogLikelihood.isFinite {
                halving = true
                for j in 0..<p { beta[j] = (oldBeta[j] + beta[j]) / 2 }
            } else {
                halving = false
                oldLogLikelihood = newLogLikelihood
                guard let f = factor, let step = try? f.solve(current.score) else {
                    warnings.append(.singularInformation(iteration: iteration))
                    break
                }
                oldBeta = beta
                for j in 0..<p { beta[j] += step[j] }
            }
        }
        self.beta = beta
        logLikelihood = current.logLikelihood
        iterations = iteration
        converged = done
        covariance = (try? factor?.inverse()) ?? Matrix(rows: p, columns: p, repeating: .nan)
        if !done {
            warnings.append(.iterationLimit(maxIterations: maxIterations))
        } else {
            var flagged = [String]()
            for j in 0..<p {
                var uv = 0.0
                for k in 0..<p { uv += current.score[k] * covariance[k, j] }
                let infs = Swift.abs(uv)
                if !current.score[j].isFinite || (infs > tolerance && infs > tolerance.squareRoot() * Swift.abs(beta[j])) {
                    flagged.append(terms[j])
                }
            }
            if !flagged.isEmpty {
                warnings.append(.possiblyInfinite(terms: flagged))
            }
        }
    }
}
