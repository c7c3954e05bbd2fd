// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
import LinearAlgebra
import Randomization
import TrialModel

/// Randomization inference: the p-value of a statistic under the sharp null of no effect for
/// anyone, found by replaying the trial's own logged design with fresh seeds.
///
/// Each permutation k re-runs `StratifiedRandomizer` (same arms, design, strata, enrolment
/// order) with seed `sₖ`, the k-th output of SplitMix64 started at the inference seed, and
/// recomputes the statistic with the re-drawn treatment indicator. The two-sided p-value is
/// `#{k : |Tₖ| ≥ |T_obs|} / N`, the definition of ri2's `conduct_ri` (Coppock 2020);
/// `plusOnePValue` gives the always-valid `(1 + #{…}) / (N + 1)` as well.
///
/// Precondition: `participants` in enrolment order, each with the stratum it was randomized in.
/// Complexity: N × (cost of the statistic + O(n) for the replay).
/// Reference: A. Coppock, ri2: Randomization Inference for Randomized Experiments (R package);
/// Gerber & Green, *Field Experiments* (2012), ch. 3.
public struct RandomizationInference: Sendable {
    /// The observed statistics (one per estimand).
    public let observed: [Double]
    /// The replays drawn, or (when `enumerated`) the number of possible assignments.
    public let permutations: Int
    /// Per estimand, the number of permutation statistics at least as extreme as the observed one.
    public let atLeastAsExtreme: [Int]
    /// True when every possible assignment was evaluated (an exact p-value, no Monte Carlo error).
    public let enumerated: Bool
    /// Two-sided p-values as ri2 computes them, one per estimand: the share of replays at least
    /// as extreme, or, enumerated, the probability of an assignment at least as extreme.
    public let pValues: [Double]
    /// The always-valid `(1 + count) / (N + 1)` versions (the p-values themselves when enumerated).
    public var plusOnePValues: [Double] {
        enumerated ? pValues : atLeastAsExtreme.map { Double($0 + 1) / Double(permutations + 1) }
    }

    /// Replays drawn and evaluated together by each worker (`statistics` receives at most this many).
    public static let replayBatch = 64

    /// Runs `permutations` replays of `design` and evaluates every estimand on each.
    ///
    /// - Parameters:
    ///   - statistic: the estimators applied to a treatment indicator (true = `treatedArm`) in
    ///     the order of `participants`; returns one value per estimand, in the order of `observed`
    ///     (NaN when an estimand cannot be computed on a replay; such replays do not count as extreme).
    ///   - progress: called after each permutation with the number done (for a progress bar).
    public init(observed: [Double], participants: [(id: ParticipantID, stratum: Stratum)],
                arms: [Arm], design: AllocationDesign, treatedArm: String, permutations: Int, seed: UInt64,
                workers: Int = 2, statistic: @escaping @Sendable ([Bool]) -> [Double],
                progress: ((Int) -> Void)? = nil) throws(RandomizationError) {
        try self.init(observed: observed, participants: participants, arms: arms, design: design, treatedArm: treatedArm,
                      permutations: permutations, seed: seed, workers: workers, batch: 1,
                      statistics: { $0.map(statistic) }, progress: progress)
    }

    /// As `init(…statistic:…)`, the statistic evaluated on batches of replays: worker `w` of
    /// `workers` takes permutations `k ≡ w (mod workers)` in order, `batch` of them at a time, and
    /// `statistics` returns one row of values per indicator it is given. The draws, and so the
    /// p-values, do not depend on `batch` or on scheduling.
    /// Complexity: N × O(n) for the replays + the statistic's cost per batch.
    public init(observed: [Double], participants: [(id: ParticipantID, stratum: Stratum)],
                arms: [Arm], design: AllocationDesign, treatedArm: String, permutations: Int, seed: UInt64,
                workers: Int = 2, batch: Int, statistics: @Sendable ([[Bool]]) -> [[Double]],
                progress: ((Int) -> Void)? = nil) throws(RandomizationError) {
        _ = try StratifiedRandomizer(arms: arms, design: design, seed: seed)   // validates arms and design
        var state = seed
        let seeds = (0..<permutations).map { _ in SeededGenerator.splitMix64(&state) }
        let tolerance = observed.map { 1e-12 * max(1, abs($0)) }
        let workerCount = max(1, min(workers, permutations))
        let batch = max(1, batch)
        let layout = StratifiedRandomizer.ReplayLayout(strata: participants.map(\.stratum))
        let treatedIndex = arms.firstIndex { $0.name == treatedArm }
        // Permutation k goes to worker k % workerCount; each worker counts on its own, so the
        // result does not depend on scheduling.
        let counts = WorkerCounts(workers: workerCount, estimands: observed.count)
        let report = progress.map { ProgressRelay($0) }
        withBLASThreadCount(1) {
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            var local = [Int](repeating: 0, count: observed.count)
            var done = 0
            let mine = Array(stride(from: w, to: permutations, by: workerCount))
            for start in stride(from: 0, to: mine.count, by: batch) {
                // Arms and design were validated above, so this cannot throw. `armIndices` gives
                // the arms `assign(participants, existing: [])` gives, in the participants' order.
                let indicators = mine[start..<min(mine.count, start + batch)].map { k in
                    try! StratifiedRandomizer(arms: arms, design: design, seed: seeds[k]).armIndices(layout).map { $0 == treatedIndex }
                }
                for values in statistics(indicators) {
                    for j in observed.indices where j < values.count && abs(values[j]) >= abs(observed[j]) - tolerance[j] {
                        local[j] += 1
                    }
                }
                done += indicators.count
                if w == 0 { report?.send(min(permutations, done * workerCount)) }
            }
            counts.store(worker: w, local)
        }
        }
        self.observed = observed
        self.permutations = permutations
        self.atLeastAsExtreme = counts.total()
        self.enumerated = false
        self.pValues = atLeastAsExtreme.map { Double($0) / Double(permutations) }
    }
}

/// Per-worker counts, each slot written by one worker only.
final class WorkerCounts: @unchecked Sendable {
    private var slots: [[Int]]
    private let lock = NSLock()
    init(workers: Int, estimands: Int) { slots = Array(repeating: Array(repeating: 0, count: estimands), count: workers) }
    func store(worker: Int, _ counts: [Int]) { lock.lock(); slots[worker] = counts; lock.unlock() }
    func total() -> [Int] { slots.reduce(into: Array(repeating: 0, count: slots.first?.count ?? 0)) { acc, s in for j in s.indices { acc[j] += s[j] } } }
}

/// Forwards progress from worker 0 only (the caller's closure need not be thread-safe).
final class ProgressRelay: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
    func send(_ n: Int) { body(n) }
}
