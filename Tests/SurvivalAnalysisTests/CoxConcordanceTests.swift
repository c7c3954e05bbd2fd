// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TestSupport
@testable import SurvivalAnalysis

/// The O(n log n) concordance sweep against a brute-force count over all pairs, on data with
/// tied times, tied scores, delayed entry and strata (R agreement is in `CoxModelTests`).
final class CoxConcordanceTests: XCTestCase {
    func testSweepEqualsPairCount() throws {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let n = 300
        var start = [Double](), stop = [Double](), event = [Bool](), x = [Double](), stratum = [Int]()
        for _ in 0..<n {
            let a = Double(next(6)), b = a + 1 + Double(next(10))
            start.append(a); stop.append(b); event.append(next(3) > 0); x.append(Double(next(5))); stratum.append(next(2))
        }
        let data = try SurvivalData(start: start, stop: stop, event: event)
        let strata = Grouping(stratum)
        let table = try EventTable(data: data, strata: strata)
        let sets = CoxRiskSets(data: data, covariates: [x], table: table)
        let beta = [0.7]
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        for i in 0..<n where event[i] {
            for j in 0..<n where j != i && stratum[j] == stratum[i] && start[j] < stop[i] && stop[i] <= stop[j] {
                if event[j] && stop[j] == stop[i] { continue }
                if x[i] > x[j] { concordant += 1 } else if x[i] < x[j] { discordant += 1 } else { tied += 1 }
            }
        }
        let expected = (concordant + tied / 2) / (concordant + discordant + tied)
        assertClose(CoxConcordance.concordance(sets: sets, beta: beta), expected, relative: 1e-14, absolute: 1e-12)
    }

    func testRadixSortOrdersNegativeAndPositiveScores() {
        let values: [Double] = [3, -1, 0, -0.0, 2.5, -7, 1e-300, -1e-300, 2.5]
        var rows = values.map { v -> CoxConcordance.Row in
            let v = v == 0 ? 0 : v
            let bits = v.bitPattern
            return .init(key: bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63), first: 0, last: 0, exit: 0, event: false)
        }
        CoxConcordance.sortByKey(&rows)
        let keys = rows.map(\.key)
        XCTAssertEqual(keys, keys.sorted())
        XCTAssertEqual(Set(keys).count, 7)
    }
}
