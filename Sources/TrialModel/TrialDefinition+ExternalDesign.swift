// SPDX-License-Identifier: GPL-3.0-or-later

extension TrialDefinition {
    /// The rules of `design = "external"`: `assumed` is required; `permuted_blocks` needs
    /// `block_sizes` (each a multiple of the ratio sum), the other two assumptions have no blocks.
    func validateAssumedDesign(file: String, ratioSum: Int) throws(TrialModelError) {
        func bad(_ key: String, _ value: String, _ rule: String) -> TrialModelError {
            .impossibleValue(file: file, key: key, value: value, rule: rule)
        }
        guard let assumed = assumedDesign else {
            throw bad("randomization.assumed", "(missing)", "an external design must declare the design assumed to have drawn it: "
                      + AssumedDesign.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        switch assumed {
        case .permutedBlocks:
            if blockSizes.isEmpty { throw bad("randomization.block_sizes", "[]", "an external allocation assumed to be permuted_blocks needs its block sizes") }
            for k in blockSizes where k % ratioSum != 0 {
                throw bad("randomization.block_sizes", "\(k)", "each block size must be a positive multiple of the ratio sum \(ratioSum)")
            }
        case .completeWithinStrata, .bernoulli:
            if !blockSizes.isEmpty {
                throw bad("randomization.block_sizes", "\(blockSizes)", "the assumed design \(assumed.rawValue) has no blocks; remove the key")
            }
        }
    }
}
