// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Something `effekt verify` found wrong with an allocation; each names the participant where
/// there is one, and reads as a sentence.
public enum AllocationProblem: Hashable, Sendable, CustomStringConvertible {
    case entryChanged(sequence: Int, participant: ParticipantID)
    case chainBroken(sequence: Int, participant: ParticipantID)
    case sequenceGap(expected: Int, found: Int, participant: ParticipantID)
    case runCountDiffers(run: Int, recorded: Int, found: Int)
    case headDiffers(recorded: String, found: String)
    case assignedTwice(participant: ParticipantID, sequence: Int)
    case notInReplay(participant: ParticipantID, sequence: Int)
    case replayDiffers(participant: ParticipantID, sequence: Int, logged: Assignment, replayed: Assignment)
    case missingFromLog(participant: ParticipantID, run: Int, replayed: Assignment)
    /// An entry of an external allocation's log that no recorded import made.
    case entryWithoutImport(participant: ParticipantID, sequence: Int)
    /// An import's recorded digest of its assignments differs from the log's entries of its run.
    case importDigestDiffers(file: String, run: Int)
    /// A file given to check an import has another SHA-256 than any recorded import.
    case importFileChanged(file: String, sha256: String, recorded: [String])
    /// A row of an imported file whose participant has no entry in the log.
    case importedRowNotInLog(file: String, line: Int, participant: ParticipantID)
    /// A row of an imported file that says another arm (or block) than the log.
    case importedRowDiffers(file: String, line: Int, participant: ParticipantID, logged: Assignment, inFile: String)
    /// A served trial's revealed seed and nonce do not give the commitment published at its start.
    case commitmentDiffers(recorded: String, computed: String)

    public var participant: ParticipantID? {
        switch self {
        case let .entryChanged(_, p), let .chainBroken(_, p), let .sequenceGap(_, _, p), let .assignedTwice(p, _),
             let .notInReplay(p, _), let .replayDiffers(p, _, _, _), let .missingFromLog(p, _, _),
             let .importedRowNotInLog(_, _, p), let .entryWithoutImport(p, _), let .importedRowDiffers(_, _, p, _, _): return p
        case .runCountDiffers, .headDiffers, .importDigestDiffers, .importFileChanged, .commitmentDiffers: return nil
        }
    }

    public var description: String {
        func slot(_ a: Assignment) -> String { "\(a.arm) (stratum \(a.stratum.label), block \(a.block), position \(a.position))" }
        switch self {
        case let .entryChanged(seq, p):
            return "Allocation log entry \(seq) for participant \(p) was changed after it was written: its content no longer matches its hash."
        case let .chainBroken(seq, p):
            return "Allocation log entry \(seq) for participant \(p) does not follow the entry before it: an entry was deleted, inserted or changed before it."
        case let .sequenceGap(expected, found, p):
            return "Allocation log entry \(expected) is missing: the next entry is \(found) (participant \(p)). An entry was deleted."
        case let .runCountDiffers(run, recorded, found):
            return "Randomization run \(run) wrote \(recorded) entries but the log holds \(found). Entries were deleted or added."
        case let .headDiffers(recorded, found):
            return "The allocation log ends at hash \(found.prefix(12))… but the last run recorded \(recorded.prefix(12))…: entries at the end were deleted or added."
        case let .assignedTwice(p, seq):
            return "Participant \(p) appears a second time in the allocation log (entry \(seq)); nobody may be reassigned."
        case let .notInReplay(p, seq):
            return "Participant \(p) (log entry \(seq)) is not assigned when the randomization is replayed from the seed: the participant is not enrolled or not in that run."
        case let .replayDiffers(p, seq, logged, replayed):
            return "Participant \(p): log entry \(seq) says \(slot(logged)), but replaying the randomization from the seed gives \(slot(replayed))."
        case let .missingFromLog(p, run, replayed):
            return "Participant \(p) was assigned \(slot(replayed)) in run \(run) when replayed from the seed, but has no entry in the allocation log: the entry was deleted."
        case let .entryWithoutImport(p, seq):
            return "Allocation log entry \(seq) for participant \(p) belongs to no recorded import: the allocation is external, so every entry must come from an imported file."
        case let .importDigestDiffers(file, run):
            return "The assignments of run \(run), imported from \(file), no longer match the digest recorded at import: an entry was changed, added or deleted."
        case let .importFileChanged(file, sha, recorded):
            return "\(file) has SHA-256 \(sha.prefix(12))…, which is not the SHA-256 of any imported allocation file (\(recorded.map { "\($0.prefix(12))…" }.joined(separator: ", "))): the file was edited after it was imported."
        case let .importedRowNotInLog(file, line, p):
            return "\(file), line \(line): participant \(p) has no entry in the allocation log."
        case let .commitmentDiffers(recorded, computed):
            return "The revealed seed and nonce give the commitment \(computed.prefix(16))…, not the \(recorded.prefix(16))… published when the trial started: the revealed secret is not the one the allocation was drawn with."
        case let .importedRowDiffers(file, line, p, logged, inFile):
            return "\(file), line \(line): participant \(p) has arm '\(inFile)' but the allocation log says \(slot(logged))."
        }
    }
}
