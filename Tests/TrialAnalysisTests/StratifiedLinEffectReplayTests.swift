// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Randomization
import Regression
import TrialModel
@testable import TrialAnalysis

/// The per-stratum-sums replay (`StratifiedLinEffectReplay`) equals the row-selection replay
/// (`LinEffectReplay`, itself equal to the full `lm_lin` fit in LinEffectReplayTests) on seeded
/// random cells: strata of unequal size (one empty, one of 3 rows), continuous covariates far
/// from 0, 0/1 covariates, a constant covariate, missing values, several outcomes, and
/// stratified re-draws of the treatment, evaluated as one batch. Same draws sent to the full
/// refit (nil); effects equal
/// to 1e-12 relative to the larger of |τ̂| and sd(y). Why not to |τ̂| alone: a re-drawn effect
/// near 0 is the difference of two arm intercepts of size ȳ, so the rounding of either path
/// (another summation order of the same sums, amplified by the arm Gram matrices' condition) is
/// relative to ȳ, not to τ̂; |τ̂| ≪ sd(y) is common under the null (seen: 2.7e-12 relative to
/// |τ̂| = 0.008, 4e-15 relative to sd(y) = 5). Randomization inference compares |Tₖ| with
/// |T_obs| to 1e-12 · max(1, |T_obs|) absolute, far above these differences.
final class StratifiedLinEffectReplayTests: XCTestCase {
    struct Cell {
        var outcomes: [[Double]], covariates: [[Double]], strata: [[Double]], stratum: [Int]
    }

    func randomCell(_ g: inout SeededGenerator, n: Int, strata s: Int, outcomes t: Int) -> Cell {
        // Stratum sizes roughly geometric; stratum 2 empty, stratum s−1 given 3 rows.
        var stratum = (0..<n).map { _ in min(s - 2, Int(-log(1 - g.unitInterval()) * Double(s) / 3)) }
        stratum = stratum.map { $0 == 2 ? 0 : $0 }
        for i in 0..<3 { stratum[i] = s - 1 }
        let normal = { (g: inout SeededGenerator) -> Double in
            (-2 * log(1 - g.unitInterval())).squareRoot() * cos(2 * Double.pi * g.unitInterval())
        }
        let age = (0..<n).map { _ in 45 + 10 * normal(&g) }
        let female = (0..<n).map { _ in g.unitInterval() < 0.45 ? 1.0 : 0 }
        let prior = (0..<n).map { _ in Double(g.uniform(below: 53)) }
        var income = (0..<n).map { _ in 250 + 60 * normal(&g) }   // thousands: the refit rule (rcond) is not scale-free
        income[7] = .nan
        let constant = [Double](repeating: 3, count: n)
        var outcomes = [[Double]]()
        for o in 0..<t {
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let mean: Double = 12 + 0.1 * age[i] - 2 * female[i] + 0.2 * prior[i] + Double(stratum[i] % 4)
                let noise: Double = Double(o) * normal(&g) + 5 * normal(&g)
                y[i] = mean + noise
            }
            outcomes.append(y)
        }
        outcomes[0] = outcomes[0].map { $0 > 20 ? 1 : 0 }   // a share
        if t > 1 { outcomes[1][11] = .nan }
        let dummies = (1..<s).map { k in stratum.map { $0 == k ? 1.0 : 0 } }
        return Cell(outcomes: outcomes, covariates: [age, female, prior, income, constant], strata: dummies, stratum: stratum)
    }

    /// Half of each stratum treated (the odd one out by coin), shuffled within the stratum.
    func stratifiedDraw(_ g: inout SeededGenerator, stratum: [Int]) -> [Bool] {
        var treated = [Bool](repeating: false, count: stratum.count)
        for s in Set(stratum).sorted() {
            let members = stratum.indices.filter { stratum[$0] == s }
            var arms = members.indices.map { $0 < members.count / 2 + (members.count % 2 == 1 && g.uniform(below: 2) == 1 ? 1 : 0) }
            g.shuffle(&arms)
            for (i, a) in zip(members, arms) { treated[i] = a }
        }
        return treated
    }

    func testEqualsTheRowSelectionReplayOnRandomCells() throws {
        var g = SeededGenerator(seed: 20_261_201)
        var worst = 0.0, worstOfEffect = 0.0, compared = 0, refits = 0
        for (n, s, t) in [(300, 6, 2), (2_000, 12, 3), (5_000, 30, 4)] {
            let cell = randomCell(&g, n: n, strata: s, outcomes: t)
            let rowSelection = try LinEffectReplay(outcomes: cell.outcomes, covariates: cell.covariates + cell.strata)
            let stratified = try XCTUnwrap(StratifiedLinEffectReplay(outcomes: cell.outcomes, covariates: cell.covariates,
                                                                     strata: cell.strata))
            let scale = cell.outcomes.map { y in
                let v = y.filter(\.isFinite), m = v.reduce(0, +) / Double(v.count)
                return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
            }
            let draws = (0..<8).map { _ in stratifiedDraw(&g, stratum: cell.stratum) }
            let batched = stratified.effects(batch: draws)
            for (draw, treated) in draws.enumerated() {
                let a = batched[draw], b = rowSelection.effects(treated: treated)
                let one = stratified.effects(treated: treated)
                XCTAssertEqual(a == nil, one == nil)
                if let a, let one { for o in 0..<t { XCTAssertEqual(a[o], one[o], accuracy: 1e-13 * max(abs(one[o]), scale[o])) } }
                XCTAssertEqual(a == nil, b == nil, "n \(n), draw \(draw)")
                guard let a, let b else { refits += 1; continue }
                for o in 0..<t {
                    let relative = abs(a[o] - b[o]) / max(abs(b[o]), scale[o])
                    worst = max(worst, relative)
                    worstOfEffect = max(worstOfEffect, abs(a[o] - b[o]) / abs(b[o]))
                    XCTAssertLessThanOrEqual(relative, 1e-12, "n \(n), draw \(draw), outcome \(o): \(a[o]) vs \(b[o])")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 50)
        print("StratifiedLinEffectReplay vs LinEffectReplay: \(compared) effects, worst difference \(worst) relative to max(|τ̂|, sd(y)), \(worstOfEffect) relative to |τ̂|, \(refits) draws refitted")
        XCTAssertLessThan(refits, 4)
    }

    /// A stratum drawn all treated leaves the control arm's dummy constant: both paths say refit.
    func testSingularArmGoesToTheRefitLikeTheRowSelectionPath() throws {
        var g = SeededGenerator(seed: 7)
        let cell = randomCell(&g, n: 400, strata: 5, outcomes: 2)
        var treated = stratifiedDraw(&g, stratum: cell.stratum)
        for i in cell.stratum.indices where cell.stratum[i] == 4 { treated[i] = true }
        let rowSelection = try LinEffectReplay(outcomes: cell.outcomes, covariates: cell.covariates + cell.strata)
        let stratified = try XCTUnwrap(StratifiedLinEffectReplay(outcomes: cell.outcomes, covariates: cell.covariates, strata: cell.strata))
        XCTAssertNil(rowSelection.effects(treated: treated))
        XCTAssertNil(stratified.effects(treated: treated))
    }

    /// Dummies that are not a partition (a row in two strata, or a value other than 0/1) are refused.
    func testDummiesThatAreNotAPartitionAreRefused() {
        let y = [[1.0, 2, 3, 4, 5, 6, 7, 8]], x = [[0.5, 1.5, 0.2, 0.9, 1.1, 0.3, 0.7, 0.1]]
        XCTAssertNil(StratifiedLinEffectReplay(outcomes: y, covariates: x, strata: [[1, 0, 0, 1, 0, 0, 1, 0], [1, 1, 0, 0, 0, 0, 0, 0]]))
        XCTAssertNil(StratifiedLinEffectReplay(outcomes: y, covariates: x, strata: [[2, 0, 0, 1, 0, 0, 1, 0]]))
        XCTAssertNotNil(StratifiedLinEffectReplay(outcomes: y, covariates: x, strata: [[1, 0, 0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 0, 0, 1]]))
    }
}
