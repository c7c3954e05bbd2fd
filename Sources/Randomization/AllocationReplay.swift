// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// An enrolled participant as the replay needs it.
public struct EnrolledParticipant: Hashable, Sendable {
    public let id: ParticipantID
    public let stratum: Stratum
    /// Enrolment sequence number (1-based, order of enrolment across roster imports).
    public let sequence: Int
    public let enrolledOn: CalendarDate
    public init(id: ParticipantID, stratum: Stratum, sequence: Int, enrolledOn: CalendarDate) {
        self.id = id
        self.stratum = stratum
        self.sequence = sequence
        self.enrolledOn = enrolledOn
    }
}

/// Replaying the randomizer, and comparing what it gives with the log or an allocation.csv.
public enum AllocationReplay {
    /// Randomization order: enrolment date, then enrolment sequence (roster order).
    public static func enrolmentOrder(_ people: [EnrolledParticipant]) -> [EnrolledParticipant] {
        people.sorted { ($0.enrolledOn, $0.sequence) < ($1.enrolledOn, $1.sequence) }
    }

    /// The assignments `randomize` makes in one run: everyone with sequence ≤ `enrolledThrough`
    /// not in `existing`.
    public static func run(_ randomizer: StratifiedRandomizer, participants: [EnrolledParticipant],
                           enrolledThrough: Int, existing: [Assignment]) -> [Assignment] {
        let present = enrolmentOrder(participants.filter { $0.sequence <= enrolledThrough })
        return randomizer.assign(present.map { ($0.id, $0.stratum) }, existing: existing)
    }

    /// Replays every recorded run from the seed, in order.
    /// - Returns: the replayed assignments with the run that makes each.
    /// - Complexity: O(runs × n log n).
    public static func replay(_ randomizer: StratifiedRandomizer, participants: [EnrolledParticipant],
                              runs: [RandomizationRun]) -> [(run: Int, assignment: Assignment)] {
        var made = [Assignment]()
        var out = [(run: Int, assignment: Assignment)]()
        for r in runs {
            let new = run(randomizer, participants: participants, enrolledThrough: r.enrolledThrough, existing: made)
            made += new
            out += new.map { (r.run, $0) }
        }
        return out
    }

    /// Compares the log with a replay: every logged assignment must be the replayed one, and
    /// every replayed one must be in the log. Problems name the participant.
    public static func compare(log: [AllocationLogEntry], replayed: [(run: Int, assignment: Assignment)]) -> [AllocationProblem] {
        var problems = [AllocationProblem]()
        let expected = Dictionary(replayed.map { ($0.assignment.participant, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<ParticipantID>()
        for e in log {
            let id = e.assignment.participant
            if !seen.insert(id).inserted { problems.append(.assignedTwice(participant: id, sequence: e.sequence)); continue }
            guard let r = expected[id] else { problems.append(.notInReplay(participant: id, sequence: e.sequence)); continue }
            if r.assignment != e.assignment || r.run != e.run {
                problems.append(.replayDiffers(participant: id, sequence: e.sequence, logged: e.assignment, replayed: r.assignment))
            }
        }
        for (run, a) in replayed where !seen.contains(a.participant) {
            problems.append(.missingFromLog(participant: a.participant, run: run, replayed: a))
        }
        return problems
    }
}
