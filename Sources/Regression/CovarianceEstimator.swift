// SPDX-License-Identifier: GPL-3.0-or-later

/// How the covariance of OLS coefficients is estimated.
///
/// Notation: `X` the `N × K` design (after aliased columns are dropped), `W = diag(w)` the analytic
/// weights (identity when unweighted), `M = (XᵀWX)⁻¹`, `e = y − Xβ̂` the residuals,
/// `hᵢ = wᵢ xᵢᵀ M xᵢ` the leverage, and for clustered designs `Xg`, `eg`, `Wg` the rows of
/// cluster `g = 1…G`. Every estimator is `M · meat · M`; the cases differ in the meat, the
/// scale factor and the degrees of freedom of the t reference distribution.
public enum CovarianceEstimator: String, CaseIterable, Sendable, Codable {
    /// `σ̂² M` with `σ̂² = Σ wᵢeᵢ² / (N − K)`. df `N − K`.
    /// R: `vcov(lm(y ~ x, weights = w))`, `lm_robust(se_type = "classical")`.
    case classical
    /// White: `M (Σ wᵢ² eᵢ² xᵢxᵢᵀ) M`. df `N − K`.
    /// R: `sandwich::vcovHC(fit, type = "HC0")`, `lm_robust(se_type = "HC0")`.
    case hc0
    /// HC0 × `N / (N − K)`. df `N − K`.
    /// R: `vcovHC(fit, type = "HC1")`, `lm_robust(se_type = "HC1")` (Stata's `robust`).
    case hc1
    /// MacKinnon–White: `M (Σ wᵢ² eᵢ² / (1 − hᵢ) xᵢxᵢᵀ) M`. df `N − K`.
    /// R: `vcovHC(fit, type = "HC2")`, `lm_robust(se_type = "HC2")` (estimatr's default).
    case hc2
    /// Davidson–MacKinnon jackknife: `M (Σ wᵢ² eᵢ² / (1 − hᵢ)² xᵢxᵢᵀ) M`. df `N − K`.
    /// R: `vcovHC(fit, type = "HC3")`, `lm_robust(se_type = "HC3")`.
    case hc3
    /// Liang–Zeger: `M (Σ_g XgᵀWg eg egᵀ WgXg) M`, no small-sample factor. df `G − 1`.
    /// R: `lm_robust(clusters = g, se_type = "CR0")`; `sandwich::vcovCL(fit, cluster = ~g, type = "HC0", cadjust = FALSE)`.
    case cr0
    /// CR0 × `G/(G − 1) · (N − 1)/(N − K)` (Stata's factor). df `G − 1`.
    /// R: `lm_robust(clusters = g, se_type = "stata")`; `vcovCL(fit, cluster = ~g, type = "HC1")`.
    case cr1
    /// Bell–McCaffrey bias-reduced linearization: `M (Σ_g XgᵀWg Ag eg egᵀ Ag WgXg) M` with
    /// `Ag = Bg^{+1/2}`, `Bg = [(I − H)(I − H)ᵀ]_gg`, `H = X M XᵀW` (working model Φ = I, as
    /// estimatr and clubSandwich's `inverse_var = FALSE`); eigenvalues of `Bg` at or below 1e-12
    /// are treated as zero. df per coefficient `k`: Satterthwaite `(tr P)² / ‖P‖²_F` with
    /// `P_st = p_sᵀp_t`, `p_s = (I − H)_sᵀ Ag WgXg M z_k` (Bell & McCaffrey 2002; Pustejovsky &
    /// Tipton 2018). R: `lm_robust(clusters = g, se_type = "CR2")`.
    case cr2

    /// Whether the estimator needs a cluster assignment.
    public var isClustered: Bool {
        switch self {
        case .cr0, .cr1, .cr2: return true
        case .classical, .hc0, .hc1, .hc2, .hc3: return false
        }
    }

    /// Whether the meat is built from the plain cluster scores `XgᵀWg eg` (CR0, CR1), which the
    /// Cholesky path gets from split cross products without residuals.
    public var usesClusterScores: Bool { self == .cr0 || self == .cr1 }

    /// The small-sample factor that multiplies `M · meat · M`: `N/(N − K)` for HC1,
    /// `G/(G − 1) · (N − 1)/(N − K)` for CR1, 1 otherwise (classical's `σ̂²` already divides by
    /// `N − K`; CR2's correction is in its meat). Complexity: O(1).
    public func scaleFactor(observations n: Int, parameters k: Int, clusters g: Int) -> Double {
        switch self {
        case .hc1: return Double(n) / Double(n - k)
        case .cr1: return Double(g) / Double(g - 1) * Double(n - 1) / Double(n - k)
        case .classical, .hc0, .hc2, .hc3, .cr0, .cr2: return 1
        }
    }

    /// The t degrees of freedom shared by every coefficient, as estimatr: `N − K` for classical
    /// and HC0–HC3, `G − 1` for CR0 and CR1; `nil` for CR2, whose Satterthwaite degrees of
    /// freedom differ per coefficient (`BellMcCaffrey`). Complexity: O(1).
    public func degreesOfFreedom(observations n: Int, parameters k: Int, clusters g: Int) -> Double? {
        switch self {
        case .classical, .hc0, .hc1, .hc2, .hc3: return Double(n - k)
        case .cr0, .cr1: return Double(g - 1)
        case .cr2: return nil
        }
    }

    /// The degrees of freedom of each of the `k` coefficients: the shared value, or CR2's
    /// per-coefficient `satterthwaite` values (required for CR2).
    func coefficientDegreesOfFreedom(observations n: Int, parameters k: Int, clusters g: Int,
                                     satterthwaite: [Double]?) -> [Double] {
        if let shared = degreesOfFreedom(observations: n, parameters: k, clusters: g) {
            return Array(repeating: shared, count: k)
        }
        return satterthwaite!
    }

    /// The leverage term of the heteroskedasticity-robust meat (HC0/HC1 none, HC2 `1/(1 − hᵢ)`,
    /// HC3 `1/(1 − hᵢ)²`); `nil` for classical and the cluster-robust estimators.
    var leverageAdjustment: LeverageAdjustment? {
        switch self {
        case .hc0, .hc1: return LeverageAdjustment.none
        case .hc2: return .inverse
        case .hc3: return .inverseSquared
        case .classical, .cr0, .cr1, .cr2: return nil
        }
    }
}

/// The leverage term that distinguishes the heteroskedasticity-robust meats.
enum LeverageAdjustment: Hashable, Sendable {
    /// HC0, HC1: `ωᵢ = wᵢ²eᵢ²`.
    case none
    /// HC2: `ωᵢ = wᵢ²eᵢ² / (1 − hᵢ)`.
    case inverse
    /// HC3: `ωᵢ = wᵢ²eᵢ² / (1 − hᵢ)²`.
    case inverseSquared

    /// The factor `a(hᵢ)` that multiplies `wᵢ²eᵢ²`.
    func factor(_ leverage: Double) -> Double {
        switch self {
        case .none: return 1
        case .inverse: return 1 / (1 - leverage)
        case .inverseSquared: return 1 / ((1 - leverage) * (1 - leverage))
        }
    }
}

/// How much of each covariance matrix a multiple-outcome fit computes.
public enum CovarianceScope: Sendable, Equatable {
    /// The full `K × K` covariance for every outcome and estimator.
    case full
    /// Only the variances (the diagonal). For heteroskedasticity-robust estimators with many
    /// outcomes this turns T meat matrices (`T·N·K²` flops) into one product `(Z∘Z)ᵀ Ω` with
    /// `Z = X M` (`2·N·K·T` flops). Cluster-robust and classical covariances are always full.
    case variancesOnly
    /// Only the variances of the named terms — what an effect curve needs (the treatment's
    /// standard error for every outcome). Classical, HC0–HC3, CR0 and CR1 then take one parallel
    /// pass over the rows with a few columns `zⱼ = X mⱼ` in place of `Z = XM` and no grouping
    /// of rows by cluster (`MultipleOutcomes.selectedVariancePass`); the other terms' standard
    /// errors are NaN (all of them stay exact for `classical`). With CR2 this is `variancesOnly`.
    /// Names that are not terms of the design are an error; aliased ones have no variance.
    case variances(of: [String])
}

/// How the least-squares problem is factored.
public enum Factorization: Sendable {
    /// Cholesky of the equilibrated `XᵀWX` when it is well conditioned (reciprocal condition
    /// number above 1e-10, i.e. cond(X) below about 1e5), otherwise Householder QR with R's rank rule.
    case choleskyWithQRFallback
    /// Always Householder QR of `W^{1/2}X` with `lm`'s rank rule (tolerance 1e-7, later collinear
    /// columns aliased).
    case householderQR
}
