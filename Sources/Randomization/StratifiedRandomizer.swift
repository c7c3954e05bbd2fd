// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Effekt's seeded, replayable stratified randomizer (algorithm `effekt-blocks-1`).
///
/// Algorithm, per stratum `s` (label `L`):
/// 1. A generator `G = SeededGenerator.substream(seed: trialSeed, name: L)` (permuted blocks),
///    or `substream(seed:, name: L + "#batch" + b)` for batch `b` of the complete design.
/// 2. Permuted blocks: repeat — draw a size `k = blockSizes[G.uniform(below: blockSizes.count)]`;
///    fill a block with arm `a` repeated `k · ratio(a) / Σratio` times, arms in the trial's
///    order; shuffle it with `G.shuffle`. The stratum's i-th participant in enrolment order
///    takes the i-th slot of this endless sequence. The sequence does not depend on how many
///    participants there are, so assigning more later continues it without changing anyone.
/// 3. Complete design, for a batch of `n` participants: arm `a` gets `⌊n · ratio(a) / Σratio⌋`;
///    the `r` remaining places go to `r` distinct arms drawn without replacement with
///    probability proportional to ratio (by successive `G.uniform` draws over the remaining
///    weight); the multiset is shuffled with `G.shuffle`.
///
/// Preconditions: arms non-empty with positive ratios; every block size a positive multiple
/// of `Σratio`.
/// Complexity: O(n) per stratum.
public struct StratifiedRandomizer: Sendable {
    /// The version recorded with every assignment; bump it if the algorithm ever changes.
    public static let algorithmVersion = "effekt-blocks-1"

    public let arms: [Arm]
    public let design: AllocationDesign
    public let seed: UInt64

    public init(arms: [Arm], design: AllocationDesign, seed: UInt64) throws(RandomizationError) {
        guard arms.count >= 2 else { throw .tooFewArms(arms.map(\.name)) }
        let total = arms.reduce(0) { $0 + $1.ratio }
        if case let .permutedBlocks(sizes) = design {
            guard !sizes.isEmpty else { throw .noBlockSizes }
            for k in sizes where k <= 0 || k % total != 0 { throw .blockSizeNotMultipleOfRatio(size: k, ratioSum: total) }
        }
        self.arms = arms
        self.design = design
        self.seed = seed
    }

    private var ratioSum: Int { arms.reduce(0) { $0 + $1.ratio } }

    /// The first `count` slots `(block, position, arm)` of a stratum's permuted-block sequence.
    public func blockSlots(stratum: Stratum, count: Int) -> [(block: Int, position: Int, arm: String)] {
        guard case let .permutedBlocks(sizes) = design else { return [] }
        var g = SeededGenerator.substream(seed: seed, name: stratum.label)
        var slots = [(block: Int, position: Int, arm: String)]()
        slots.reserveCapacity(count)
        var block = 0
        while slots.count < count {
            block += 1
            for (p, arm) in nextBlock(&g, sizes: sizes).enumerated() { slots.append((block, p + 1, arms[arm].name)) }
        }
        return Array(slots.prefix(count))
    }

    /// The next block of a permuted-block sequence, as arm indices: a size drawn from `sizes`,
    /// each arm `k · ratio / Σratio` times in the trial's order, shuffled (step 2 above).
    func nextBlock(_ g: inout SeededGenerator, sizes: [Int]) -> [Int] {
        var content = [Int]()
        nextBlock(&g, sizes: sizes, ratioSum: ratioSum, into: &content)
        return content
    }

    /// `nextBlock` written into `content` (replacing what it held), so that a replay drawing
    /// thousands of blocks reuses one buffer. `ratioSum` is `Σratio`.
    func nextBlock(_ g: inout SeededGenerator, sizes: [Int], ratioSum: Int, into content: inout [Int]) {
        let k = sizes[g.uniform(below: sizes.count)]
        content.removeAll(keepingCapacity: true)
        for (a, arm) in arms.enumerated() {
            for _ in 0..<(k * arm.ratio / ratioSum) { content.append(a) }
        }
        g.shuffle(&content)
    }

    /// Arms for a complete-design batch of `n` participants, in slot order.
    public func completeBatch(stratum: Stratum, batch: Int, count n: Int) -> [String] {
        completeBatchArms(stratum: stratum, batch: batch, count: n).map { arms[$0].name }
    }

    /// `completeBatch` as arm indices (step 3 above; a shuffle's draws depend only on the count).
    func completeBatchArms(stratum: Stratum, batch: Int, count n: Int) -> [Int] {
        var g = SeededGenerator.substream(seed: seed, name: stratum.label + "#batch\(batch)")
        var counts = arms.map { n * $0.ratio / ratioSum }
        var remaining = n - counts.reduce(0, +)
        var open = Array(arms.indices)
        while remaining > 0 {
            let weight = open.reduce(0) { $0 + arms[$1].ratio }
            var u = g.uniform(below: weight)
            var pick = 0
            for (k, i) in open.enumerated() {
                if u < arms[i].ratio { pick = k; break }
                u -= arms[i].ratio
            }
            counts[open[pick]] += 1
            open.remove(at: pick)
            remaining -= 1
        }
        var content = [Int]()
        for a in arms.indices { content += Array(repeating: a, count: counts[a]) }
        g.shuffle(&content)
        return content
    }

    /// Assigns the participants not yet assigned, leaving every existing assignment untouched.
    ///
    /// - Parameters:
    ///   - participants: every enrolled participant with their stratum, in enrolment order
    ///     (enrolment date, then roster order). Already assigned ones must be included so that
    ///     positions continue correctly.
    ///   - existing: the assignments made before (from the allocation log).
    /// - Returns: the new assignments, in enrolment order.
    public func assign(_ participants: [(id: ParticipantID, stratum: Stratum)],
                       existing: [Assignment]) -> [Assignment] {
        let done = Dictionary(existing.map { ($0.participant, $0) }, uniquingKeysWith: { a, _ in a })
        var byStratum = [Stratum: [ParticipantID]]()
        var order = [Stratum]()
        for p in participants {
            if byStratum[p.stratum] == nil { order.append(p.stratum) }
            byStratum[p.stratum, default: []].append(p.id)
        }
        var made = [ParticipantID: Assignment]()
        for s in order {
            let ids = byStratum[s]!
            let fresh = ids.filter { done[$0] == nil }
            if fresh.isEmpty { continue }
            switch design {
            case .permutedBlocks:
                // Participants already assigned keep their slots; the new ones take the next free
                // slots in sequence order, so replaying on the full roster gives the same result
                // whenever enrolments arrive in date order.
                let used = Set(ids.compactMap { done[$0] }.map { SlotKey(block: $0.block, position: $0.position) })
                let slots = blockSlots(stratum: s, count: ids.count + used.count)
                var free = slots.lazy.filter { !used.contains(SlotKey(block: $0.block, position: $0.position)) }.makeIterator()
                for id in fresh {
                    guard let slot = free.next() else { break }
                    made[id] = Assignment(participant: id, stratum: s, block: slot.block, position: slot.position, arm: slot.arm)
                }
            case .complete:
                let batch = (ids.compactMap { done[$0]?.block }.max() ?? 0) + 1
                let arms = completeBatch(stratum: s, batch: batch, count: fresh.count)
                for (k, id) in fresh.enumerated() {
                    made[id] = Assignment(participant: id, stratum: s, block: batch, position: k + 1, arm: arms[k])
                }
            }
        }
        return participants.compactMap { made[$0.id] }
    }
}

private struct SlotKey: Hashable {
    let block: Int
    let position: Int
}
