// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization

/// Site effects regressed on the control group's success rate without the built-in bias of
/// using the same control mean on both sides.
///
/// The naive regression of `θ̂ₛ = ȳₛ(T) − ȳₛ(C)` on `ȳₛ(C)` is biased towards a negative slope:
/// sampling error in `ȳₛ(C)` enters the effect with a minus sign and the moderator with a plus
/// sign (Cov = −Var(ȳₛ(C))). Effekt splits each site's control group at random (seeded) into
/// two halves: half A measures the site's control success rate (the moderator), half B is the
/// comparison group for the effect. The halves are independent, so the moderator's sampling
/// error is independent of the effect's, and the slope has no such bias (it is attenuated
/// towards zero instead, by the moderator's noise — a conservative direction). The cost is
/// precision: effects use half the control group. The effect's SE is Neyman's,
/// `√(s²_T/n_T + s²_B/n_B)`.
///
/// Preconditions: each site has ≥ 2 treated and ≥ 4 control participants.
/// Reference: the split-sample idea of Angrist & Krueger (1995) for generated regressors;
/// Bloom, Raudenbush, Weiss & Porter (2017), "Using multisite experiments to study
/// cross-site variation in treatment effects", J. Res. Educ. Effectiveness 10(4).
public enum SplitControlModerator {
    public struct SiteInput: Sendable {
        public let site: String
        public let treated: [Double]
        public let control: [Double]
        public init(site: String, treated: [Double], control: [Double]) {
            self.site = site
            self.treated = treated
            self.control = control
        }
    }

    public struct SiteSplit: Sendable, Equatable {
        public let site: String
        /// Control success rate from half A.
        public let moderator: Double
        /// Treated mean − control half-B mean.
        public let effect: Double
        public let standardError: Double
    }

    /// Splits every site's control group with a generator seeded from `seed` and the site name.
    public static func split(_ sites: [SiteInput], seed: UInt64) -> [SiteSplit] {
        sites.map { s in
            var g = SeededGenerator.substream(seed: seed, name: "split-control|" + s.site)
            var control = s.control
            g.shuffle(&control)
            let half = control.count / 2
            let a = Array(control[..<half]), b = Array(control[half...])
            let (mt, vt) = meanAndVariance(s.treated)
            let (mb, vb) = meanAndVariance(b)
            let se = (vt / Double(s.treated.count) + vb / Double(b.count)).squareRoot()
            return SiteSplit(site: s.site, moderator: meanAndVariance(a).mean, effect: mt - mb, standardError: se)
        }
    }

    /// Random-effects meta-regression (DerSimonian–Laird) of the split effects on the split moderator.
    public static func metaRegression(_ sites: [SiteInput], seed: UInt64, level: Double = 0.95)
        -> (slope: Double, slopeSE: Double, pValue: Double, confLow: Double, confHigh: Double, sites: Int) {
        let s = split(sites, seed: seed).filter { $0.standardError > 0 }
        let r = MetaAnalysis.regression(effects: s.map(\.effect), standardErrors: s.map(\.standardError),
                                        moderator: s.map(\.moderator), level: level)
        return (r.slope, r.slopeSE, r.pValue, r.confLow, r.confHigh, s.count)
    }

    static func meanAndVariance(_ x: [Double]) -> (mean: Double, variance: Double) {
        let n = Double(x.count)
        guard n > 0 else { return (.nan, .nan) }
        let m = x.reduce(0, +) / n
        guard n > 1 else { return (m, 0) }
        return (m, x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1))
    }
}
