// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Synthetic weekly trial data for the survival benchmark: SplitMix64 uniforms, Box–Muller
/// normals; exponential event times with a proportional-hazards linear predictor, rounded up to
/// whole weeks, censored uniformly between weeks 20 and 130 and administratively at week 104.
struct SurvivalBenchmarkData {
    var time: [Double]
    var status: [Bool]
    var treat: [Int32]
    var stratum: [Int32]
    /// Covariate columns; the first is the treatment indicator.
    var x: [[Double]]

    init(subjects n: Int, covariates p: Int, seed: UInt64) {
        var state = seed
        func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992
        }
        func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
        treat = (0..<n).map { _ in uniform() < 0.5 ? 1 : 0 }
        stratum = (0..<n).map { _ in Int32(uniform() * 4) }
        x = [treat.map(Double.init)] + (1..<p).map { j in
            (0..<n).map { _ in j % 3 == 0 ? (uniform() < 0.3 ? 1 : 0) : normal() }
        }
        let effects = (0..<p).map { j in j == 0 ? -0.25 : 0.1 * Double(j % 4) - 0.1 }
        time = [Double](repeating: 0, count: n)
        status = [Bool](repeating: false, count: n)
        for i in 0..<n {
            var lp = 0.2 * Double(stratum[i])
            for j in 0..<p { lp += effects[j] * x[j][i] }
            let event = (-log(uniform()) / (0.015 * exp(lp))).rounded(.up)
            let censor = 20 + (uniform() * 111).rounded(.down)
            let end = min(censor, 104)
            time[i] = max(1, min(event, end))
            status[i] = event <= end
        }
    }

    /// Writes `time,status,treat,stratum,x1,…,xp` (x1 is the treatment indicator).
    func writeCSV(to url: URL) throws {
        let p = x.count
        var text = "time,status,treat,stratum," + (1...p).map { "x\($0)" }.joined(separator: ",") + "\n"
        text.reserveCapacity(time.count * (12 + 20 * p))
        for i in 0..<time.count {
            text += "\(Int(time[i])),\(status[i] ? 1 : 0),\(treat[i]),\(stratum[i] + 1)"
            for j in 0..<p { text += ","; text += x[j][i] == x[j][i].rounded() ? "\(Int(x[j][i]))" : String(format: "%.6f", x[j][i]) }
            text += "\n"
        }
        try text.write(to: url, atomically: false, encoding: .utf8)
    }
}

/// Runs R and lifelines on the benchmark CSV; each prints `key seconds` lines.
enum SurvivalReference {
    static func r(csv: String, covariates p: Int) -> [String: Double]? {
        let terms = (1...p).map { "x\($0)" }.joined(separator: " + ")
        let script = """
        suppressPackageStartupMessages(library(survival))
        d <- if (requireNamespace("data.table", quietly = TRUE)) as.data.frame(data.table::fread("\(csv)")) else read.csv("\(csv)")
        cat("version", format(packageVersion("survival")), "\\n")
        t <- system.time(fit <- coxph(Surv(time, status) ~ \(terms), d))[["elapsed"]]; cat("cox_efron", t, "\\n")
        t <- system.time(fit <- coxph(Surv(time, status) ~ \(terms) + strata(stratum), d))[["elapsed"]]; cat("cox_strata", t, "\\n")
        t <- system.time({km <- survfit(Surv(time, status) ~ treat, d); lr <- survdiff(Surv(time, status) ~ treat + strata(stratum), d)})[["elapsed"]]
        cat("km_logrank", t, "\\n")
        """
        return PeerScript.run(["Rscript", "-e", script])
    }

    static func lifelines(csv: String, covariates p: Int) -> [String: Double]? {
        let script = """
        import time, pandas as pd
        import lifelines
        from lifelines import CoxPHFitter, KaplanMeierFitter
        from lifelines.statistics import logrank_test
        d = pd.read_csv("\(csv)")
        print("version", lifelines.__version__)
        cols = ["time", "status"] + ["x%d" % j for j in range(1, \(p) + 1)]
        t0 = time.perf_counter(); CoxPHFitter().fit(d[cols], "time", "status"); print("cox_efron", time.perf_counter() - t0)
        t0 = time.perf_counter(); CoxPHFitter().fit(d[cols + ["stratum"]], "time", "status", strata=["stratum"]); print("cox_strata", time.perf_counter() - t0)
        t0 = time.perf_counter()
        for g in (0, 1):
            s = d[d.treat == g]; KaplanMeierFitter().fit(s.time, s.status)
        a, b = d[d.treat == 0], d[d.treat == 1]
        logrank_test(a.time, b.time, a.status, b.status)
        print("km_logrank", time.perf_counter() - t0)
        """
        return PeerScript.run(["python3", "-c", script])
    }
}
