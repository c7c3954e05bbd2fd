// SPDX-License-Identifier: GPL-3.0-or-later
import LinearAlgebra

extension StratifiedLinEffectReplay {
    /// Per-stratum sums of the row terms `r = [1, xᶜ, (xᶜⱼxᶜₗ)ⱼ≤ₗ, y, (xᶜⱼyₜ)ⱼ,ₜ]` over subsets of
    /// the rows (the treated arms of a batch of replays): the sufficient statistics of an arm's
    /// normal equations, for `B` replays at once.
    ///
    /// Formula: with `Dₛ` the `nₛ × B` matrix of 0/1 indicators (row i of stratum s in replay b's
    /// subset) and `Rₛ` the `nₛ × m` row terms of stratum s, the sums of all B replays are the
    /// `B × m` product `ΣₛDₛᵀRₛ` — one GEMM per chunk of at most `chunkRows` rows of one stratum,
    /// chunks added in a fixed order (so a replay's sums do not depend on the core count; the
    /// rows are read once per batch instead of once per replay).
    /// Preconditions: `stratum[i] < strata`; one covariate and outcome value per row; every
    /// selection covers the cell's units (indexed by `units`).
    /// Complexity: n (c + T) doubles kept; per `totals(selecting:)` of B selections 2 n B m flops
    /// (dgemm), `m = 1 + c + c(c+1)/2 + T + cT`, + O(n m + n B + B S m) for `S` strata.
    struct StratumSums: Sendable {
        /// Rows of one stratum (at most `chunkRows`): positions in the cell's units, and their values.
        private struct Chunk: Sendable {
            let stratum: Int
            let units: [Int]
            /// `units.count × (c + T)`: the centred covariates, then the outcomes.
            let values: Matrix
        }

        /// The most rows one product reads (bounds the indicator matrix to `chunkRows × B`).
        static let chunkRows = 4_096
        private let chunks: [Chunk]
        let strata: Int
        let width: Int
        private let covariates: Int
        private let outcomes: Int

        /// - Parameters: `units[i]` the position of row i in the cell's units; `x`, `y` one value per row.
        init(stratum: [Int32], units: [Int], strata: Int, covariates x: [[Double]], outcomes y: [[Double]]) {
            let c = x.count, t = y.count
            var members = [[Int]](repeating: [], count: strata)
            for (i, s) in stratum.enumerated() { members[Int(s)].append(i) }
            var chunks = [Chunk]()
            for (s, rows) in members.enumerated() {
                for start in stride(from: 0, to: rows.count, by: Self.chunkRows) {
                    let part = Array(rows[start..<min(rows.count, start + Self.chunkRows)])
                    chunks.append(Chunk(stratum: s, units: part.map { units[$0] },
                                        values: Matrix(columns: (x + y).map { column in part.map { column[$0] } })))
                }
            }
            self.chunks = chunks
            self.strata = strata
            width = 1 + c + c * (c + 1) / 2 + t + c * t
            covariates = c
            outcomes = t
        }

        /// The row terms `r` of a chunk (`rows × m`), formed when a batch reads them rather than
        /// kept (n m doubles would be 6–7 times the values at c = 7, T = 6). Complexity: O(rows · m).
        private func terms(_ chunk: Chunk) -> Matrix {
            let c = covariates, t = outcomes, n = chunk.units.count, v = chunk.values
            var terms = Matrix(rows: n, columns: width)
            var k = 0
            func put(_ column: (Int) -> Double) {
                for r in 0..<n { terms[r, k] = column(r) }
                k += 1
            }
            put { _ in 1 }
            for j in 0..<c { put { v[$0, j] } }
            for j in 0..<c { for l in j..<c { put { v[$0, j] * v[$0, l] } } }
            for o in 0..<t { put { v[$0, c + o] } }
            for j in 0..<c { for o in 0..<t { put { v[$0, j] * v[$0, c + o] } } }
            return terms
        }

        /// The sums over the rows each selection marks (indexed by the cell's units), per stratum
        /// and in total (summed over strata in stratum order), one `Totals` per selection.
        func totals(selecting selections: [[Bool]]) -> [Totals] {
            let b = selections.count, m = width
            var perStratum = [[Double]](repeating: [Double](repeating: 0, count: strata * m), count: b)
            guard b > 0 else { return [] }
            for chunk in chunks {
                var d = Matrix(rows: chunk.units.count, columns: b)
                d.elements.withUnsafeMutableBufferPointer { e in
                    for (p, selected) in selections.enumerated() {
                        let column = p * chunk.units.count
                        for (r, u) in chunk.units.enumerated() where selected[u] { e[column + r] = 1 }
                    }
                }
                let sums: Matrix
                do { sums = try Matrix.product(d, .transposed, terms(chunk), .none) } catch {
                    preconditionFailure("\(error)")   // both have `chunk.units.count` rows by construction
                }
                let offset = chunk.stratum * m
                for p in 0..<b {
                    perStratum[p].withUnsafeMutableBufferPointer { acc in
                        for k in 0..<m { acc[offset + k] += sums[p, k] }
                    }
                }
            }
            return perStratum.map { s in
                var total = [Double](repeating: 0, count: m)
                for stratum in 0..<strata { for k in 0..<m { total[k] += s[stratum * m + k] } }
                return Totals(total: total, perStratum: s, width: m, covariates: covariates, outcomes: outcomes)
            }
        }

        /// Sums of the row terms over a subset: in total and per stratum, with the term positions.
        struct Totals {
            let total: [Double]
            let perStratum: [Double]
            let width: Int
            let covariates: Int
            let outcomes: Int

            /// The sum at position `k` (indexed like `total`) of stratum `s`.
            func inStratum(_ s: Int, _ k: Int) -> Double { perStratum[s * width + k] }
            /// Position of the row count.
            var count: Int { 0 }
            /// Position of `Σ xᶜⱼ`.
            func covariate(_ j: Int) -> Int { 1 + j }
            /// Position of `Σ xᶜⱼ xᶜₗ`, `j ≤ l`.
            func product(_ j: Int, _ l: Int) -> Int {
                let c = covariates
                return 1 + c + j * c - j * (j - 1) / 2 + (l - j)
            }
            /// Position of `Σ yₜ`.
            func outcome(_ o: Int) -> Int { 1 + covariates + covariates * (covariates + 1) / 2 + o }
            /// Position of `Σ xᶜⱼ yₜ`.
            func covariateOutcome(_ j: Int, _ o: Int) -> Int { outcome(outcomes) + j * outcomes + o }
        }
    }
}
