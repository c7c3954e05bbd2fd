// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import Regression

/// 140,000 rows — more than two row chunks (`RowChunks.rowsPerChunk`), which run concurrently —
/// with weights, 5 strata as fixed effects, 200 clusters and three outcomes, against estimatr.
///
/// Reference: R 4.2.2, estimatr 1.0.0, `Tests/Fixtures/regression/large_n.R`:
/// `lm_robust(y ~ d + x1 + x2 + factor(s), weights = w, se_type = "HC1"/"HC2")` and
/// `lm_robust(y ~ d + x1 + x2 + factor(s), clusters = g, se_type = "CR0"/"stata"/"CR2")`, every
/// number printed with `sprintf("%.17g")`. The data come from a formula both sides compute exactly
/// (integer arithmetic below 2^53). Tolerance 1e-8 relative.
final class LargeDesignTests: XCTestCase {
    struct Reference { let caseName, seType, outcome, term: String; let estimate, stdError, df, rSquared: Double }

    static let references: [Reference] = {
        let t = Fixtures.table("large_n_reference.csv")
        return t["case"]!.indices.map { i in
            func d(_ c: String) -> Double { Double(t[c]![i])! }
            return Reference(caseName: t["case"]![i], seType: t["se_type"]![i], outcome: t["outcome"]![i],
                             term: t["term"]![i], estimate: d("estimate"), stdError: d("std_error"), df: d("df"),
                             rSquared: d("r_squared"))
        }
    }()

    /// The data of `large_n.R`, computed the same way.
    static func specification(weighted: Bool, clustered: Bool) -> ModelSpecification {
        let n = 140_000, m = 2_147_483_647
        func u(_ k: Int) -> [Double] { (0..<n).map { i in Double((i * (48271 + 7919 * k) + 104729 * k) % m) / Double(m) } }
        let d = u(1).map { $0 < 0.5 ? 1.0 : 0 }
        let x1 = u(2).map { 10 * $0 }, x2 = u(3).map { $0 - 0.5 }
        let s = u(4).map { ($0 * 5).rounded(.down) + 1 }, g = u(5).map { Int(($0 * 200).rounded(.down)) }
        let w = u(6).map { 0.5 + $0 }
        let outcomes = (1...3).map { t -> NumericColumn in
            let noise = u(6 + t)
            let y = (0..<n).map { i in
                2 + 0.5 * d[i] * Double(t) + 0.3 * x1[i] - x2[i] + 0.2 * s[i] + (1 + d[i]) * (noise[i] - 0.5) * 3
            }
            return NumericColumn(name: "y\(t)", values: y)
        }
        return ModelSpecification(outcomes: outcomes, treatment: NumericColumn(name: "d", values: d),
                                  covariates: [NumericColumn(name: "x1", values: x1), NumericColumn(name: "x2", values: x2)],
                                  fixedEffects: [CategoricalColumn(name: "s", labels: s.map { String(Int($0)) })],
                                  cluster: clustered ? CategoricalColumn(name: "g", labels: g.map { String($0) }) : nil,
                                  weights: weighted ? NumericColumn(name: "w", values: w) : nil)
    }

    func check(_ fit: MultipleOutcomesResult, _ caseName: String, _ estimator: CovarianceEstimator, rName: String,
               terms: Set<String>?, file: StaticString = #filePath, line: UInt = #line) {
        for (t, outcome) in ["y1", "y2", "y3"].enumerated() {
            let result = fit.result(outcome: t, estimator: estimator)
            let refs = Self.references.filter { $0.caseName == caseName && $0.seType == rName && $0.outcome == outcome }
            XCTAssertEqual(refs.count, 8, file: file, line: line)
            for ref in refs {
                guard let k = result.terms.firstIndex(where: { Fixtures.rTerm($0) == ref.term }) else {
                    XCTFail("term \(ref.term) missing", file: file, line: line); continue
                }
                let what = "\(caseName)/\(rName)/\(outcome)/\(ref.term)"
                assertClose(result.coefficients[k], ref.estimate, relative: 1e-8, "\(what) estimate", file: file, line: line)
                assertClose(result.rSquared, ref.rSquared, relative: 1e-8, "\(what) r²", file: file, line: line)
                if terms?.contains(ref.term) ?? true {
                    assertClose(result.standardErrors[k], ref.stdError, relative: 1e-8, "\(what) std_error", file: file, line: line)
                    assertClose(result.degreesOfFreedom[k], ref.df, relative: 1e-8, "\(what) df", file: file, line: line)
                }
            }
        }
    }

    func testWeightedHCAcrossChunksAgreesWithEstimatr() throws {
        let design = try Self.specification(weighted: true, clustered: false).design()
        XCTAssertGreaterThan(RowChunks.count(rows: design.observationCount), 2)
        for scope in [CovarianceScope.full, .variancesOnly] {
            let fit = try MultipleOutcomes.fit(design, estimators: [.hc1, .hc2], scope: scope)
            check(fit, "weighted", .hc1, rName: "HC1", terms: nil)
            check(fit, "weighted", .hc2, rName: "HC2", terms: nil)
        }
        for estimators in [[CovarianceEstimator.hc1], [.hc2], [.hc1, .hc2]] {
            let fit = try MultipleOutcomes.fit(design, estimators: estimators, scope: .variances(of: ["d", "x1"]))
            for e in estimators { check(fit, "weighted", e, rName: e == .hc1 ? "HC1" : "HC2", terms: ["d", "x1"]) }
            let one = try MultipleOutcomes.fit(design, estimators: estimators, scope: .variances(of: ["d"]))
            for e in estimators { check(one, "weighted", e, rName: e == .hc1 ? "HC1" : "HC2", terms: ["d"]) }
        }
    }

    func testClusteredAcrossChunksAgreesWithEstimatr() throws {
        let design = try Self.specification(weighted: false, clustered: true).design()
        let all = try MultipleOutcomes.fit(design, estimators: [.cr0, .cr1, .cr2], scope: .variancesOnly)
        check(all, "clustered", .cr0, rName: "CR0", terms: nil)
        check(all, "clustered", .cr1, rName: "stata", terms: nil)
        check(all, "clustered", .cr2, rName: "CR2", terms: nil)
        let selected = try MultipleOutcomes.fit(design, estimators: [.cr0, .cr1], scope: .variances(of: ["d"]))
        check(selected, "clustered", .cr0, rName: "CR0", terms: ["d"])
        check(selected, "clustered", .cr1, rName: "stata", terms: ["d"])
    }
}
