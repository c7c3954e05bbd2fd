// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
@testable import Regression

/// Invalid input is a typed error whose description is a sentence naming the offending value.
final class RegressionErrorTests: XCTestCase {
    func spec(y: [Double], d: [Double], x: [Double]? = nil, cluster: [String?]? = nil,
              w: [Double]? = nil) -> ModelSpecification {
        ModelSpecification(outcomes: [NumericColumn(name: "y", values: y)], treatment: NumericColumn(name: "D", values: d),
                           covariates: x.map { [NumericColumn(name: "x", values: $0)] } ?? [],
                           cluster: cluster.map { CategoricalColumn(name: "g", labels: $0) },
                           weights: w.map { NumericColumn(name: "w", values: $0) })
    }

    func testConstantTreatment() {
        XCTAssertThrowsError(try spec(y: [1, 2, 3, 4], d: [1, 1, 1, 1]).design()) {
            XCTAssertEqual("\($0)", "The treatment column 'D' is constant (every value is 1); a treatment effect needs both arms.")
        }
    }

    func testListwiseDeletionAndTooFewRows() throws {
        let design = try spec(y: [1, .nan, 3, 4, 5, 7], d: [0, 1, 0, 1, 0, 1]).design()
        XCTAssertEqual(design.droppedRows, 1)
        XCTAssertEqual(design.observationCount, 5)
        XCTAssertThrowsError(try spec(y: [1, .nan, 3, 4], d: [0, 1, 0, 1], x: [1, 2, .nan, 4]).design()) {
            XCTAssertEqual($0 as? RegressionError, .tooFewRows(rows: 2, parameters: 3))
        }
    }

    func testMissingClusterAndClusterRequired() throws {
        // A row without a cluster is dropped, as estimatr's na.omit drops it.
        let dropped = try spec(y: [1, 2, 3, 4, 5, 6], d: [0, 1, 0, 1, 0, 1], cluster: ["a", "a", nil, "b", "b", "a"]).design()
        XCTAssertEqual(dropped.droppedRows, 1)
        XCTAssertEqual(dropped.clusters?.index, [0, 0, 1, 1, 0])
        XCTAssertThrowsError(try ClusterAssignment(CategoricalColumn(name: "g", labels: ["a", nil]))) {
            XCTAssertEqual("\($0)", "The cluster column 'g' is missing on row 2; every row used needs a cluster, so fill it in or drop the row.")
        }
        let design = try spec(y: [1, 2, 3, 4, 5], d: [0, 1, 0, 1, 0]).design()
        XCTAssertThrowsError(try OrdinaryLeastSquares.fit(design, covariance: .cr2)) {
            XCTAssertEqual($0 as? RegressionError, .clusterRequired(estimator: .cr2))
        }
        let one = try spec(y: [1, 2, 3, 4, 5], d: [0, 1, 0, 1, 0], cluster: ["a", "a", "a", "a", "a"]).design()
        XCTAssertThrowsError(try OrdinaryLeastSquares.fit(one, covariance: .cr1)) {
            XCTAssertEqual($0 as? RegressionError, .tooFewClusters(column: "g", count: 1))
        }
    }

    func testNegativeWeight() {
        XCTAssertThrowsError(try spec(y: [1, 2, 3, 4, 5], d: [0, 1, 0, 1, 0], w: [1, 1, -0.5, 1, 1]).design()) {
            XCTAssertEqual("\($0)", "The weight column 'w' has the value -0.5 on row 3; weights must be zero or positive, and finite (a zero weight keeps the row in N, as estimatr does).")
        }
    }

    func testCollinearCovariateIsReportedNotACrash() throws {
        // A covariate identical to the treatment is aliased (dropped and named), as `lm` shows NA.
        let fit = try OrdinaryLeastSquares.fit(spec(y: [1, 2, 3, 5, 4, 6], d: [0, 1, 0, 1, 0, 1], x: [0, 1, 0, 1, 0, 1]),
                                               covariance: .hc2)
        XCTAssertEqual(fit.aliasedTerms, ["x"])
        XCTAssertEqual(fit.terms, ["(Intercept)", "D"])
    }
}
