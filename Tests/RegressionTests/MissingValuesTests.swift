// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import Regression

/// Missing values as R's `na.omit` treats them (estimatr 1.0.0 `lm_robust` / `lm_lin`).
///
/// Reference values without running R: `main.csv` (Tests/Fixtures/regression) is extended with
/// extra rows, each missing one value (treatment, covariate, weight, cluster, fixed effect,
/// outcome). `lm_robust(..., na.action = na.omit)` removes exactly those rows before fitting, so
/// R's fit on the extended data IS R's fit on `main.csv`, which `reference.csv` holds (made by
/// `make_fixtures.R`); the fits below must equal it at the fixtures' 1e-8. A row missing only `y`
/// keeps its `y2`: separate `lm_robust` calls per outcome use it for `y2`, so `y2`'s fit must
/// equal the fit of `y2` alone on the same data, and `y`'s the reference. Dropped counts are
/// counted by hand from the rows added.
final class MissingValuesTests: XCTestCase {
    /// Columns of main.csv plus one extra row per gap in a column of `used` (a gap in an unused
    /// column would leave a complete row that R keeps).
    static func extended(used: Set<String>) -> (numeric: [String: [Double]], labels: [String: [String?]]) {
        var numeric = [String: [Double]](), labels = [String: [String?]]()
        for name in ["y", "yb", "y2", "D", "x1", "x2", "w"] { numeric[name] = Fixtures.main[name]!.map { Double($0)! } }
        for name in ["s", "g"] { labels[name] = Fixtures.main[name]!.map { $0 } }
        // Each extra row copies row k of main.csv with changed values, then loses one column.
        let gaps: [([String], Int)] = [(["D"], 3), (["x1"], 10), (["x2"], 20), (["x1"], 30), (["w"], 40), (["g"], 50),
                                        (["g"], 60), (["s"], 70), (["y"], 80), (["y"], 90), (["y"], 100), (["y", "yb"], 110)]
        for (columns, k) in gaps where columns.allSatisfy(used.contains) {
            for name in numeric.keys {
                let v = numeric[name]![k]
                numeric[name]!.append(columns.contains(name) ? .nan : name == "D" ? 1 - v : v * 1.37 + 5)
            }
            for name in labels.keys { labels[name]!.append(columns.contains(name) ? nil : labels[name]![k]) }
        }
        return (numeric, labels)
    }

    func specification(outcomes: [String], weighted: Bool = true, clustered: Bool = true,
                       strata: Bool = true) -> ModelSpecification {
        var used = Set(["D", "x1", "x2"] + outcomes)
        if weighted { used.insert("w") }
        if clustered { used.insert("g") }
        if strata { used.insert("s") }
        let (numeric, labels) = Self.extended(used: used)
        func column(_ name: String) -> NumericColumn { NumericColumn(name: name, values: numeric[name]!) }
        return ModelSpecification(outcomes: outcomes.map(column), treatment: column("D"),
                                  covariates: [column("x1"), column("x2")],
                                  fixedEffects: strata ? [CategoricalColumn(name: "s", labels: labels["s"]!)] : [],
                                  cluster: clustered ? CategoricalColumn(name: "g", labels: labels["g"]!) : nil,
                                  weights: weighted ? column("w") : nil)
    }

    func testRowsMissingAnyColumnKindAreDroppedAsRDoes() throws {
        let designs = try specification(outcomes: ["y", "y2", "yb"]).completeCaseDesigns()
        // y misses 4 extra rows, yb 1 (also missing y), y2 none: three different row sets, three designs.
        XCTAssertEqual(designs.map(\.outcomes), [[0], [1], [2]])
        let byOutcome = Dictionary(uniqueKeysWithValues: designs.flatMap { d in d.outcomes.enumerated().map { ($1, (d, $0)) } })
        // Shared reasons (hand count): treatment 1, covariates 3, weights 1, cluster 2, fixed effects 1.
        let shared = DroppedRows(treatment: 1, covariates: 3, weights: 1, cluster: 2, fixedEffects: 1)
        XCTAssertEqual(byOutcome[0]!.0.dropped[0], { var d = shared; d.outcome = 4; return d }())
        XCTAssertEqual(byOutcome[1]!.0.dropped[0], shared)
        XCTAssertEqual(byOutcome[2]!.0.dropped[0], { var d = shared; d.outcome = 1; return d }())
        XCTAssertEqual(byOutcome[0]!.0.design.observationCount, 203)
        XCTAssertEqual(byOutcome[1]!.0.design.observationCount, 203 + 4)
        XCTAssertEqual(byOutcome[2]!.0.design.observationCount, 203 + 3)  // yb keeps the 3 rows missing only y
        XCTAssertEqual(byOutcome[0]!.0.dropped[0].total, 215 - 203)
        for e in [CovarianceEstimator.cr0, .cr1, .cr2] {
            let fit = try MultipleOutcomes.fit(byOutcome[0]!.0.design, estimators: [e]).result(outcome: 0, estimator: e)
            assertMatches(fit, Fixtures.references(case: "clustered_weighted", seType: Fixtures.rName(e), outcome: "y"))
        }
        // y2 keeps the rows missing only y: the same fit as y2 on its own (a separate lm_robust call).
        var y2Only = specification(outcomes: ["y", "y2", "yb"])
        y2Only.outcomes = [y2Only.outcomes[1]]
        let alone = try y2Only.completeCaseDesigns()
        XCTAssertEqual(alone.count, 1)
        let together = try MultipleOutcomes.fit(byOutcome[1]!.0.design, estimators: [.cr2]).result(outcome: 0, estimator: .cr2)
        let separate = try MultipleOutcomes.fit(alone[0].design, estimators: [.cr2]).result(outcome: 0, estimator: .cr2)
        assertClose(together.coefficients, separate.coefficients, relative: 1e-12)
        assertClose(together.standardErrors, separate.standardErrors, relative: 1e-12)
    }

    func testOutcomesMissingOnTheSameRowsShareOneDesign() throws {
        let designs = try specification(outcomes: ["y2", "x2"]).completeCaseDesigns()
        XCTAssertEqual(designs.map(\.outcomes), [[0, 1]])
    }

    /// `lm_lin` centres the covariates on the rows left after `na.omit`: the extended data with Lin's
    /// adjustment and clusters must give `lm_lin(y ~ D, covariates = ~ x1 + x2, clusters = g)` on main.csv.
    func testLinCentresOnTheCompleteRows() throws {
        let designs = try specification(outcomes: ["y"], weighted: false, strata: false).completeCaseDesigns(lin: true)
        XCTAssertEqual(designs.count, 1)
        XCTAssertEqual(designs[0].design.observationCount, 203)
        let fit = try MultipleOutcomes.fit(designs[0].design, estimators: [.cr2]).result(outcome: 0, estimator: .cr2)
        assertMatches(fit, Fixtures.references(case: "lin_clustered", seType: "CR2"))
    }

    func testFailPolicyNamesTheFirstMissingValue() {
        XCTAssertThrowsError(try specification(outcomes: ["y"]).completeCaseDesigns(missing: .fail)) {
            XCTAssertEqual($0 as? RegressionError, .missingValue(column: "D", row: 203))
        }
        XCTAssertEqual(specification(outcomes: ["y"]).firstMissingValue(), MissingValue(column: "D", row: 203))
        XCTAssertNoThrow(try Fixtures.specification().completeCaseDesigns(missing: .fail))
    }
}
