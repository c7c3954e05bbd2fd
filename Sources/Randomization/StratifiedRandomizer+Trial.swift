// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

extension StratifiedRandomizer {
    /// The randomizer trial.toml describes: its arms, design, block sizes and seed.
    /// - Throws: `.allocationIsExternal` for a trial whose allocation was drawn outside Effekt.
    public init(trial: TrialDefinition) throws(RandomizationError) {
        if trial.seedIsSecret { throw .seedIsSecret }
        try self.init(trial: trial, seed: trial.seed)
    }

    /// The randomizer of a served trial (`seed = "secret"`) with its secret or revealed seed.
    public init(trial: TrialDefinition, seed: UInt64) throws(RandomizationError) {
        let design: AllocationDesign
        switch trial.design {
        case .complete: design = .complete
        case .permutedBlocks: design = .permutedBlocks(blockSizes: trial.blockSizes)
        case .external: throw .allocationIsExternal(assumed: trial.assumedDesign?.rawValue ?? "")
        }
        try self.init(arms: trial.arms, design: design, seed: seed)
    }
}
