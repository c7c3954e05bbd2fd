// SPDX-License-Identifier: GPL-3.0-or-later

/// Harrell's concordance of a Cox model's linear predictor, as `coxph(...)$concordance` and
/// `survival::concordance(fit)` (`timewt = "n"`).
///
/// Formula: over comparable pairs — `i` has an event at `t`, `j` is in the same stratum and at
/// risk at `t` (`start_j < t ≤ stop_j`) without an event at `t` — count concordant pairs (higher
/// risk score for `i`), discordant pairs and pairs tied on the score;
/// `C = (concordant + tied/2) / (concordant + discordant + tied)`. Pairs tied on time are not
/// comparable.
///
/// Complexity: O(n log n): rows enter a Fenwick tree over score ranks going backwards in time.
/// Reference: Harrell et al. (1982); Therneau & Atkinson, *Concordance* (survival vignette).
enum CoxConcordance {
    static func concordance(sets: CoxRiskSets, beta: [Double], table: EventTable) -> Double {
        let n = sets.rowCount
        let eta = sets.linearPredictor(beta)
        // Ranks of the scores (ties share a rank).
        let order = (0..<n).sorted { eta[$0] < eta[$1] }
        var rank = [Int](repeating: 0, count: n)
        var r = 0
        for (k, pos) in order.enumerated() {
            if k > 0 && eta[pos] != eta[order[k - 1]] { r += 1 }
            rank[pos] = r
        }
        let size = r + 1
        var tree = [Double](repeating: 0, count: size + 1)
        func update(_ i: Int, _ v: Double) { var i = i + 1; while i <= size { tree[i] += v; i += i & -i } }
        func prefix(_ i: Int) -> Double { var i = i, s = 0.0; while i > 0 { s += tree[i]; i -= i & -i }; return s } // ranks < i
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        var total = 0.0
        for s in 0..<(sets.stratumStart.count - 1) {
            total = 0
            for b in stride(from: sets.stratumStart[s + 1] - 1, through: sets.stratumStart[s], by: -1) {
                if sets.hasDelayedEntry && b + 1 < sets.stratumStart[s + 1] {
                    for e in sets.entryStart[b + 1]..<sets.entryStart[b + 2] {
                        update(rank[Int(sets.entryPositions[e])], -1); total -= 1
                    }
                }
                let first = sets.bucketStart[b], d = sets.bucketEvents[b], end = sets.bucketStart[b + 1]
                for pos in (first + d)..<end { update(rank[pos], 1); total += 1 }
                for pos in first..<(first + d) {
                    let below = prefix(rank[pos]), atOrBelow = prefix(rank[pos] + 1)
                    concordant += below
                    tied += atOrBelow - below
                    discordant += total - atOrBelow
                }
                for pos in first..<(first + d) { update(rank[pos], 1); total += 1 }
            }
            // Empty the tree for the next stratum.
            for b in sets.stratumStart[s]..<sets.stratumStart[s + 1] {
                for pos in sets.bucketStart[b]..<sets.bucketStart[b + 1] { update(rank[pos], -1) }
                if sets.hasDelayedEntry {
                    for e in sets.entryStart[b]..<sets.entryStart[b + 1] where b > sets.stratumStart[s] {
                        update(rank[Int(sets.entryPositions[e])], 1)
                    }
                }
            }
        }
        return (concordant + tied / 2) / (concordant + discordant + tied)
    }
}
