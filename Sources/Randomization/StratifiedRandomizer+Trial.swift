// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

extension StratifiedRandomizer {
    /// The randomizer trial.toml describes: its arms, design, block sizes and seed.
    public init(trial: TrialDefinition) throws(RandomizationError) {
        let design: AllocationDesign = trial.design == .complete ? .complete : .permutedBlocks(blockSizes: trial.blockSizes)
        try self.init(arms: trial.arms, design: design, seed: trial.seed)
    }
}
