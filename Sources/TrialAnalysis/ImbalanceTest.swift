// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import LinearAlgebra
import TrialModel

/// A joint test of baseline imbalance: does the arm depend on the baseline covariates?
///
/// The treatment indicator `D` (treated arm vs control arm) is regressed by least squares on
/// the stratum dummies (model 0) and on the stratum dummies plus every baseline covariate
/// (model 1: numeric covariates as they are, categorical ones as dummies of every level but the
/// first). The F statistic `F = ((RSS₀ − RSS₁) / q) / (RSS₁ / (n − r₁))`, `q = r₁ − r₀` (ranks),
/// has `p = P(F(q, n − r₁) ≥ F)` under a randomization that ignores the covariates.
/// Rows missing a covariate are left out.
///
/// Equivalent R: `anova(lm(D ~ factor(stratum)), lm(D ~ factor(stratum) + x1 + … + xk))`.
/// Reference: Hansen & Bowers (2008), "Covariate balance in simple, stratified and clustered
/// comparative studies", Statistical Science 23(2); Gerber & Green (2012), §4.
/// Complexity: O(n p²).
public struct ImbalanceTest: Codable, Sendable, Equatable {
    public let statistic: Double
    public let numeratorDegreesOfFreedom: Int
    public let denominatorDegreesOfFreedom: Int
    public let pValue: Double
    /// Participants in the test (treated and control arms, no covariate missing).
    public let n: Int

    public init(statistic: Double, numeratorDegreesOfFreedom: Int, denominatorDegreesOfFreedom: Int, pValue: Double, n: Int) {
        self.statistic = statistic
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
        self.pValue = pValue
        self.n = n
    }

    /// The test on a dataset's units; nil when the trial has no baseline covariates or the test
    /// has no degrees of freedom (every covariate aliased with the strata, or too few rows).
    public init?(dataset: TrialDataset, treatedArm: String, controlArm: String) {
        let trial = dataset.trial
        let units = dataset.units.filter { u in
            (u.arm == treatedArm || u.arm == controlArm)
                && trial.baselineCovariates.allSatisfy { u.participant.value(of: $0)?.number?.isFinite == true }
                && trial.categoricalCovariates.allSatisfy { u.participant.value(of: $0) != nil }
        }
        var covariates = trial.baselineCovariates.map { c in units.map { $0.participant.value(of: c)!.number! } }
        for c in trial.categoricalCovariates {
            let labels = units.map { $0.participant.value(of: c)!.description }
            for level in Set(labels).sorted().dropFirst() { covariates.append(labels.map { $0 == level ? 1 : 0 }) }
        }
        let strata = units.map(\.stratum.label)
        let stratumDummies = Set(strata).sorted().dropFirst().map { s in strata.map { $0 == s ? 1.0 : 0 } }
        let intercept = [Double](repeating: 1, count: units.count)
        let d = units.map { $0.arm == treatedArm ? 1.0 : 0 }
        guard !covariates.isEmpty,
              let restricted = ImbalanceTest.residualSumOfSquares(d, [intercept] + stratumDummies),
              let full = ImbalanceTest.residualSumOfSquares(d, [intercept] + stratumDummies + covariates) else { return nil }
        let q = full.rank - restricted.rank, df = units.count - full.rank
        guard q > 0, df > 0, full.rss > 0 else { return nil }
        let f = max(0, restricted.rss - full.rss) / Double(q) / (full.rss / Double(df))
        guard let distribution = try? FisherF(numerator: Double(q), denominator: Double(df)) else { return nil }
        self.init(statistic: f, numeratorDegreesOfFreedom: q, denominatorDegreesOfFreedom: df, pValue: distribution.survival(f), n: units.count)
    }

    /// The residual sum of squares of `y` on `columns` and the rank (R's `lm` tolerance); nil when
    /// there are no rows.
    static func residualSumOfSquares(_ y: [Double], _ columns: [[Double]]) -> (rss: Double, rank: Int)? {
        guard !y.isEmpty else { return nil }
        guard let qr = try? QRDecomposition(Matrix(columns: columns)),
              let qty = try? qr.qTransposed(times: Matrix(columns: [y])) else { return nil }
        var rss = 0.0
        for i in qr.rank..<y.count { rss += qty[i, 0] * qty[i, 0] }
        return (rss, qr.rank)
    }
}
