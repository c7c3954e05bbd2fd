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
/// Complexity: O(n) to sort the scores (radix sort) plus O(n log B) for B `(stratum, time)` cells:
/// rows are visited in increasing score; each adds its comparable interval of cells to a Fenwick
/// tree over cells, and each event queries the tree at its own cell — with weekly times the tree
/// has a few hundred entries and stays in cache.
/// Reference: Harrell et al. (1982); Therneau & Atkinson, *Concordance* (survival vignette).
enum CoxConcordance {
    static func concordance(sets: CoxRiskSets, beta: [Double], table: EventTable) -> Double {
        let n = sets.rowCount
        let eta = sets.linearPredictor(beta).map { $0 == 0 ? 0 : $0 }  // −0 and +0 are one score
        let order = sortedPositions(eta)
        let cells = sets.bucketCount
        // Row j is comparable with an event at cell k when j is at risk at k and has no event at k:
        // cells entry…exit, or entry…exit−1 when j ends with an event.
        var comparableAt = [Double](repeating: 0, count: cells + 1)
        for pos in 0..<n {
            let lo = Int(sets.entryBucket[pos]), hi = Int(sets.exitBucket[pos]) - (sets.event[pos] ? 1 : 0)
            if hi >= lo { comparableAt[lo] += 1; comparableAt[hi + 1] -= 1 }
        }
        for k in 0..<cells { comparableAt[k + 1] += comparableAt[k] }

        var tree = [Double](repeating: 0, count: cells + 2)
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        var below = [Double]()
        tree.withUnsafeMutableBufferPointer { tree in
            let size = cells + 1
            @inline(__always) func add(_ cell: Int, _ v: Double) {
                var i = cell + 1
                while i <= size { tree[i] += v; i += i & -i }
            }
            /// Number of intervals added so far that contain `cell`.
            @inline(__always) func covering(_ cell: Int) -> Double {
                var i = cell + 1, s = 0.0
                while i > 0 { s += tree[i]; i -= i & -i }
                return s
            }
            var start = 0
            while start < n {
                var end = start + 1
                while end < n && eta[order[end]] == eta[order[start]] { end += 1 }
                below.removeAll(keepingCapacity: true)
                for k in start..<end where sets.event[order[k]] {
                    below.append(covering(Int(sets.exitBucket[order[k]])))
                }
                for k in start..<end {
                    let pos = order[k]
                    let lo = Int(sets.entryBucket[pos]), hi = Int(sets.exitBucket[pos]) - (sets.event[pos] ? 1 : 0)
                    if hi >= lo { add(lo, 1); add(hi + 1, -1) }
                }
                var m = 0
                for k in start..<end where sets.event[order[k]] {
                    let cell = Int(sets.exitBucket[order[k]])
                    let atOrBelow = covering(cell)
                    concordant += below[m]
                    tied += atOrBelow - below[m]
                    discordant += comparableAt[cell] - atOrBelow
                    m += 1
                }
                start = end
            }
        }
        return (concordant + tied / 2) / (concordant + discordant + tied)
    }

    /// Positions ordered by increasing value: LSD radix sort on the order-preserving bit pattern
    /// (11-bit digits, 6 passes). Complexity: O(n).
    static func sortedPositions(_ values: [Double]) -> [Int] {
        let n = values.count
        var keys = values.map { v -> UInt64 in
            let bits = v.bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        var order = Array(0..<n)
        var keyBuffer = [UInt64](repeating: 0, count: n), orderBuffer = [Int](repeating: 0, count: n)
        for pass in 0..<6 {
            let shift = UInt64(pass * 11)
            var counts = [Int](repeating: 0, count: 2049)
            for k in keys { counts[Int((k >> shift) & 2047) + 1] += 1 }
            if counts[1...].contains(n) { continue }  // every key has the same digit
            for d in 0..<2048 { counts[d + 1] += counts[d] }
            for i in 0..<n {
                let d = Int((keys[i] >> shift) & 2047)
                let slot = counts[d]
                counts[d] += 1
                keyBuffer[slot] = keys[i]
                orderBuffer[slot] = order[i]
            }
            swap(&keys, &keyBuffer)
            swap(&order, &orderBuffer)
        }
        return order
    }
}
