// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The panel CSV of the `regress-process` benchmark (issue 13): one row per participant, 121
/// columns — `id`, `municipality`, `benefit`, `enrolled_on` (text), `treatment` (0/1), `stratum`
/// (30 levels), `jobcentre` (15), `x1`…`x10` (age and prior weeks as integers, the rest with two
/// decimals) and `week_1`…`week_104` (whole weekly hours, 0 in about 80 % of weeks): about 31 MB
/// at 100,000 rows, near the issue's 27 MB panel.
/// Seeded (SplitMix64), so every run writes the same bytes. Also writes the design `X`
/// (intercept, treatment, covariates, 29 stratum dummies) and `Y` as raw column-major float64
/// files for the numpy floor, which then times the fit alone.
struct RegressionPanel {
    static let weeks = 104, covariates = 10, strata = 30, jobcentres = 15
    let rows: Int
    let csv: URL
    var xFile: URL { csv.deletingPathExtension().appendingPathExtension("x.f64") }
    var yFile: URL { csv.deletingPathExtension().appendingPathExtension("y.f64") }
    var p: Int { 2 + Self.covariates + Self.strata - 1 }

    var covariateNames: [String] { (1...Self.covariates).map { "x\($0)" } }
    var outcomeNames: [String] { (1...Self.weeks).map { "week_\($0)" } }

    /// Writes the files unless they exist with the right row count (the CSV's size is checked).
    func write() throws {
        if FileManager.default.fileExists(atPath: csv.path), FileManager.default.fileExists(atPath: yFile.path),
           (try? FileManager.default.attributesOfItem(atPath: yFile.path)[.size] as? Int) == rows * Self.weeks * 8 {
            return
        }
        guard let out = fopen(csv.path, "w") else { throw CocoaError(.fileWriteNoPermission) }
        defer { fclose(out) }
        var random = SplitMix64(seed: 20261130)
        var x = [Double](repeating: 0, count: rows * p), y = [Double](repeating: 0, count: rows * Self.weeks)
        let header = ["id", "municipality", "benefit", "enrolled_on", "treatment", "stratum", "jobcentre"] + covariateNames + outcomeNames
        fputs(header.joined(separator: ",") + "\n", out)
        let municipalities = ["Aalborg", "Aarhus", "Odense", "København", "Viborg"]
        var line = ""
        line.reserveCapacity(2048)
        for i in 0..<rows {
            let treated = random.uniform() < 0.5 ? 1 : 0
            let stratum = 1 + Int(random.uniform() * Double(Self.strata))
            let jobcentre = 1 + Int(random.uniform() * Double(Self.jobcentres))
            var values = [Double]()
            values.append(Double(30 + Int(random.uniform() * 35)))           // age
            values.append(Double(Int(random.uniform() * 157)))                // prior weeks employed
            for _ in 2..<Self.covariates { values.append((random.uniform() * 1000).rounded() / 100) }
            line = "P\(i + 1),\(municipalities[stratum % 5]),\(stratum % 2 == 0 ? "KH" : "RF"),2016-03-\(10 + i % 18),"
            line += "\(treated),\(stratum),\(jobcentre)"
            for v in values { line += "," + shortest(v) }
            x[i] = 1
            x[i + rows] = Double(treated)
            for c in 0..<Self.covariates { x[i + (2 + c) * rows] = values[c] }
            if stratum > 1 { x[i + (2 + Self.covariates + stratum - 2) * rows] = 1 }
            for t in 0..<Self.weeks {
                let latent = 0.02 * Double(t) * Double(treated) + 0.01 * values[1] + 0.1 * Double(stratum % 7) + random.uniform() * 4 - 3.9
                let hours = latent > 0 ? min(37, latent * 12).rounded() : 0
                y[i + t * rows] = hours
                line += "," + shortest(hours)
            }
            line += "\n"
            fputs(line, out)
        }
        try Data(bytes: x, count: x.count * 8).write(to: xFile)
        try Data(bytes: y, count: y.count * 8).write(to: yFile)
    }

    /// The number as R or pandas would write it: integers without a decimal point.
    private func shortest(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : "\(v)"
    }

    /// `effekt regress` arguments for the panel: all weeks, covariates, stratum fixed effects, HC1.
    func regressArguments() -> [String] {
        ["regress", "--data", csv.path] + outcomeNames.flatMap { ["--outcome", $0] }
            + ["--treatment", "treatment", "--covariates", covariateNames.joined(separator: ","),
               "--fixed-effects", "stratum", "--se", "hc1", "--format", "json"]
    }

    /// The numpy floor: one Cholesky of XᵀX for all outcomes, residuals, the treatment's HC1
    /// variance (what the default `effekt regress` computes); prints `fit seconds`.
    var numpyFit: String {
        """
        import time, numpy as np
        n, p, T = \(rows), \(p), \(Self.weeks)
        X = np.fromfile("\(xFile.path)").reshape(p, n).T.copy()
        Y = np.fromfile("\(yFile.path)").reshape(T, n).T.copy()
        best, best_cpu = 1e9, 1e9
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            G = X.T @ X
            L = np.linalg.cholesky(G)
            B = np.linalg.solve(L.T, np.linalg.solve(L, X.T @ Y))
            E = Y - X @ B
            m = np.linalg.solve(L.T, np.linalg.solve(L, np.eye(p)[:, 1]))
            z = X @ m
            v = (z * z) @ (E * E) * n / (n - p)
            best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
        print("fit", best)
        print("fit_cpu", best_cpu)
        print("check", B[1, T - 1], np.sqrt(v[T - 1]))
        """
    }

    /// pandas (+ pyarrow) reading and pandas + statsmodels fitting week by week (HC1), where
    /// installed; statsmodels fits the first `statsmodelsWeeks` weeks and the time is scaled to all.
    func pythonPeers(statsmodelsWeeks: Int) -> String {
        """
        import time
        import pandas as pd
        cols = ["treatment", "stratum"] + \(covariateNames) + \(outcomeNames)
        t0 = time.perf_counter(); d = pd.read_csv("\(csv.path)", usecols=cols); print("pandas_read", time.perf_counter() - t0)
        try:
            t0 = time.perf_counter(); pd.read_csv("\(csv.path)", usecols=cols, engine="pyarrow"); print("pyarrow_read", time.perf_counter() - t0)
        except Exception:
            pass
        try:
            import statsmodels.api as sm
            t0 = time.perf_counter()
            d = pd.read_csv("\(csv.path)", usecols=cols)
            X = pd.concat([d[["treatment"] + \(covariateNames)], pd.get_dummies(d.stratum, prefix="s", drop_first=True, dtype=float)], axis=1)
            X = sm.add_constant(X)
            read = time.perf_counter() - t0
            t0 = time.perf_counter()
            for w in \(Array(outcomeNames.prefix(statsmodelsWeeks))):
                sm.OLS(d[w], X).fit(cov_type="HC1")
            print("statsmodels_all", read + (time.perf_counter() - t0) * \(Self.weeks) / \(min(statsmodelsWeeks, Self.weeks)))
        except ImportError:
            pass
        """
    }
}
