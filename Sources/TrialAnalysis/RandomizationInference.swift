// SPDX-License-Identifier: GPL-3.0-or-later
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
    public let permutations: Int
    /// Per estimand, the number of permutation statistics at least as extreme as the observed one.
    public let atLeastAsExtreme: [Int]

    /// Two-sided p-values as ri2 computes them, one per estimand.
    public var pValues: [Double] { atLeastAsExtreme.map { Double($0) / Double(permutations) } }
    /// The always-valid `(1 + count) / (N + 1)` versions.
    public var plusOnePValues: [Double] { atLeastAsExtreme.map { Double($0 + 1) / Double(permutations + 1) } }

    /// Runs `permutations` replays of `design` and evaluates every estimand on each.
    ///
    /// - Parameters:
    ///   - statistic: the estimators applied to a treatment indicator (true = `treatedArm`) in
    ///     the order of `participants`; returns one value per estimand, in the order of `observed`
    ///     (NaN when an estimand cannot be computed on a replay; such replays do not count as extreme).
    ///   - progress: called after each permutation with the number done (for a progress bar).
    public init(observed: [Double], participants: [(id: ParticipantID, stratum: Stratum)],
                arms: [Arm], design: AllocationDesign, treatedArm: String, permutations: Int, seed: UInt64,
                statistic: ([Bool]) -> [Double], progress: ((Int) -> Void)? = nil) throws(RandomizationError) {
        var state = seed
        var extreme = [Int](repeating: 0, count: observed.count)
        let tolerance = observed.map { 1e-12 * max(1, abs($0)) }
        for k in 0..<permutations {
            let s = SeededGenerator.splitMix64(&state)
            let randomizer = try StratifiedRandomizer(arms: arms, design: design, seed: s)
            let drawn = randomizer.assign(participants, existing: [])
            let arm = Dictionary(drawn.map { ($0.participant, $0.arm) }, uniquingKeysWith: { a, _ in a })
            let indicator = participants.map { arm[$0.id] == treatedArm }
            let values = statistic(indicator)
            for j in observed.indices where j < values.count && abs(values[j]) >= abs(observed[j]) - tolerance[j] {
                extreme[j] += 1
            }
            progress?(k + 1)
        }
        self.observed = observed
        self.permutations = permutations
        self.atLeastAsExtreme = extreme
    }
}
