// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import LinearAlgebra
import Randomization
import TrialModel

extension RandomizationInference {
    /// The largest number of possible assignments that is enumerated rather than sampled.
    public static let enumerationLimit = 10_000

    /// Randomization inference for an allocation drawn outside Effekt, replaying the design
    /// trial.toml assumes (`ImportedAssignmentSpace`).
    ///
    /// When the design has at most `enumerationLimit` possible assignments, every one is
    /// evaluated: `p = Σ P(w) · 1{|T(w)| ≥ |T_obs|}` (exact; `permutations` is then the number of
    /// assignments). Otherwise `permutations` draws, draw k with `SeededGenerator(seed: sₖ)`, sₖ the
    /// k-th SplitMix64 output from `seed`, and `p = #{k : |Tₖ| ≥ |T_obs|} / N` (Monte Carlo
    /// standard error `√(p(1−p)/N)`).
    /// Precondition: `space` lists the units in the order `statistic` expects its indicator.
    /// Complexity: min(count, N) × (cost of the statistic + O(n)).
    ///
    /// Drawn replays go to worker `k % workers` and reach `statistics` (when given; else
    /// `statistic` one by one) `batch` at a time, as in `init(…batch:statistics:…)`; the draws and
    /// p-values do not depend on `batch`.
    public init(observed: [Double], space: ImportedAssignmentSpace, treatedArm: String, permutations: Int, seed: UInt64,
                workers: Int = 2, statistic: @escaping @Sendable ([Bool]) -> [Double], batch: Int = 1,
                statistics: (@Sendable ([[Bool]]) -> [[Double]])? = nil, progress: ((Int) -> Void)? = nil) {
        let treated = space.arms.firstIndex(of: treatedArm) ?? -1
        let tolerance = observed.map { 1e-12 * max(1, abs($0)) }
        @Sendable func extreme(_ values: [Double], _ j: Int) -> Bool {
            j < values.count && abs(values[j]) >= abs(observed[j]) - tolerance[j]
        }
        self.observed = observed
        if space.count(atMost: Self.enumerationLimit) != nil {
            var probability = [Double](repeating: 0, count: observed.count)
            var counts = [Int](repeating: 0, count: observed.count)
            var total = 0
            withBLASThreadCount(1) {
                space.enumerate { assignment, weight in
                    let values = statistic(assignment.map { $0 == treated })
                    for j in observed.indices where extreme(values, j) {
                        probability[j] += weight
                        counts[j] += 1
                    }
                    total += 1
                    progress?(total)
                }
            }
            self.permutations = total
            self.atLeastAsExtreme = counts
            self.enumerated = true
            self.pValues = probability.map { min(1, $0) }
            return
        }
        var state = seed
        let seeds = (0..<permutations).map { _ in SeededGenerator.splitMix64(&state) }
        let workerCount = max(1, min(workers, permutations))
        let batch = max(1, batch)
        let evaluate = statistics ?? { $0.map(statistic) }
        let counts = WorkerCounts(workers: workerCount, estimands: observed.count)
        let report = progress.map { ProgressRelay($0) }
        withBLASThreadCount(1) {
            DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                var local = [Int](repeating: 0, count: observed.count)
                var done = 0
                let mine = Array(stride(from: w, to: permutations, by: workerCount))
                for start in stride(from: 0, to: mine.count, by: batch) {
                    let indicators = mine[start..<min(mine.count, start + batch)].map { k in
                        var generator = SeededGenerator(seed: seeds[k])
                        return space.draw(&generator).map { $0 == treated }
                    }
                    for values in evaluate(indicators) {
                        for j in observed.indices where extreme(values, j) { local[j] += 1 }
                    }
                    done += indicators.count
                    if w == 0 { report?.send(min(permutations, done * workerCount)) }
                }
                counts.store(worker: w, local)
            }
        }
        self.permutations = permutations
        self.atLeastAsExtreme = counts.total()
        self.enumerated = false
        self.pValues = atLeastAsExtreme.map { Double($0) / Double(max(permutations, 1)) }
    }
}
