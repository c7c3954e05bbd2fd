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
    /// - Complexity: O(n log n + runs) for permuted blocks with runs in enrolment order (every
    ///   served trial, where each enrolment is a run of its own); O(runs × n log n) otherwise.
    public static func replay(_ randomizer: StratifiedRandomizer, participants: [EnrolledParticipant],
                              runs: [RandomizationRun]) -> [(run: Int, assignment: Assignment)] {
        if case .permutedBlocks = randomizer.design,
           zip(runs, runs.dropFirst()).allSatisfy({ $0.enrolledThrough <= $1.enrolledThrough }) {
            return incrementalReplay(randomizer, participants: participants, runs: runs)
        }
        return replayRunByRun(randomizer, participants: participants, runs: runs)
    }

    /// The replay as `randomize` runs: each run assigns everyone enrolled through it who has no
    /// assignment yet, from the whole roster. The reference the incremental replay is tested against.
    static func replayRunByRun(_ randomizer: StratifiedRandomizer, participants: [EnrolledParticipant],
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

    /// The same replay in one pass, for permuted blocks with `enrolledThrough` never decreasing.
    ///
    /// Why it equals `replayRunByRun`: a run assigns every participant present and not yet
    /// assigned; in a stratum they take the first slots of its block sequence that are not used,
    /// in enrolment order. When every earlier assignment came from an earlier run, the used slots
    /// are a prefix of the sequence, so a run's newcomers take the next slots. The sequence is
    /// generated once per stratum, block by block, as `blockSlots` generates it.
    static func incrementalReplay(_ randomizer: StratifiedRandomizer, participants: [EnrolledParticipant],
                                  runs: [RandomizationRun]) -> [(run: Int, assignment: Assignment)] {
        guard case let .permutedBlocks(sizes) = randomizer.design else { preconditionFailure("permuted blocks only") }
        let ordered = enrolmentOrder(participants)
        var rank = [ParticipantID: Int]()
        for (k, p) in ordered.enumerated() { rank[p.id] = k }
        let bySequence = participants.sorted { $0.sequence < $1.sequence }
        struct SlotStream {
            var generator: SeededGenerator
            var block = 0
            var pending: [(block: Int, position: Int, arm: String)] = []
            var next = 0
        }
        var streams = [Stratum: SlotStream]()
        var admitted = 0
        var out = [(run: Int, assignment: Assignment)]()
        out.reserveCapacity(participants.count)
        for r in runs {
            var newcomers = [EnrolledParticipant]()
            while admitted < bySequence.count && bySequence[admitted].sequence <= r.enrolledThrough {
                newcomers.append(bySequence[admitted])
                admitted += 1
            }
            newcomers.sort { rank[$0.id]! < rank[$1.id]! }
            for p in newcomers {
                var stream = streams[p.stratum] ?? SlotStream(generator: SeededGenerator.substream(seed: randomizer.seed, name: p.stratum.label))
                if stream.next == stream.pending.count {
                    stream.block += 1
                    stream.pending = randomizer.nextBlock(&stream.generator, sizes: sizes).enumerated()
                        .map { (stream.block, $0.offset + 1, randomizer.arms[$0.element].name) }
                    stream.next = 0
                }
                let slot = stream.pending[stream.next]
                stream.next += 1
                streams[p.stratum] = stream
                out.append((r.run, Assignment(participant: p.id, stratum: p.stratum, block: slot.block, position: slot.position, arm: slot.arm)))
            }
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
