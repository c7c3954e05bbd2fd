// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Everything that can go wrong in the Randomization layer. Each case reads as a sentence with
/// the offending value and what to do about it.
public enum RandomizationError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewArms([String])
    case noBlockSizes
    case blockSizeNotMultipleOfRatio(size: Int, ratioSum: Int)
    /// Effekt was asked to draw or replay an allocation that trial.toml says was drawn elsewhere.
    case allocationIsExternal(assumed: String)
    /// An imported assignment for someone who is not enrolled.
    case importedNotEnrolled(SourceLocation, id: String)
    /// An imported stratum that is not the one the roster gives.
    case importedStratumDiffers(SourceLocation, id: String, inFile: String, enrolled: String)
    /// An import that would change an assignment already in the log.
    case importChangesAssignment(SourceLocation, id: String, recorded: String, inFile: String)
    /// A block of an import assumed to be permuted blocks that holds more people than the largest block size.
    case importedBlockTooLarge(file: String, stratum: String, block: Int, size: Int, largest: Int)
    /// An allocation imported into a trial whose trial.toml does not declare an external design.
    case importIntoEffektDesign(design: String)
    /// A served trial's seed is secret until revealed: nothing can draw or replay it before.
    case seedIsSecret
    /// `reveal` on a trial whose seed is in trial.toml.
    case seedIsPublic
    /// The served trial's secret file is missing or malformed.
    case secretFile(path: String, problem: String)
    /// Revealed seed and nonce do not give the commitment published at the trial's start.
    case commitmentDiffers(recorded: String, computed: String)

    public var description: String {
        switch self {
        case let .tooFewArms(names):
            return "A trial needs at least two arms; trial.toml lists \(names.count) (\(names.joined(separator: ", ")))."
        case .noBlockSizes:
            return "The permuted-block design needs at least one block size in randomization.block_sizes."
        case let .blockSizeNotMultipleOfRatio(size, ratioSum):
            return "Block size \(size) is not a positive multiple of the allocation ratios' sum \(ratioSum); use sizes such as \(ratioSum), \(2 * ratioSum), \(3 * ratioSum)."
        case let .allocationIsExternal(assumed):
            return "This trial's allocation is external (drawn outside Effekt, assumed \(assumed)): Effekt neither draws nor replays it. Import the allocation file instead."
        case let .importedNotEnrolled(loc, id):
            return "\(loc): participant '\(MessageValue.shortened(id))' is not enrolled in this trial. Enroll the roster first or correct the id; nothing was imported."
        case let .importedStratumDiffers(loc, id, inFile, enrolled):
            return "\(loc): participant '\(MessageValue.shortened(id))' has stratum '\(MessageValue.shortened(inFile))' but the roster puts them in '\(MessageValue.shortened(enrolled))'. Correct the file or the roster; nothing was imported."
        case let .importChangesAssignment(loc, id, recorded, inFile):
            return "\(loc): participant '\(MessageValue.shortened(id))' is already assigned \(recorded) in the allocation log, but this file says \(inFile). An assignment is never changed; nothing was imported."
        case let .importedBlockTooLarge(file, stratum, block, size, largest):
            return "\(file): block \(block) of stratum '\(MessageValue.shortened(stratum))' holds \(size) participants, more than the largest block size \(largest) in randomization.block_sizes. Correct the block column or the block sizes; nothing was imported."
        case let .importIntoEffektDesign(design):
            return "This trial's randomization.design is \"\(design)\": Effekt draws its allocation. Only a trial with design = \"external\" takes an imported allocation; nothing was imported."
        case let .secretFile(path, problem):
            return "The secret file \(path) is unusable: \(problem). It is written once by effekt-server when the trial starts; restore it from its backup."
        case let .commitmentDiffers(recorded, computed):
            return "The seed and nonce give the commitment \(computed), not the \(recorded) published at the trial's start: they are not the trial's secret."
        case .seedIsPublic:
            return "This trial's seed is public in trial.toml already (randomization.seed is a number): there is nothing to reveal."
        case .seedIsSecret:
            return "This trial's seed is \"secret\": the enrolment service draws each assignment on arrival, and the allocation can be replayed only after `effekt reveal` has published the seed."
        }
    }
}
