// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Cox proportional-hazards model fitted by Newton–Raphson with step halving, as R's
/// `coxph(Surv(…) ~ x + strata(s), ties = …, cluster = id)` (survival 3.5).
///
/// Formula: maximises the log partial likelihood
/// `ℓ(β) = Σ_events x_iᵀβ − Σ_times Σ_{k<d} log(S0(t) − (k/d) D0(t))` (Efron; Breslow drops the
/// `k/d` term) over rows at risk on `(start, stop]`, within strata. Iteration: `β ← β + I⁻¹U`;
/// when `ℓ` decreases the step is halved; convergence when `|1 − ℓ_old/ℓ_new| ≤ ε` (ε = 1e-9)
/// after a full step, at most 20 iterations (R's `coxph.control`). Variance `I(β̂)⁻¹`, or the
/// sandwich `V (Σ_c L_c L_cᵀ) V` from score residuals summed by cluster.
///
/// Preconditions: at least one covariate, one event, finite covariates, one value per row.
/// Complexity: O(n p²) per iteration (risk sets aggregated per `(stratum, time)`), O(n log n) for
/// the concordance, O(n) memory beyond the covariates' row-major copy.
/// Reference: Cox (1972); Efron (1977); Therneau & Grambsch (2000) ch. 3 and appendix A;
/// R survival `coxph`, `coxph.fit`, `agreg.fit`, `concordance`.
public struct CoxModel: Sendable {
    /// How tied event times enter the partial likelihood.
    public enum Ties: Sendable, CaseIterable {
        /// Efron (1977): the tied events leave the risk set in equal parts — `coxph` default `ties = "efron"`.
        case efron
        /// Breslow (1974): every tied event sees the full risk set — `coxph(ties = "breslow")`.
        case breslow
    }

    /// Which covariance the standard errors, Wald test and intervals use.
    public enum VarianceEstimator: Sendable, Equatable {
        /// The inverse information `I(β̂)⁻¹` — `coxph` default.
        case modelBased
        /// The sandwich with each row its own cluster — `coxph(…, robust = TRUE)`.
        case robust
        /// The sandwich with score residuals summed within clusters — `coxph(…, cluster = id)`.
        case clustered(Grouping)
    }

    /// A χ² test with its degrees of freedom.
    public struct Test: Sendable, Equatable {
        public let statistic: Double
        public let degreesOfFreedom: Int
        public let pValue: Double

        init(_ statistic: Double, df: Int) {
            self.statistic = statistic
            degreesOfFreedom = df
            pValue = (try? ChiSquared(degreesOfFreedom: Double(df)))?.survival(statistic) ?? .nan
        }
    }

    /// One row of the coefficient table.
    public struct HazardRatioRow: Sendable, Equatable {
        public let term: String
        public let estimate: Double
        /// Model-based standard error `√I⁻¹_jj`.
        public let standardError: Double
        /// Sandwich standard error (nil without a robust variance).
        public let robustStandardError: Double?
        public let hazardRatio: Double
        /// Confidence interval for the hazard ratio, from the standard error in use.
        public let confidenceLow: Double
        public let confidenceHigh: Double
        /// `β / se` with the standard error in use.
        public let statistic: Double
        public let pValue: Double
    }

    public let terms: [String]
    public let coefficients: [Double]
    /// The covariance in use: robust when a sandwich was asked for, else model-based (R's `fit$var`).
    public let covariance: Matrix
    /// The model-based covariance `I(β̂)⁻¹` (R's `fit$naive.var` when robust).
    public let modelCovariance: Matrix
    public let ties: Ties
    public let varianceEstimator: VarianceEstimator
    public let observationCount: Int
    public let eventCount: Int
    /// `ℓ(0)` and `ℓ(β̂)`.
    public let logLikelihoodNull: Double
    public let logLikelihood: Double
    public let likelihoodRatioTest: Test
    /// Wald test with the covariance in use (robust when robust, as R).
    public let waldTest: Test
    /// Score (log-rank) test at `β = 0`.
    public let scoreTest: Test
    /// Robust score test (R's `fit$rscore`), when a sandwich was asked for.
    public let robustScoreTest: Test?
    /// Harrell's concordance of the linear predictor, as `coxph(...)$concordance["concordance"]`.
    public let concordance: Double
    public let converged: Bool
    public let iterations: Int
    /// Diagnostics in words (non-convergence, possibly infinite coefficients).
    public let warnings: [Warning]
    /// Covariates dropped as collinear with earlier ones or constant (R: coefficient NA).
    public let aliasedTerms: [String]

    /// Standard errors from the covariance in use.
    public var standardErrors: [Double] { covariance.diagonalEntries.map { $0.squareRoot() } }

    /// The coefficient table at the given level.
    public func summary(level: Double = 0.95) -> [HazardRatioRow] {
        let z = Normal.standard.quantile(1 - (1 - level) / 2)
        let naive = modelCovariance.diagonalEntries.map { $0.squareRoot() }
        let used = standardErrors
        let robust = varianceEstimator != .modelBased
        return terms.indices.map { j in
            let b = coefficients[j], se = used[j]
            let stat = b / se
            return HazardRatioRow(term: terms[j], estimate: b, standardError: naive[j],
                                  robustStandardError: robust ? se : nil, hazardRatio: exp(b),
                                  confidenceLow: exp(b - z * se), confidenceHigh: exp(b + z * se),
                                  statistic: stat, pValue: 2 * Normal.standard.survival(Swift.abs(stat)))
        }
    }

    /// Fits the model.
    /// - Parameters:
    ///   - covariates: one column per covariate, each with one value per row.
    ///   - terms: the covariates' names (defaults to `x1`, `x2`, …).
    ///   - strata: separate baseline hazards per stratum (`strata(s)`).
    ///   - maxIterations: R's `iter.max` (20); `tolerance`: R's `eps` (1e-9).
    public init(data: SurvivalData, covariates: [[Double]], terms: [String]? = nil, strata: Grouping? = nil,
                ties: Ties = .efron, variance: VarianceEstimator = .modelBased,
                maxIterations: Int = 20, tolerance: Double = 1e-9) throws(SurvivalAnalysisError) {
        let n = data.count, p = covariates.count
        guard n > 0 else { throw .noObservations }
        guard p > 0 else { throw .noCovariates }
        for (j, column) in covariates.enumerated() {
            guard column.count == n else { throw .lengthMismatch(what: "covariate \(j + 1)", expected: n, actual: column.count) }
            if let i = column.firstIndex(where: { !$0.isFinite }) { throw .invalidCovariate(row: i + 1, column: j, value: column[i]) }
        }
        if case let .clustered(g) = variance, g.codes.count != n {
            throw .lengthMismatch(what: "cluster column", expected: n, actual: g.codes.count)
        }
        let events = data.eventCount
        guard events > 0 else { throw .noEvents(subjects: n) }
        // Covariates collinear with earlier ones (or constant) are dropped, as R's `coxph` reports
        // them as NA: lm's rank rule (QR keeping column order, tolerance 1e-7) on the centred columns.
        let allNames = terms ?? (1...p).map { "x\($0)" }
        var keep = Array(0..<p)
        let centred = covariates.map { c -> [Double] in
            let mean = c.reduce(0, +) / Double(n)
            return c.map { $0 - mean }
        }
        if let qr = try? QRDecomposition(Matrix(columns: centred), pivoting: .keepOrder), qr.rank < p {
            keep = qr.keptColumns.sorted()
        }
        guard !keep.isEmpty else { throw .collinearCovariate(name: allNames[0]) }
        let fitted = keep.map { covariates[$0] }
        let q = fitted.count
        aliasedTerms = (0..<p).filter { !keep.contains($0) }.map { allNames[$0] }
        let table = try EventTable(data: data, strata: strata)
        let sets = CoxRiskSets(data: data, covariates: fitted, table: table)
        let names = keep.map { allNames[$0] }
        let fit = try CoxNewtonRaphson(sets: sets, terms: names, ties: ties, maxIterations: maxIterations, tolerance: tolerance)

        self.terms = names
        coefficients = fit.beta
        modelCovariance = fit.covariance
        self.ties = ties
        varianceEstimator = variance
        observationCount = n
        eventCount = events
        logLikelihoodNull = fit.logLikelihoodNull
        logLikelihood = fit.logLikelihood
        converged = fit.converged
        iterations = fit.iterations
        warnings = fit.warnings + aliasedTerms.map { .aliased(term: $0) }
        likelihoodRatioTest = Test(2 * (fit.logLikelihood - fit.logLikelihoodNull), df: q)
        scoreTest = Test(fit.scoreStatistic, df: q)

        var used = fit.covariance
        var robustScore: Test?
        if variance != .modelBased {
            let clusters: Grouping? = if case let .clustered(g) = variance { g } else { nil }
            used = try Self.sandwich(sets.scoreResiduals(fit.beta, ties: ties), p: q, clusters: clusters,
                                     bread: fit.covariance)
            let initial = Self.clusterSums(sets.scoreResiduals([Double](repeating: 0, count: q), ties: ties),
                                           p: q, clusters: clusters)
            robustScore = Test(Self.quadraticForm(score: fit.initialScore, meat: initial), df: q)
        }
        covariance = used
        robustScoreTest = robustScore
        waldTest = Test(Self.waldStatistic(fit.beta, covariance: used), df: q)
        concordance = CoxConcordance.concordance(sets: sets, beta: fit.beta)
    }
}
