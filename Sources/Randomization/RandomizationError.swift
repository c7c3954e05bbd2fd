// SPDX-License-Identifier: GPL-3.0-or-later

/// Everything that can go wrong in the Randomization layer. Each case reads as a sentence with
/// the offending value and what to do about it.
public enum RandomizationError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewArms([String])
    case noBlockSizes
    case blockSizeNotMultipleOfRatio(size: Int, ratioSum: Int)

    public var description: String {
        switch self {
        case let .tooFewArms(names):
            return "A trial needs at least two arms; trial.toml lists \(names.count) (\(names.joined(separator: ", ")))."
        case .noBlockSizes:
            return "The permuted-block design needs at least one block size in randomization.block_sizes."
        case let .blockSizeNotMultipleOfRatio(size, ratioSum):
            return "Block size \(size) is not a positive multiple of the allocation ratios' sum \(ratioSum); use sizes such as \(ratioSum), \(2 * ratioSum), \(3 * ratioSum)."
        }
    }
}
