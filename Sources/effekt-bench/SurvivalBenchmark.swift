// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import SurvivalAnalysis

/// `effekt-bench survival`: Cox (Efron, stratified), Kaplan–Meier and log-rank at trial scale —
/// by default 1,000,000 subjects, 10 covariates, integer weekly times up to 104 (heavy ties).
/// Where R (survival) and Python (lifelines) are installed, the same data go through a temporary
/// CSV to `coxph`, `survfit` + `survdiff`, `CoxPHFitter`, `KaplanMeierFitter` + `logrank_test`;
/// their times exclude reading the CSV. Figures only; it asserts nothing.
struct SurvivalBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survival", abstract: "Cox/Kaplan–Meier/log-rank at 1M subjects, weekly ties, with R and lifelines ratios.")

    @Option(help: "Number of subjects.")
    var subjects = 1_000_000

    @Option(help: "Number of covariates.")
    var covariates = 10

    @Flag(help: "Skip the R and lifelines comparison.")
    var skipReference = false

    func run() throws {
        let data = SurvivalBenchmarkData(subjects: subjects, covariates: covariates, seed: 20261123)
        print("survival: \(subjects) subjects, \(covariates) covariates, weekly times 1…104, " +
              "\(data.status.filter { $0 }.count) events, 4 strata")
        let survival = try SurvivalData(time: data.time, event: data.status)
        let treat = Grouping(codes: data.treat, labels: ["0", "1"])
        let strata = Grouping(codes: data.stratum, labels: ["1", "2", "3", "4"])

        let efron = try measure { try CoxModel(data: survival, covariates: data.x) }
        report("Cox Efron", efron.seconds, detail: "iterations \(efron.value.iterations), β₁ = \(efron.value.coefficients[0])")
        let stratified = try measure { try CoxModel(data: survival, covariates: data.x, strata: strata) }
        report("Cox Efron, 4 strata", stratified.seconds, detail: "iterations \(stratified.value.iterations)")
        let breslow = try measure { try CoxModel(data: survival, covariates: data.x, ties: .breslow) }
        report("Cox Breslow", breslow.seconds, detail: "iterations \(breslow.value.iterations)")
        let km = try measure { try KaplanMeier(data: survival, groups: treat) }
        let logRank = try measure { try LogRankTest(data: survival, groups: treat, strata: strata) }
        report("Kaplan–Meier by arm", km.seconds, detail: "medians \(km.value.curves.map(\.median))")
        report("log-rank, stratified", logRank.seconds, detail: "χ² = \(logRank.value.statistic)")
        report("KM + log-rank", km.seconds + logRank.seconds, detail: "target < 0.2 s")
        print(String(format: "peak memory %.0f MiB", peakMemoryMiB()))

        guard !skipReference else { return }
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-survival-bench-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        try data.writeCSV(to: csv)
        let ours = ["cox_efron": efron.seconds, "cox_strata": stratified.seconds, "km_logrank": km.seconds + logRank.seconds]
        if let r = SurvivalReference.r(csv: csv.path, covariates: covariates) {
            print("R survival, timed inside R after reading the CSV:")
            compare(r, ours)
        } else {
            print("R with survival not found; skipping the R comparison.")
        }
        if let py = SurvivalReference.lifelines(csv: csv.path, covariates: covariates) {
            print("Python lifelines, timed after reading the CSV:")
            compare(py, ours)
        } else {
            print("Python lifelines not found; skipping the lifelines comparison.")
        }
    }

    private func report(_ name: String, _ seconds: Double, detail: String) {
        print("  " + name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%8.3f s   ", seconds) + detail)
    }

    private func compare(_ reference: [String: Double], _ ours: [String: Double]) {
        for (key, label) in [("cox_efron", "Cox Efron"), ("cox_strata", "Cox Efron, 4 strata"), ("km_logrank", "KM + log-rank")] {
            guard let theirs = reference[key], let mine = ours[key] else { continue }
            print("  " + label.padding(toLength: 24, withPad: " ", startingAt: 0)
                  + String(format: "%8.3f s   Effekt %.3f s   Effekt is %.1f× faster", theirs, mine, theirs / mine))
        }
    }
}
