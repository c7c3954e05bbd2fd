// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport
@testable import Regression

/// Reads the R-made fixtures in `Tests/Fixtures/regression/` (see `make_fixtures.R` there).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/regression")

    /// A CSV file as header → column of strings.
    static func table(_ name: String) -> [String: [String]] {
        csvColumns(at: directory.appendingPathComponent(name))
    }

    static func numeric(_ table: [String: [String]], _ name: String) -> NumericColumn {
        NumericColumn(name: name, values: table[name]!.map { Double($0)! })
    }

    static func categorical(_ table: [String: [String]], _ name: String) -> CategoricalColumn {
        CategoricalColumn(name: name, labels: table[name]!.map { $0 })
    }

    static let main = table("main.csv")

    /// One reference row from R.
    struct Reference {
        let caseName, package, seType, outcome, term: String
        let estimate, stdError, df, pValue, confLow, confHigh, rSquared: Double
    }

    static let references: [Reference] = {
        let t = table("reference.csv")
        return t["case"]!.indices.map { i in
            func d(_ c: String) -> Double { Double(t[c]![i]) ?? .nan }
            return Reference(caseName: t["case"]![i], package: t["package"]![i], seType: t["se_type"]![i],
                             outcome: t["outcome"]![i], term: t["term"]![i], estimate: d("estimate"),
                             stdError: d("std_error"), df: d("df"), pValue: d("p_value"), confLow: d("conf_low"),
                             confHigh: d("conf_high"), rSquared: d("r_squared"))
        }
    }()

    static func references(case name: String, package: String = "estimatr", seType: String, outcome: String = "y") -> [Reference] {
        references.filter { $0.caseName == name && $0.package == package && $0.seType == seType && $0.outcome == outcome }
    }

    /// R's term name for ours: `s2` ↔ `factor(s)2`.
    static func rTerm(_ ours: String) -> String {
        if ours.hasPrefix("s"), let level = Int(ours.dropFirst()) { return "factor(s)\(level)" }
        return ours
    }

    /// The estimatr `se_type` name of an estimator.
    static func rName(_ e: CovarianceEstimator) -> String {
        switch e {
        case .classical: return "classical"
        case .hc0: return "HC0"
        case .hc1: return "HC1"
        case .hc2: return "HC2"
        case .hc3: return "HC3"
        case .cr0: return "CR0"
        case .cr1: return "stata"
        case .cr2: return "CR2"
        }
    }

    /// The main data set's specification: outcome ~ D + x1 + x2 (+ x3) + factor(s).
    static func specification(outcomes: [String] = ["y"], covariates: [String] = ["x1", "x2"], clustered: Bool = false,
                              weighted: Bool = false, strata: Bool = true) -> ModelSpecification {
        ModelSpecification(outcomes: outcomes.map { numeric(main, $0) }, treatment: numeric(main, "D"),
                           covariates: covariates.map { numeric(main, $0) },
                           fixedEffects: strata ? [categorical(main, "s")] : [],
                           cluster: clustered ? categorical(main, "g") : nil,
                           weights: weighted ? numeric(main, "w") : nil)
    }
}

/// Compares a result with R's rows, term by term; `terms` restricts to a subset (nil: all R terms).
func assertMatches(_ result: RegressionResult, _ references: [Fixtures.Reference], terms: Set<String>? = nil,
                   inference: Bool = true, tolerance: Double = 1e-8,
                   file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(references.isEmpty, "no reference rows", file: file, line: line)
    let table = result.summary(level: 0.95)
    var compared = 0
    for ref in references where !ref.estimate.isNaN {
        if let terms, !terms.contains(ref.term) { continue }
        guard let row = table.rows.first(where: { Fixtures.rTerm($0.term) == ref.term }) else {
            XCTFail("term \(ref.term) missing from our fit", file: file, line: line)
            continue
        }
        let what = "\(ref.caseName)/\(ref.package)/\(ref.seType)/\(ref.outcome)/\(ref.term)"
        assertClose(row.estimate, ref.estimate, relative: tolerance, "\(what) estimate", file: file, line: line)
        assertClose(row.stdError, ref.stdError, relative: tolerance, "\(what) std_error", file: file, line: line)
        assertClose(row.df, ref.df, relative: tolerance, "\(what) df", file: file, line: line)
        if inference && !ref.pValue.isNaN {
            assertClose(row.pValue, ref.pValue, relative: 1e-6, "\(what) p_value", file: file, line: line)
            assertClose(row.confLow, ref.confLow, relative: tolerance, "\(what) conf_low", file: file, line: line)
            assertClose(row.confHigh, ref.confHigh, relative: tolerance, "\(what) conf_high", file: file, line: line)
        }
        compared += 1
    }
    XCTAssertGreaterThan(compared, 0, file: file, line: line)
}
