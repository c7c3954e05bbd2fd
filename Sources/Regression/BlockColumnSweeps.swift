// SPDX-License-Identifier: GPL-3.0-or-later

// Sweeps over one column of a row block, for the selected-variances pass
// (`MultipleOutcomes.selectedVariancePass`): raw pointers, four SIMD lanes, fixed summation order.

/// `eᵢ ← yᵢ − eᵢ` (residuals from fitted values) over `count` rows; returns `Σ wᵢ (yᵢ − mean)²`
/// (`wᵢ = 1` when not `weighted`), the block's share of the total sum of squares.
///
/// Four lanes at a time: the reduction is split into independent lanes by hand (the compiler may
/// not reorder it) and the lanes are added in a fixed order, so the result is deterministic.
func subtractFromOutcome(_ y: UnsafePointer<Double>, _ e: UnsafeMutablePointer<Double>, _ w: UnsafePointer<Double>,
                         count: Int, mean: Double, weighted: Bool) -> Double {
    var lanes = SIMD4<Double>(repeating: 0)
    let shift = SIMD4<Double>(repeating: mean)
    let ry = UnsafeRawPointer(y), rw = UnsafeRawPointer(w), re = UnsafeMutableRawPointer(e)
    var i = 0
    while i + 4 <= count {
        let v = ry.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
        let fitted = re.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
        re.storeBytes(of: v - fitted, toByteOffset: i * 8, as: SIMD4<Double>.self)
        let d = v - shift
        lanes += weighted ? rw.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self) * d * d : d * d
        i += 4
    }
    var total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
    while i < count {
        let d = y[i] - mean
        total += (weighted ? w[i] : 1) * d * d
        e[i] = y[i] - e[i]
        i += 1
    }
    return total
}

/// The sums of one outcome column over a block, in one sweep: with residuals `eᵢ = yᵢ − fittedᵢ`,
/// returns `Σ wᵢ(yᵢ − mean)²`, `Σ wᵢeᵢ²` and `Σ hᵢeᵢ²` (`hcFactors`, when given); `wᵢ = 1` unless
/// `weighted`. With `storeResiduals` the residuals overwrite `fitted`.
///
/// The sums run in four independent lanes each, added in a fixed order (deterministic).
func residualSums(_ y: UnsafePointer<Double>, fitted: UnsafeMutablePointer<Double>, count: Int,
                  weights w: UnsafePointer<Double>, weighted: Bool, mean: Double,
                  hcFactors h: UnsafePointer<Double>?, storeResiduals: Bool)
    -> (total: Double, residual: Double, heteroskedastic: Double) {
    var tss = SIMD4<Double>(repeating: 0), rss = tss, hc = tss
    let shift = SIMD4<Double>(repeating: mean)
    let ry = UnsafeRawPointer(y), rf = UnsafeMutableRawPointer(fitted), rw = UnsafeRawPointer(w)
    var i = 0
    while i + 4 <= count {
        let v = ry.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
        let r = v - rf.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
        if storeResiduals { rf.storeBytes(of: r, toByteOffset: i * 8, as: SIMD4<Double>.self) }
        let d = v - shift, r2 = r * r
        if weighted {
            let wv = rw.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
            tss += wv * d * d
            rss += wv * r2
        } else {
            tss += d * d
            rss += r2
        }
        if let h { hc += UnsafeRawPointer(h).loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self) * r2 }
        i += 4
    }
    var total = (tss[0] + tss[1]) + (tss[2] + tss[3])
    var residual = (rss[0] + rss[1]) + (rss[2] + rss[3]), heteroskedastic = (hc[0] + hc[1]) + (hc[2] + hc[3])
    while i < count {
        let r = y[i] - fitted[i], d = y[i] - mean, wi = weighted ? w[i] : 1
        if storeResiduals { fitted[i] = r }
        total += wi * d * d
        residual += wi * r * r
        if let h { heteroskedastic += h[i] * r * r }
        i += 1
    }
    return (total, residual, heteroskedastic)
}

/// The rows `start..<start + count` in cluster order (a stable counting sort): `order[k]` is a row
/// offset within the block, cluster `c`'s rows are `order[runEnds[c − 1]..<runEnds[c]]`.
/// Complexity: O(count + clusters).
func sortByCluster(_ index: [Int], start: Int, count: Int, clusters g: Int,
                   order: UnsafeMutablePointer<Int>, runEnds: UnsafeMutablePointer<Int>) {
    runEnds.update(repeating: 0, count: g)
    index.withUnsafeBufferPointer { index in
        let rows = index.baseAddress! + start
        for i in 0..<count { runEnds[rows[i]] += 1 }
        var position = 0
        for c in 0..<g { position += runEnds[c]; runEnds[c] = position - runEnds[c] }   // run starts
        for i in 0..<count { order[runEnds[rows[i]]] = i; runEnds[rows[i]] += 1 }       // now run ends
    }
}

/// Adds `Σ_{k in cluster c's run} factors[k] · e[order[k]]` to `scores[c]` for every cluster, in
/// four lanes per run (added in a fixed order: deterministic).
func addClusterSums(_ e: UnsafePointer<Double>, order: UnsafePointer<Int>, factors: UnsafePointer<Double>,
                    runEnds: UnsafePointer<Int>, clusters g: Int, to scores: UnsafeMutablePointer<Double>) {
    var k = 0
    for c in 0..<g {
        let end = runEnds[c]
        var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
        while k + 4 <= end {
            a0 += factors[k] * e[order[k]]
            a1 += factors[k + 1] * e[order[k + 1]]
            a2 += factors[k + 2] * e[order[k + 2]]
            a3 += factors[k + 3] * e[order[k + 3]]
            k += 4
        }
        while k < end { a0 += factors[k] * e[order[k]]; k += 1 }
        scores[c] += (a0 + a1) + (a2 + a3)
    }
}
