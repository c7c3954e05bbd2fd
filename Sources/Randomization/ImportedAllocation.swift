// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Turning an imported allocation file into allocation-log assignments.
public enum ImportedAllocation {
    /// The log's `algorithm` of an imported assignment: `external:<assumed design>`.
    public static func algorithm(_ assumed: AssumedDesign) -> String { "external:\(assumed.rawValue)" }

    /// SHA-256 of the assignments an import added, in log order: one line `id,arm,stratum,block`
    /// per assignment, lines joined by a line feed. The store keeps it beside the file's own
    /// SHA-256; `verify` recomputes it from the log.
    public static func digest(_ assignments: [Assignment]) -> String {
        SHA256.hex(of: assignments.map { "\($0.participant.rawValue),\($0.arm),\($0.stratum.label),\($0.block)" }.joined(separator: "\n"))
    }

    /// Compares an imported file with the log: every row's participant must be in the log with
    /// the file's arm (and block, when the file has the column). Problems name the participant.
    /// Complexity: O(n + rows).
    public static func compare(_ file: ImportedAllocationFile, log: [AllocationLogEntry]) -> [AllocationProblem] {
        let logged = Dictionary(log.map { ($0.assignment.participant, $0.assignment) }, uniquingKeysWith: { a, _ in a })
        var problems = [AllocationProblem]()
        for row in file.rows {
            guard let a = logged[row.participant] else {
                problems.append(.importedRowNotInLog(file: file.path, line: row.line, participant: row.participant))
                continue
            }
            if a.arm != row.arm || (file.hasBlock && a.block != (row.block ?? 1)) {
                problems.append(.importedRowDiffers(file: file.path, line: row.line, participant: row.participant, logged: a, inFile: row.arm))
            }
        }
        return problems
    }

    /// The assignments an import adds to the log, in file order; empty when every row is
    /// already in the log as it is (a re-import).
    ///
    /// Each new assignment takes the participant's enrolled stratum, the file's block (1 without
    /// the column) and the next position in that stratum and block. Refuses (nothing is to be
    /// written then): a row for someone not enrolled; a stratum column that differs from the
    /// roster's; a row for someone already in the log with another arm (or block, when the file
    /// has the column), naming the participant; under `permuted_blocks`, a block holding more
    /// people than the largest block size.
    /// Complexity: O(n + rows).
    public static func newAssignments(_ file: ImportedAllocationFile, enrolled: [EnrolledParticipant], log: [AllocationLogEntry],
                                      trial: TrialDefinition) throws(RandomizationError) -> [Assignment] {
        guard trial.design == .external else { throw .importIntoEffektDesign(design: trial.design.rawValue) }
        let people = Dictionary(enrolled.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let logged = Dictionary(log.map { ($0.assignment.participant, $0.assignment) }, uniquingKeysWith: { a, _ in a })
        struct Slot: Hashable { let stratum: String, block: Int }
        var filled = [Slot: Int]()
        for e in log { filled[Slot(stratum: e.assignment.stratum.label, block: e.assignment.block), default: 0] += 1 }
        var out = [Assignment]()
        for row in file.rows {
            func location(_ column: String) -> SourceLocation { SourceLocation(file: file.path, line: row.line, column: column) }
            guard let person = people[row.participant] else { throw .importedNotEnrolled(location("id"), id: row.participant.rawValue) }
            if let s = row.stratum, s != person.stratum.label {
                throw .importedStratumDiffers(location("stratum"), id: row.participant.rawValue, inFile: s, enrolled: person.stratum.label)
            }
            let block = row.block ?? 1
            if let recorded = logged[row.participant] {
                if recorded.arm != row.arm {
                    throw .importChangesAssignment(location("arm"), id: row.participant.rawValue, recorded: "arm '\(recorded.arm)'", inFile: "arm '\(row.arm)'")
                }
                if file.hasBlock && recorded.block != block {
                    throw .importChangesAssignment(location("block"), id: row.participant.rawValue, recorded: "block \(recorded.block)", inFile: "block \(block)")
                }
                continue
            }
            let slot = Slot(stratum: person.stratum.label, block: block)
            filled[slot, default: 0] += 1
            out.append(Assignment(participant: row.participant, stratum: person.stratum, block: block, position: filled[slot]!, arm: row.arm))
        }
        if trial.assumedDesign == .permutedBlocks, let largest = trial.blockSizes.max() {
            for (slot, size) in filled.sorted(by: { ($0.key.stratum, $0.key.block) < ($1.key.stratum, $1.key.block) }) where size > largest {
                throw .importedBlockTooLarge(file: file.path, stratum: slot.stratum, block: slot.block, size: size, largest: largest)
            }
        }
        return out
    }
}
