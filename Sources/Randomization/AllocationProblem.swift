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

    public var participant: ParticipantID? {
        switch self {
        case let .entryChanged(_, p), let .chainBroken(_, p), let .sequenceGap(_, _, p), let .assignedTwice(p, _),
             let .notInReplay(p, _), let .replayDiffers(p, _, _, _), let .missingFromLog(p, _, _): return p
        case .runCountDiffers, .headDiffers: return nil
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
        }
    }
}
