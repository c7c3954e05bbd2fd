// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// One entry of the append-only allocation log: an assignment, when and by which algorithm it
/// was made, and a SHA-256 hash chained to the previous entry.
///
/// `hash = SHA-256(previousHash ␊ sequence ␊ run ␊ participant ␊ stratum ␊ block ␊ position ␊ arm
/// ␊ assignedAt ␊ algorithm)` over the UTF-8 text, fields separated by a line feed, numbers in
/// decimal, hashes in lower-case hex. The first entry's `previousHash` is 64 zeros.
public struct AllocationLogEntry: Hashable, Sendable, Codable {
    /// 1-based position in the log.
    public let sequence: Int
    /// The `randomize` run that made it (1-based).
    public let run: Int
    public let assignment: Assignment
    /// Wall-clock time of the assignment, ISO 8601 UTC (`2026-11-23T01:02:03Z`).
    public let assignedAt: String
    public let algorithm: String
    public let previousHash: String
    public let hash: String

    public init(sequence: Int, run: Int, assignment: Assignment, assignedAt: String, algorithm: String,
                previousHash: String, hash: String) {
        self.sequence = sequence
        self.run = run
        self.assignment = assignment
        self.assignedAt = assignedAt
        self.algorithm = algorithm
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash this entry should carry given its content (see the type's documentation).
    public var expectedHash: String {
        AllocationLogEntry.chainHash(previous: previousHash, sequence: sequence, run: run, assignment: assignment,
                                     assignedAt: assignedAt, algorithm: algorithm)
    }

    public static func chainHash(previous: String, sequence: Int, run: Int, assignment a: Assignment,
                                 assignedAt: String, algorithm: String) -> String {
        let text = [previous, String(sequence), String(run), a.participant.rawValue, a.stratum.label,
                    String(a.block), String(a.position), a.arm, assignedAt, algorithm].joined(separator: "\n")
        return SHA256.hex(of: text)
    }
}

/// One `randomize` run as the store records it: which enrolments it saw and where the chain stood.
public struct RandomizationRun: Hashable, Sendable, Codable {
    public let run: Int
    /// The highest enrolment sequence number present when the run was made: the run assigned
    /// every participant with a sequence ≤ this that was not assigned before.
    public let enrolledThrough: Int
    /// Entries the run appended.
    public let entryCount: Int
    /// The chain's head hash after the run.
    public let headHash: String
    public let startedAt: String

    public init(run: Int, enrolledThrough: Int, entryCount: Int, headHash: String, startedAt: String) {
        self.run = run
        self.enrolledThrough = enrolledThrough
        self.entryCount = entryCount
        self.headHash = headHash
        self.startedAt = startedAt
    }
}

/// The append-only allocation log: building new entries and checking the chain.
public enum AllocationLog {
    /// The `previousHash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Log entries for new assignments, chained after `head`.
    /// - Parameters:
    ///   - assignments: the new assignments, in the order they are logged.
    ///   - nextSequence: the sequence number of the first new entry (1 for an empty log).
    ///   - head: the last entry's hash (`genesisHash` for an empty log).
    /// - Complexity: O(n) hashes.
    public static func entries(for assignments: [Assignment], run: Int, nextSequence: Int, head: String,
                               assignedAt: String, algorithm: String = StratifiedRandomizer.algorithmVersion) -> [AllocationLogEntry] {
        var previous = head
        var out = [AllocationLogEntry]()
        out.reserveCapacity(assignments.count)
        for (k, a) in assignments.enumerated() {
            let seq = nextSequence + k
            let h = AllocationLogEntry.chainHash(previous: previous, sequence: seq, run: run, assignment: a,
                                                 assignedAt: assignedAt, algorithm: algorithm)
            out.append(AllocationLogEntry(sequence: seq, run: run, assignment: a, assignedAt: assignedAt,
                                          algorithm: algorithm, previousHash: previous, hash: h))
            previous = h
        }
        return out
    }

    /// Checks the hash chain of `entries` (in sequence order) against the recorded runs.
    ///
    /// Finds: an entry whose content no longer matches its hash (changed), an entry whose
    /// `previousHash` is not the hash before it or a gap in sequence numbers (an entry deleted or
    /// inserted), and runs whose counts or head hash disagree with the log (entries deleted at the end).
    /// Complexity: O(n) hashes.
    public static func checkChain(_ entries: [AllocationLogEntry], runs: [RandomizationRun]) -> [AllocationProblem] {
        var problems = [AllocationProblem]()
        var previous = genesisHash
        var expectedSequence = 1
        for e in entries {
            if e.sequence != expectedSequence {
                problems.append(.sequenceGap(expected: expectedSequence, found: e.sequence, participant: e.assignment.participant))
            }
            if e.hash != e.expectedHash {
                problems.append(.entryChanged(sequence: e.sequence, participant: e.assignment.participant))
            } else if e.previousHash != previous {
                problems.append(.chainBroken(sequence: e.sequence, participant: e.assignment.participant))
            }
            previous = e.hash
            expectedSequence = e.sequence + 1
        }
        let byRun = Dictionary(grouping: entries, by: \.run)
        for r in runs {
            let found = byRun[r.run]?.count ?? 0
            if found != r.entryCount { problems.append(.runCountDiffers(run: r.run, recorded: r.entryCount, found: found)) }
        }
        if let last = runs.last, last.headHash != (entries.last?.hash ?? genesisHash) {
            problems.append(.headDiffers(recorded: last.headHash, found: entries.last?.hash ?? genesisHash))
        }
        return problems
    }
}
