// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
@testable import TrialAnalysis

/// Reference: Tests/Fixtures/analysis/multiplicity-and-meta.R (R 4.2.2, metafor 3.8.1) and its .Rout.
final class MultiplicityTests: XCTestCase {
    let p: [Double?] = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, nil]

    func testHolmMatchesPAdjust() {
        let expected: [Double?] = [0.05, 0.12, 0.12, 0.03, 0.2, 0.12, nil]
        for (a, b) in zip(MultiplicityAdjustment.holm.adjust(p), expected) {
            if let b { XCTAssertEqual(a!, b, accuracy: 1e-15) } else { XCTAssertNil(a) }
        }
    }

    func testBenjaminiHochbergMatchesPAdjust() {
        let expected: [Double?] = [0.03, 0.048, 0.048, 0.03, 0.2, 0.048, nil]
        for (a, b) in zip(MultiplicityAdjustment.benjaminiHochberg.adjust(p), expected) {
            if let b { XCTAssertEqual(a!, b, accuracy: 1e-15) } else { XCTAssertNil(a) }
        }
    }

    /// Invariants: adjusted ≥ raw, ≤ 1, monotone in the raw p-values; a single test is unchanged.
    func testInvariants() {
        var g: UInt64 = 99
        let raw: [Double?] = (0..<50).map { _ in
            g = g &* 6364136223846793005 &+ 1442695040888963407
            return Double(g >> 11) / Double(1 << 53)
        }
        for method in MultiplicityAdjustment.allCases {
            let adj = method.adjust(raw)
            for (r, a) in zip(raw, adj) { XCTAssertGreaterThanOrEqual(a!, r!); XCTAssertLessThanOrEqual(a!, 1) }
            let order = raw.indices.sorted { raw[$0]! < raw[$1]! }
            for k in 1..<order.count { XCTAssertLessThanOrEqual(adj[order[k - 1]]!, adj[order[k]]! + 1e-15) }
            XCTAssertEqual(method.adjust([0.03])[0]!, 0.03)
        }
    }

    func testMinimumDetectableEffectMultipliers() {
        XCTAssertEqual(MinimumDetectableEffect.compute(standardError: 1), 2.8015852181129679, accuracy: 1e-13)
        XCTAssertEqual(MinimumDetectableEffect.compute(standardError: 0.5, degreesOfFreedom: 40), 0.5 * 2.8717751860967278, accuracy: 1e-13)
    }
}

final class MetaAnalysisTests: XCTestCase {
    let se = [0.04, 0.05, 0.06, 0.03, 0.045, 0.05, 0.035, 0.04]
    let x = [0.20, 0.10, 0.05, 0.18, 0.12, 0.08, 0.22, 0.11]

    func testCochranQMatchesMetafor() {
        let q = MetaAnalysis.equalityTest(effects: [0.02, 0.10, 0.21, 0.05, 0.08, 0.15, 0.00, 0.12], standardErrors: se)
        XCTAssertEqual(q.statistic, 15.968193446378237, accuracy: 1e-12)
        XCTAssertEqual(q.df, 7)
        XCTAssertEqual(q.pValue, 0.025408543883839625, accuracy: 1e-13)
    }

    func testDerSimonianLairdMetaRegressionMatchesMetafor() {
        // τ² = 0 case.
        var r = MetaAnalysis.regression(effects: [0.02, 0.10, 0.21, 0.05, 0.08, 0.15, 0.00, 0.12], standardErrors: se, moderator: x)
        XCTAssertEqual(r.intercept, 0.23001561970661893, accuracy: 1e-12)
        XCTAssertEqual(r.slope, -1.0458864091818905, accuracy: 1e-11)
        XCTAssertEqual(r.slopeSE, 0.2698094806072725, accuracy: 1e-12)
        XCTAssertEqual(r.tau2, 0)
        XCTAssertEqual(r.pValue, 0.00010601829242088013, accuracy: 1e-14)
        // τ² > 0 case.
        r = MetaAnalysis.regression(effects: [0.02, 0.25, 0.21, -0.05, 0.08, 0.30, 0.00, 0.12], standardErrors: se, moderator: x)
        XCTAssertEqual(r.intercept, 0.35318585250476009, accuracy: 1e-11)
        XCTAssertEqual(r.slope, -1.8029361410846789, accuracy: 1e-10)
        XCTAssertEqual(r.slopeSE, 0.45442828414116926, accuracy: 1e-11)
        XCTAssertEqual(r.tau2, 0.0033177130648206952, accuracy: 1e-14)
        XCTAssertEqual(r.pValue, 7.2635926813275579e-05, accuracy: 1e-15)
        XCTAssertEqual(r.confLow, -2.6935992115577045, accuracy: 1e-10)
        XCTAssertEqual(r.confHigh, -0.91227307061165308, accuracy: 1e-10)
    }
}
