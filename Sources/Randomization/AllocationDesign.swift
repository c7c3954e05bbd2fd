// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// How participants are allocated to arms within each stratum.
public enum AllocationDesign: Hashable, Sendable {
    /// Stratified permuted blocks: within a stratum, a sequence of blocks whose sizes are drawn
    /// uniformly from `blockSizes`; each block holds every arm in proportion to its ratio, in a
    /// random order. Participants take the slots in enrolment order, so late enrolments are
    /// assigned as they arrive. Equivalent design: randomizr `block_ra` with blocks of random size.
    case permutedBlocks(blockSizes: [Int])
    /// Complete randomization within strata: exact counts per arm (e.g. 30/30 of 60), as
    /// randomizr `block_ra(blocks, prob_each)` does; a later batch of enrolments in a stratum is
    /// randomized completely among itself.
    case complete
}

/// One assignment the randomizer makes: the participant's slot and arm.
public struct Assignment: Hashable, Sendable, Codable {
    public let participant: ParticipantID
    public let stratum: Stratum
    /// 1-based block (permuted blocks) or batch (complete design) number within the stratum.
    public let block: Int
    /// 1-based position within the block or batch.
    public let position: Int
    public let arm: String

    public init(participant: ParticipantID, stratum: Stratum, block: Int, position: Int, arm: String) {
        self.participant = participant
        self.stratum = stratum
        self.block = block
        self.position = position
        self.arm = arm
    }
}
