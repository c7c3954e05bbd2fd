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
    /// What the sweep needs of one row, stored together so the sweep reads memory in order.
    struct Row {
        var key: UInt64
        /// First and last cell where the row is a comparator (`last < first`: never).
        var first: Int32
        var last: Int32
        /// The row's exit cell; `event` tells whether it ends with an event there.
        var exit: Int32
        var event: Bool
    }

    static func concordance(sets: CoxRiskSets, beta: [Double]) -> Double {
        let n = sets.rowCount
        let eta = sets.linearPredictor(beta)
        let cells = sets.bucketCount
        // Row j is comparable with an event at cell k when j is at risk at k and has no event at k:
        // cells entry…exit, or entry…exit−1 when j ends with an event.
        var rows = [Row]()
        rows.reserveCapacity(n)
        var comparableAt = [Double](repeating: 0, count: cells + 1)
        for pos in 0..<n {
            let v = eta[pos] == 0 ? 0 : eta[pos]  // −0 and +0 are one score
            let bits = v.bitPattern
            let key = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
            let lo = sets.entryBucket[pos], hi = sets.exitBucket[pos] - (sets.event[pos] ? 1 : 0)
            if hi >= lo { comparableAt[Int(lo)] += 1; comparableAt[Int(hi) + 1] -= 1 }
            rows.append(Row(key: key, first: lo, last: hi, exit: sets.exitBucket[pos], event: sets.event[pos]))
        }
        for k in 0..<cells { comparableAt[k + 1] += comparableAt[k] }
        sortByKey(&rows)

        var tree = [Double](repeating: 0, count: cells + 2)
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        var below = [Double](repeating: 0, count: 0)
        tree.withUnsafeMutableBufferPointer { tree in
        rows.withUnsafeBufferPointer { rows in
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
                while end < n && rows[end].key == rows[start].key { end += 1 }
                if end - start == 1 {
                    let r = rows[start]
                    if r.event {
                        let b = covering(Int(r.exit))
                        concordant += b
                        discordant += comparableAt[Int(r.exit)] - b
                    }
                    if r.last >= r.first { add(Int(r.first), 1); add(Int(r.last) + 1, -1) }
                } else {
                    below.removeAll(keepingCapacity: true)
                    for k in start..<end where rows[k].event { below.append(covering(Int(rows[k].exit))) }
                    for k in start..<end where rows[k].last >= rows[k].first {
                        add(Int(rows[k].first), 1); add(Int(rows[k].last) + 1, -1)
                    }
                    var m = 0
                    for k in start..<end where rows[k].event {
                        let cell = Int(rows[k].exit)
                        let atOrBelow = covering(cell)
                        concordant += below[m]
                        tied += atOrBelow - below[m]
                        discordant += comparableAt[cell] - atOrBelow
                        m += 1
                    }
                }
                start = end
            }
        }}
        return (concordant + tied / 2) / (concordant + discordant + tied)
    }

    /// Sorts rows by `key`: LSD radix sort, 11-bit digits, 6 passes (a pass is skipped when all
    /// keys share the digit). Complexity: O(n).
    static func sortByKey(_ rows: inout [Row]) {
        let n = rows.count
        guard n > 1 else { return }
        var buffer = rows
        for pass in 0..<6 {
            let shift = UInt64(pass * 11)
            var counts = [Int](repeating: 0, count: 2049)
            for r in rows { counts[Int((r.key >> shift) & 2047) + 1] += 1 }
            if counts.contains(n) { continue }
            for d in 0..<2048 { counts[d + 1] += counts[d] }
            rows.withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { target in
                    for i in 0..<n {
                        let d = Int((source[i].key >> shift) & 2047)
                        target[counts[d]] = source[i]
                        counts[d] += 1
                    }
                }
            }
            swap(&rows, &buffer)
        }
    }
}
