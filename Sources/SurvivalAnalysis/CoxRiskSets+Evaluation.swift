// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log partial likelihood, its gradient and its information at one `β`.
struct CoxEvaluation: Sendable {
    var logLikelihood: Double
    /// The score `U(β)` (length p).
    var score: [Double]
    /// The information `I(β)`, p × p column-major, both triangles.
    var information: [Double]
}

/// Per `(stratum, time)` cell, the hazard increments a score residual needs (see `scoreResiduals`).
struct CoxHazardTerms: Sendable {
    /// `Σ_k 1/den_k`: the hazard increment for a row at risk without an event at the time.
    var hazard: [Double]
    /// `Σ_k x̄_k / den_k` (p per cell).
    var weightedMean: [Double]
    /// `Σ_k (1 − c_k)/den_k`: the increment for a row with one of the tied events.
    var tiedHazard: [Double]
    /// `Σ_k (1 − c_k) x̄_k / den_k` (p per cell).
    var tiedWeightedMean: [Double]
    /// `(1/d) Σ_k x̄_k` (p per cell): the mean an event's covariates are compared with.
    var eventMean: [Double]
}

extension CoxRiskSets {
    /// The linear predictor `x_iᵀβ` (centred) per position.
    func linearPredictor(_ beta: [Double]) -> [Double] {
        let n = rowCount, p = covariateCount
        var eta = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { px in
            eta.withUnsafeMutableBufferPointer { pe in
                for i in 0..<n {
                    var s = 0.0
                    let row = px.baseAddress! + i * p
                    for j in 0..<p { s += row[j] * beta[j] }
                    pe[i] = s
                }
            }
        }
        return eta
    }

    /// Evaluates `ℓ(β)`, `U(β)`, `I(β)`; with `hazardTerms`, also the per-cell increments.
    ///
    /// Cells are taken in blocks, latest first within each stratum. For a block, the sums over
    /// each cell's exits (events `D`, others `E`) and entries `N` are formed in parallel (two
    /// workers, split by row count); then one sequential pass carries the risk-set sums
    /// `S += D + E`, applies the tie formula where the cell has events, and removes `N` (rows that
    /// are not at risk before their entry cell).
    /// Complexity: O(n p²) work, about half of it on each of two cores; O(K p²) memory for blocks
    /// of K cells.
    /// - Parameters:
    ///   - blockCells: cells per block (default: as many as fit in 2²¹ doubles).
    ///   - parallelRows: blocks with at least this many rows are filled by two workers.
    func evaluate(_ beta: [Double], ties: CoxModel.Ties, hazardTerms: Bool = false,
                  blockCells: Int? = nil, parallelRows: Int = 50_000) -> (CoxEvaluation, CoxHazardTerms?) {
        let p = covariateCount
        let eta = linearPredictor(beta)
        let risk = eta.map { exp($0) }
        var loglik = 0.0
        var u = [Double](repeating: 0, count: p)
        var imat = [Double](repeating: 0, count: p * p)
        let cells = bucketCount
        var terms: CoxHazardTerms? = hazardTerms
            ? CoxHazardTerms(hazard: .init(repeating: 0, count: cells), weightedMean: .init(repeating: 0, count: cells * p),
                             tiedHazard: .init(repeating: 0, count: cells), tiedWeightedMean: .init(repeating: 0, count: cells * p),
                             eventMean: .init(repeating: 0, count: cells * p))
            : nil
        // Per cell of a block: [D0, D1 (p), D2 (p²)], the same for E and N, then Σ η and Σ x over events.
        let width = 1 + p + p * p
        let stride = 3 * width + 1 + p
        let blockSize = Swift.max(1, Swift.min(cells, blockCells ?? (1 << 21) / stride))
        var block = [Double](repeating: 0, count: blockSize * stride)
        var s = [Double](repeating: 0, count: width)

        x.withUnsafeBufferPointer { px in
        risk.withUnsafeBufferPointer { pr in
        eta.withUnsafeBufferPointer { pe in
        entryPositions.withUnsafeBufferPointer { pEntry in
        block.withUnsafeMutableBufferPointer { pb in
        s.withUnsafeMutableBufferPointer { ps in
            let xb = px.baseAddress!, blockBase = pb.baseAddress!
            @inline(__always) func add(_ pos: Int, _ target: UnsafeMutablePointer<Double>) {
                let r = pr[pos]
                let row = xb + pos * p
                target[0] += r
                let t1 = target + 1, t2 = target + 1 + p
                for a in 0..<p {
                    let ra = r * row[a]
                    t1[a] += ra
                    let base = t2 + a * p
                    for b in a..<p { base[b] += ra * row[b] }
                }
            }
            /// Fills the block slots of cells `lo..<hi` (slot `top − b` for cell `b`).
            func fill(_ lo: Int, _ hi: Int, top: Int) {
                for b in lo..<hi {
                    let slot = blockBase + (top - b) * stride
                    for j in 0..<stride { slot[j] = 0 }
                    let first = bucketStart[b], d = bucketEvents[b], end = bucketStart[b + 1]
                    let tail = slot + 3 * width
                    for pos in first..<(first + d) {
                        add(pos, slot)
                        tail[0] += pe[pos]
                        let row = xb + pos * p
                        for a in 0..<p { tail[1 + a] += row[a] }
                    }
                    for pos in (first + d)..<end { add(pos, slot + width) }
                    if hasDelayedEntry {
                        for e in entryStart[b]..<entryStart[b + 1] { add(Int(pEntry[e]), slot + 2 * width) }
                    }
                }
            }
            for stratum in 0..<(stratumStart.count - 1) {
                for j in 0..<width { ps[j] = 0 }
                var top = stratumStart[stratum + 1] - 1
                while top >= stratumStart[stratum] {
                    let bottom = Swift.max(stratumStart[stratum], top - blockSize + 1)
                    // Parallel fill, split where half the block's rows are.
                    let rows = bucketStart[top + 1] - bucketStart[bottom]
                    if rows >= parallelRows {
                        let half = bucketStart[bottom] + rows / 2
                        var split = bottom
                        while split < top && bucketStart[split + 1] <= half { split += 1 }
                        DispatchWorkers.run(2) { w in
                            if w == 0 { fill(bottom, split, top: top) } else { fill(split, top + 1, top: top) }
                        }
                    } else {
                        fill(bottom, top + 1, top: top)
                    }
                    for b in Swift.stride(from: top, through: bottom, by: -1) {
                        let slot = blockBase + (top - b) * stride
                        let dSums = slot, eSums = slot + width, nSums = slot + 2 * width, tail = slot + 3 * width
                        for j in 0..<width { ps[j] += dSums[j] + eSums[j] }
                        let d = bucketEvents[b]
                        if d > 0 {
                            let s0 = ps[0], dd0 = dSums[0]
                            let s1 = ps.baseAddress! + 1, s2 = ps.baseAddress! + 1 + p
                            let d1 = dSums + 1, d2 = dSums + 1 + p
                            // Sums over the d tied events (closed form of Efron's per-k terms).
                            var a0 = 0.0, a1 = 0.0, b0 = 0.0, b1 = 0.0, b2 = 0.0, logs = 0.0
                            let dDouble = Double(d)
                            if ties == .breslow || d == 1 {
                                a0 = dDouble / s0; b0 = dDouble / (s0 * s0); logs = dDouble * log(s0)
                            } else {
                                for k in 0..<d {
                                    let c = Double(k) / dDouble
                                    let inv = 1 / (s0 - c * dd0)
                                    a0 += inv; a1 += c * inv
                                    b0 += inv * inv; b1 += c * inv * inv; b2 += c * c * inv * inv
                                    logs -= log(inv)
                                }
                            }
                            loglik += tail[0] - logs
                            for a in 0..<p {
                                u[a] += tail[1 + a] - (s1[a] * a0 - d1[a] * a1)
                                for c in a..<p {
                                    imat[a + c * p] += s2[a * p + c] * a0 - d2[a * p + c] * a1
                                        - (s1[a] * s1[c] * b0 - (s1[a] * d1[c] + d1[a] * s1[c]) * b1 + d1[a] * d1[c] * b2)
                                }
                            }
                            if terms != nil {
                                terms!.hazard[b] = a0
                                terms!.tiedHazard[b] = a0 - a1
                                for a in 0..<p {
                                    terms!.weightedMean[b * p + a] = s1[a] * b0 - d1[a] * b1
                                    terms!.tiedWeightedMean[b * p + a] = s1[a] * (b0 - b1) - d1[a] * (b1 - b2)
                                    terms!.eventMean[b * p + a] = (s1[a] * a0 - d1[a] * a1) / dDouble
                                }
                            }
                        }
                        // Rows entering at this cell are not at risk at earlier cells.
                        if hasDelayedEntry { for j in 0..<width { ps[j] -= nSums[j] } }
                    }
                    top = bottom - 1
                }
            }
        }}}}}}
        for c in 0..<p { for a in 0..<c { imat[c + a * p] = imat[a + c * p] } }
        return (CoxEvaluation(logLikelihood: loglik, score: u, information: imat), terms)
    }

    /// Score residuals `L_i` (n × p, row-major, original row order) at `β`: each row's share of `U(β)`.
    ///
    /// Formula: `L_i = δ_i (x_i − x̄*_{t_i}) − r_i Σ_{t at risk} w_i(t) (x_i − x̄_k(t)) / den_k(t)`,
    /// with `w = 1` for rows at risk and `w = 1 − c_k` for the tied events (Efron), written with
    /// cumulative sums over time so each row costs O(p).
    /// Complexity: O(n p²) for the evaluation plus O(n p).
    func scoreResiduals(_ beta: [Double], ties: CoxModel.Ties) -> [Double] {
        let p = covariateCount, n = rowCount
        let (_, maybeTerms) = evaluate(beta, ties: ties, hazardTerms: true)
        let terms = maybeTerms!
        let eta = linearPredictor(beta)
        // Cumulative hazard and weighted mean per cell, within each stratum (value before the cell's own increment).
        let cells = bucketCount
        var cumH = [Double](repeating: 0, count: cells + 1)
        var cumA = [Double](repeating: 0, count: (cells + 1) * p)
        for s in 0..<(stratumStart.count - 1) {
            var h = 0.0
            var a = [Double](repeating: 0, count: p)
            for b in stratumStart[s]..<stratumStart[s + 1] {
                cumH[b] = h
                for j in 0..<p { cumA[b * p + j] = a[j] }
                h += terms.hazard[b]
                for j in 0..<p { a[j] += terms.weightedMean[b * p + j] }
            }
        }
        var residuals = [Double](repeating: 0, count: n * p)
        for pos in 0..<n {
            let xe = Int(exitBucket[pos]), xs = Int(entryBucket[pos])
            let r = exp(eta[pos])
            let tiedH = event[pos] ? terms.tiedHazard[xe] : terms.hazard[xe]
            let h = cumH[xe] - cumH[xs] + tiedH
            let row = originalRow[pos]
            for j in 0..<p {
                let aw = event[pos] ? terms.tiedWeightedMean[xe * p + j] : terms.weightedMean[xe * p + j]
                let a = cumA[xe * p + j] - cumA[xs * p + j] + aw
                var l = -r * (x[pos * p + j] * h - a)
                if event[pos] { l += x[pos * p + j] - terms.eventMean[xe * p + j] }
                residuals[row * p + j] = l
            }
        }
        return residuals
    }
}

/// Runs `body(0) … body(workers − 1)` concurrently and waits for all of them.
///
/// Precondition: the calls touch disjoint memory (here: disjoint slots of the block buffer) and
/// only read anything shared; that is why handing `body` across threads is sound although the
/// compiler cannot check it (the pointers it captures are not `Sendable`).
enum DispatchWorkers {
    private struct UncheckedBody: @unchecked Sendable { let call: (Int) -> Void }

    static func run(_ workers: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedBody(call: escapable)
            DispatchQueue.concurrentPerform(iterations: workers) { box.call($0) }
        }
    }
}
