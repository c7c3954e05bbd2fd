// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Replays without assignments: the arm of every participant as an index, for randomization
/// inference, which replays the design hundreds of times and needs only the arms.
extension StratifiedRandomizer {
    /// Participants grouped by stratum once, for many replays.
    public struct ReplayLayout: Sendable {
        /// The strata in order of first appearance.
        let strata: [Stratum]
        /// Per stratum, the positions of its participants in the given order.
        let members: [[Int]]
        /// Number of participants.
        public let count: Int

        /// Groups participants given in enrolment order by their stratum.
        public init(strata participants: [Stratum]) {
            var index = [Stratum: Int](), strata = [Stratum](), members = [[Int]]()
            for (i, s) in participants.enumerated() {
                if let k = index[s] {
                    members[k].append(i)
                } else {
                    index[s] = strata.count
                    strata.append(s)
                    members.append([i])
                }
            }
            self.strata = strata
            self.members = members
            self.count = participants.count
        }
    }

    /// The arm (index into `arms`) of every participant of `layout`, in its order: exactly the
    /// arms of `assign(participants, existing: [])` — the same generator substreams, block sizes
    /// and shuffles, with arm indices in place of names (a shuffle's draws depend only on the
    /// count). Complexity: O(n), no hashing of ids, one block buffer reused.
    public func armIndices(_ layout: ReplayLayout) -> [Int] {
        var out = [Int](repeating: 0, count: layout.count)
        let ratioSum = arms.reduce(0) { $0 + $1.ratio }
        var block = [Int]()
        for (stratum, ids) in zip(layout.strata, layout.members) {
            switch design {
            case let .permutedBlocks(sizes):
                var g = SeededGenerator.substream(seed: seed, name: stratum.label)
                var filled = 0
                while filled < ids.count {
                    nextBlock(&g, sizes: sizes, ratioSum: ratioSum, into: &block)
                    for a in block where filled < ids.count {
                        out[ids[filled]] = a
                        filled += 1
                    }
                }
            case .complete:
                for (k, a) in completeBatchArms(stratum: stratum, batch: 1, count: ids.count).enumerated() { out[ids[k]] = a }
            }
        }
        return out
    }
}
