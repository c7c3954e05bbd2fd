// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of a Cox model arranged by `(stratum, exit time)`, so that one pass per Newton step
/// accumulates the risk-set sums at every distinct time instead of walking the rows once per
/// event time.
///
/// Formula: with `r_i = exp(x_iᵀβ)` (covariates centred), at each distinct time `t` of a stratum
/// the risk set sums are `S0 = Σ r_i`, `S1 = Σ r_i x_i`, `S2 = Σ r_i x_i x_iᵀ` over rows with
/// `start_i < t ≤ stop_i`, and `D0, D1, D2` the same over the rows with an event at `t`. They are
/// built backwards in time: add the rows that exit at `t`, remove those that enter at the next time.
/// Efron's approximation with `d` tied events uses `den_k = S0 − (k/d) D0`, `k = 0…d−1`:
/// `ℓ −= Σ_k log den_k`, `U −= S1 Σ 1/den_k − D1 Σ c_k/den_k` (`c_k = k/d`) and
/// `I += S2 Σ 1/den_k − D2 Σ c_k/den_k − (S1S1ᵀ Σ 1/den_k² − (S1D1ᵀ + D1S1ᵀ) Σ c_k/den_k² + D1D1ᵀ Σ c_k²/den_k²)`,
/// the closed form of the per-`k` sums, so a time with thousands of ties costs O(d + p²).
/// Breslow is the case `c_k = 0`.
///
/// Complexity: O(n p²) per evaluation (one pass over the rows) plus O(T p²) for T distinct times.
/// Reference: Therneau & Grambsch (2000), §3.3 and appendix A; Efron (1977).
struct CoxRiskSets: Sendable {
    let rowCount: Int
    let covariateCount: Int
    /// Centred covariates, row-major, rows in bucket order (events first within a bucket).
    let x: [Double]
    /// Column means subtracted from the covariates.
    let means: [Double]
    /// Original row index of each position.
    let originalRow: [Int]
    /// Bucket `b` (a `(stratum, time)` cell) holds positions `bucketStart[b] ..< bucketStart[b+1]`,
    /// the first `bucketEvents[b]` of them with an event.
    let bucketStart: [Int]
    let bucketEvents: [Int]
    /// Stratum `s` owns buckets `stratumStart[s] ..< stratumStart[s+1]`.
    let stratumStart: [Int]
    /// With delayed entry: positions whose entry index is `k` in bucket `b` are
    /// `entryPositions[entryStart[b] ..< entryStart[b+1]]` (entry index `k` = bucket `b − stratumStart[s]`).
    let entryPositions: [Int32]
    let entryStart: [Int]
    let hasDelayedEntry: Bool
    /// For each position, the bucket of its entry time and of its exit time.
    let entryBucket: [Int32]
    let exitBucket: [Int32]
    /// Whether each position has an event.
    let event: [Bool]

    var bucketCount: Int { bucketEvents.count }

    init(data: SurvivalData, covariates: [[Double]], table: EventTable) {
        let n = data.count, p = covariates.count
        rowCount = n
        covariateCount = p
        stratumStart = table.strata.reduce(into: [0]) { $0.append($0.last! + $1.times.count) }
        let buckets = stratumStart.last!
        // Counting sort by bucket; events before censored rows inside a bucket.
        var counts = [Int](repeating: 0, count: buckets + 1)
        var eventsPerBucket = [Int](repeating: 0, count: buckets)
        var bucketOfRow = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let b = stratumStart[Int(table.rowStratum[i])] + Int(table.rowExit[i])
            bucketOfRow[i] = Int32(b)
            counts[b + 1] += 1
            if data.event[i] { eventsPerBucket[b] += 1 }
        }
        for b in 0..<buckets { counts[b + 1] += counts[b] }
        bucketStart = counts
        bucketEvents = eventsPerBucket
        var nextEvent = Array(counts.dropLast())
        var nextOther = (0..<buckets).map { counts[$0] + eventsPerBucket[$0] }
        var position = [Int](repeating: 0, count: n)
        var original = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let b = Int(bucketOfRow[i])
            let pos: Int
            if data.event[i] { pos = nextEvent[b]; nextEvent[b] += 1 } else { pos = nextOther[b]; nextOther[b] += 1 }
            position[i] = pos
            original[pos] = i
        }
        originalRow = original
        var means = [Double](repeating: 0, count: p)
        for j in 0..<p { means[j] = covariates[j].reduce(0, +) / Double(n) }
        self.means = means
        var x = [Double](repeating: 0, count: n * p)
        x.withUnsafeMutableBufferPointer { px in
            for i in 0..<n {
                let base = position[i] * p
                for j in 0..<p { px[base + j] = covariates[j][i] - means[j] }
            }
        }
        self.x = x
        event = original.map { data.event[$0] }
        exitBucket = original.map { bucketOfRow[$0] }
        let starts = stratumStart
        let entryOfPosition = original.map { Int32(starts[Int(table.rowStratum[$0])] + Int(table.rowEntry[$0])) }
        entryBucket = entryOfPosition
        hasDelayedEntry = table.hasDelayedEntry
        if hasDelayedEntry {
            var c = [Int](repeating: 0, count: buckets + 1)
            for pos in 0..<n { c[Int(entryOfPosition[pos]) + 1] += 1 }
            for b in 0..<buckets { c[b + 1] += c[b] }
            entryStart = c
            var next = Array(c.dropLast())
            var list = [Int32](repeating: 0, count: n)
            for pos in 0..<n { let b = Int(entryOfPosition[pos]); list[next[b]] = Int32(pos); next[b] += 1 }
            entryPositions = list
        } else {
            entryStart = []
            entryPositions = []
        }
    }
}
