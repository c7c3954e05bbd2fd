// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

/// Stratum sizes for the synthetic JobFirst roster that make Effekt's permuted-block randomizer
/// produce the published arm totals.
///
/// Within a stratum the randomizer's slot sequence depends only on the seed and the stratum label,
/// not on how many participants there are, so the imbalance `control − treated` after `n`
/// participants is known in advance (between −3 and 3 with blocks of at most 6). A dynamic
/// programme over the 15 municipalities chooses sizes `nominal + δ` (|δ| ≤ `sizeAdjustment`) with
/// Σδ = 0 (so the benefit's total is the published one) and Σ imbalance = the published one
/// (1,880 − 1,847 = 33 on cash benefit, 569 − 560 = 9 in resource programmes), with the least
/// Σ|δ|. When no choice reaches the published imbalance (possible for other seeds), the closest is used.
///
/// Complexity: O(municipalities × candidates × states), about 4 · 10⁶ steps per benefit.
enum JobFirstEnrolment {
    typealias M = JobFirstModel
    /// Adjustments kept per stratum and imbalance value (smallest |δ| first, −δ before +δ).
    static let candidatesPerImbalance = 3
    /// Bound on the running sum of adjustments while searching (it must end at 0).
    static let runningAdjustmentBound = 60

    /// Sizes per municipality (in `JobFirstModel.municipalities` order) for one benefit.
    static func sizes(benefit: BenefitType, randomizer: StratifiedRandomizer) -> [Int] {
        let nominal = M.municipalities.map { benefit == .cashBenefit ? $0.cashBenefit : $0.resourceProgramme }
        let w = M.sizeAdjustment, k = nominal.count
        let target = M.armSizes[benefit]!.control - M.armSizes[benefit]!.treated
        // Imbalance control − treated after n participants, for each allowed n.
        let imbalance: [[Int]] = nominal.enumerated().map { index, size in
            let stratum = Stratum(values: [M.municipalities[index].name, benefit.rawValue])
            let slots = randomizer.blockSlots(stratum: stratum, count: size + w)
            var d = 0, prefix = [0]
            for slot in slots { d += slot.arm == M.controlArm ? 1 : -1; prefix.append(d) }
            // Sizes stay above half the nominal size; smaller ones are marked impossible.
            return (-w...w).map { size + $0 > size / 2 ? prefix[size + $0] : Int.min }
        }
        // For each stratum, the few smallest adjustments reaching each imbalance value (the DP
        // needs no more: any other adjustment with the same imbalance costs more).
        let candidates: [[Int]] = imbalance.map { values in
            let byCost = [0] + (1...w).flatMap { [-$0, $0] }
            var kept = [Int](), perValue = [Int: Int]()
            for delta in byCost where values[delta + w] != Int.min && perValue[values[delta + w], default: 0] < candidatesPerImbalance {
                perValue[values[delta + w], default: 0] += 1
                kept.append(delta)
            }
            return kept
        }
        let maxD = imbalance.flatMap { $0 }.filter { $0 != Int.min }.map(abs).max() ?? 0
        let offsets = runningAdjustmentBound, dSpan = k * maxD
        let width = 2 * dSpan + 1, states = (2 * offsets + 1) * width
        func index(_ offset: Int, _ d: Int) -> Int { (offset + offsets) * width + (d + dSpan) }
        let unreachable = Int.max
        var cost = [Int](repeating: unreachable, count: states)
        cost[index(0, 0)] = 0
        var choice = [[Int8]](repeating: [Int8](repeating: 0, count: states), count: k)
        for m in 0..<k {
            var next = [Int](repeating: unreachable, count: states)
            for offset in -offsets...offsets {
                for d in -dSpan...dSpan {
                    let c = cost[index(offset, d)]
                    if c == unreachable { continue }
                    for delta in candidates[m] {
                        let o2 = offset + delta, d2 = d + imbalance[m][delta + w]
                        guard abs(o2) <= offsets, abs(d2) <= dSpan else { continue }
                        let i2 = index(o2, d2), c2 = c + abs(delta)
                        if c2 < next[i2] { next[i2] = c2; choice[m][i2] = Int8(delta) }
                    }
                }
            }
            cost = next
        }
        // The reachable total imbalance closest to the published one, with Σδ = 0.
        let reachable = (-dSpan...dSpan).filter { cost[index(0, $0)] != unreachable }
        let best = reachable.min { abs($0 - target) != abs($1 - target) ? abs($0 - target) < abs($1 - target) : $0 < $1 }!
        // Walk back through the choices.
        var sizes = nominal, offset = 0, d = best
        for m in stride(from: k - 1, through: 0, by: -1) {
            let delta = Int(choice[m][index(offset, d)])
            sizes[m] = nominal[m] + delta
            offset -= delta
            d -= imbalance[m][delta + w]
        }
        precondition(offset == 0 && d == 0, "The enrolment search lost its way")
        return sizes
    }

    /// Sizes per municipality for one benefit when the whole trial (both benefits) has `total`
    /// participants: the nominal sizes scaled to that total by largest remainders over all 30
    /// strata (ties to the earlier stratum), so the sizes add up to `total` exactly.
    static func proportionalSizes(benefit: BenefitType, total: Int) -> [Int] {
        let nominal = M.municipalities.map { $0.cashBenefit } + M.municipalities.map { $0.resourceProgramme }
        let sum = nominal.reduce(0, +)
        let exact = nominal.map { Double($0) * Double(total) / Double(sum) }
        var sizes = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { a, b in
            let ra = exact[a] - Double(sizes[a]), rb = exact[b] - Double(sizes[b])
            return ra != rb ? ra > rb : a < b
        }
        for k in order.prefix(total - sizes.reduce(0, +)) { sizes[k] += 1 }
        let k = M.municipalities.count
        return benefit == .cashBenefit ? Array(sizes[..<k]) : Array(sizes[k...])
    }
}
