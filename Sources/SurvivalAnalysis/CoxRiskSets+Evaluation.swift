// SPDX-License-Identifier: GPL-3.0-or-later
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
    /// Complexity: O(n p²).
    func evaluate(_ beta: [Double], ties: CoxModel.Ties, hazardTerms: Bool = false) -> (CoxEvaluation, CoxHazardTerms?) {
        let p = covariateCount
        let eta = linearPredictor(beta)
        let risk = eta.map { exp($0) }
        var loglik = 0.0
        var u = [Double](repeating: 0, count: p)
        var imat = [Double](repeating: 0, count: p * p)
        var s1 = [Double](repeating: 0, count: p), s2 = [Double](repeating: 0, count: p * p)
        var d1 = s1, d2 = s2
        let cells = bucketCount
        var terms: CoxHazardTerms? = hazardTerms
            ? CoxHazardTerms(hazard: .init(repeating: 0, count: cells), weightedMean: .init(repeating: 0, count: cells * p),
                             tiedHazard: .init(repeating: 0, count: cells), tiedWeightedMean: .init(repeating: 0, count: cells * p),
                             eventMean: .init(repeating: 0, count: cells * p))
            : nil

        x.withUnsafeBufferPointer { px in
        risk.withUnsafeBufferPointer { pr in
        s1.withUnsafeMutableBufferPointer { ps1 in
        s2.withUnsafeMutableBufferPointer { ps2 in
        d1.withUnsafeMutableBufferPointer { pd1 in
        d2.withUnsafeMutableBufferPointer { pd2 in
            let xb = px.baseAddress!
            @inline(__always) func add(_ pos: Int, _ sign: Double, _ t1: UnsafeMutablePointer<Double>, _ t2: UnsafeMutablePointer<Double>) -> Double {
                let r = sign * pr[pos]
                let row = xb + pos * p
                for a in 0..<p {
                    let ra = r * row[a]
                    t1[a] += ra
                    let base = t2 + a * p
                    for b in a..<p { base[b] += ra * row[b] }
                }
                return r
            }
            for s in 0..<(stratumStart.count - 1) {
                var s0 = 0.0
                for j in 0..<p { ps1[j] = 0 }
                for j in 0..<(p * p) { ps2[j] = 0 }
                for b in stride(from: stratumStart[s + 1] - 1, through: stratumStart[s], by: -1) {
                    // Rows entering at the next time leave the risk set (going backwards).
                    if hasDelayedEntry && b + 1 < stratumStart[s + 1] {
                        for e in entryStart[b + 1]..<entryStart[b + 2] {
                            s0 += add(Int(entryPositions[e]), -1, ps1.baseAddress!, ps2.baseAddress!)
                        }
                    }
                    let first = bucketStart[b], d = bucketEvents[b], end = bucketStart[b + 1]
                    var dd0 = 0.0
                    if d > 0 {
                        for j in 0..<p { pd1[j] = 0 }
                        for j in 0..<(p * p) { pd2[j] = 0 }
                        for pos in first..<(first + d) {
                            dd0 += add(pos, 1, pd1.baseAddress!, pd2.baseAddress!)
                            loglik += eta[pos]
                            let row = xb + pos * p
                            for a in 0..<p { u[a] += row[a] }
                        }
                        s0 += dd0
                        for j in 0..<p { ps1[j] += pd1[j] }
                        for j in 0..<(p * p) { ps2[j] += pd2[j] }
                    }
                    for pos in (first + d)..<end { s0 += add(pos, 1, ps1.baseAddress!, ps2.baseAddress!) }
                    guard d > 0 else { continue }

                    // Sums over the d tied events (closed form of Efron's per-k terms).
                    var a0 = 0.0, a1 = 0.0, b0 = 0.0, b1 = 0.0, b2 = 0.0, logs = 0.0
                    let dDouble = Double(d)
                    if ties == .breslow || d == 1 {
                        a0 = dDouble / s0; b0 = dDouble / (s0 * s0); logs = dDouble * log(s0)
                    } else {
                        for k in 0..<d {
                            let c = Double(k) / dDouble
                            let den = s0 - c * dd0
                            let inv = 1 / den
                            a0 += inv; a1 += c * inv
                            b0 += inv * inv; b1 += c * inv * inv; b2 += c * c * inv * inv
                            logs += log(den)
                        }
                    }
                    loglik -= logs
                    for a in 0..<p {
                        u[a] -= ps1[a] * a0 - pd1[a] * a1
                        for c in a..<p {
                            let v = ps2[a * p + c] * a0 - pd2[a * p + c] * a1
                                - (ps1[a] * ps1[c] * b0 - (ps1[a] * pd1[c] + pd1[a] * ps1[c]) * b1 + pd1[a] * pd1[c] * b2)
                            imat[a + c * p] += v
                        }
                    }
                    if terms != nil {
                        terms!.hazard[b] = a0
                        terms!.tiedHazard[b] = a0 - a1
                        for a in 0..<p {
                            terms!.weightedMean[b * p + a] = ps1[a] * b0 - pd1[a] * b1
                            terms!.tiedWeightedMean[b * p + a] = ps1[a] * (b0 - b1) - pd1[a] * (b1 - b2)
                            terms!.eventMean[b * p + a] = (ps1[a] * a0 - pd1[a] * a1) / dDouble
                        }
                    }
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
