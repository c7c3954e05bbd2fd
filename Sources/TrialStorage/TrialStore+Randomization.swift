// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel
import Randomization

/// What one `randomize` did.
public struct RandomizationSummary: Hashable, Sendable, Codable {
    /// The run number, or nil when nobody new needed assigning (no run is recorded then).
    public let run: Int?
    public let assigned: Int
    public let totalAssigned: Int
}

extension TrialStore {
    /// Assigns every enrolled participant not yet assigned, appending to the allocation log in
    /// one transaction; nobody already assigned is touched.
    ///
    /// Order: enrolment date, then enrolment sequence. Complexity: O(n log n) plus one hash and
    /// one insert per new assignment.
    @discardableResult
    ///
    /// `progress`, when given, is called with the assignments written so far and their number.
    public func randomize(now: String = TrialStore.timestamp(),
                          progress: ((_ written: Int, _ total: Int) -> Void)? = nil) throws -> RandomizationSummary {
        let randomizer = try StratifiedRandomizer(trial: definition)
        return try TrialStore.wrap("randomize") {
            try queue.write { db in
                let people = enrolledForRandomization(try TrialStore.participants(db))
                let log = try TrialStore.allocationLog(db)
                let through = people.map(\.sequence).max() ?? 0
                let new = AllocationReplay.run(randomizer, participants: people, enrolledThrough: through,
                                               existing: log.map(\.assignment))
                guard !new.isEmpty else { return RandomizationSummary(run: nil, assigned: 0, totalAssigned: log.count) }
                let run = (try Int.fetchOne(db, sql: "SELECT MAX(run) FROM randomization_run") ?? 0) + 1
                let entries = AllocationLog.entries(for: new, run: run, nextSequence: (log.last?.sequence ?? 0) + 1,
                                                    head: log.last?.hash ?? AllocationLog.genesisHash, assignedAt: now)
                try TrialStore.writeRun(db, run: run, enrolledThrough: through, entries: entries, startedAt: now,
                                        seed: String(definition.seed), trialSHA256: trial.sha256,
                                        algorithm: StratifiedRandomizer.algorithmVersion, progress: progress)
                let (written, _) = try ImportKind.allocation.digests(db, reference: run)
                try ImportLog.append(db, kind: .allocation, reference: run, file: "", fileSHA256: "", written: written, importedAt: now)
                return RandomizationSummary(run: run, assigned: entries.count, totalAssigned: log.count + entries.count)
            }
        }
    }

    /// Writes a randomization run and its chained entries (drawn by `randomize` or imported), in
    /// the caller's transaction; the run's head is the last entry's hash.
    static func writeRun(_ db: Database, run: Int, enrolledThrough: Int, entries: [AllocationLogEntry], startedAt: String,
                         seed: String, trialSHA256: String, algorithm: String, progress: ((Int, Int) -> Void)? = nil) throws {
        try db.cachedStatement(sql: """
            INSERT INTO randomization_run (run, enrolled_through, entry_count, head_hash, started_at, seed, trial_sha256, algorithm)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [run, enrolledThrough, entries.count, entries.last?.hash ?? AllocationLog.genesisHash, startedAt, seed,
                             trialSHA256, algorithm])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO allocation_log (sequence, run, participant, stratum, block, position, arm, assigned_at, algorithm, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (k, e) in entries.enumerated() {
            let a = e.assignment
            try insert.execute(arguments: [e.sequence, e.run, a.participant.rawValue, a.stratum.label, a.block, a.position,
                                           a.arm, e.assignedAt, e.algorithm, e.previousHash, e.hash])
            if (k + 1) % 4096 == 0 || k + 1 == entries.count { progress?(k + 1, entries.count) }
        }
    }

    /// The allocation log in sequence order.
    public func allocationLog() throws -> [AllocationLogEntry] {
        try TrialStore.wrap("SELECT FROM allocation_log") { try queue.read { db in try TrialStore.allocationLog(db) } }
    }

    /// The recorded randomization runs in order.
    public func randomizationRuns() throws -> [RandomizationRun] {
        try TrialStore.wrap("SELECT FROM randomization_run") { try queue.read { db in try TrialStore.runs(db) } }
    }

    /// Checks the allocation log: its hash chain and run records, then a replay of every run from
    /// the seed (an external allocation: `verifyExternalAllocation()`). An empty result means the
    /// allocation is intact. Complexity: O(runs × n log n) plus one hash per entry.
    public func verify() throws -> [AllocationProblem] {
        if definition.design == .external { return try verifyExternalAllocation() }
        return try verify(randomizer: try StratifiedRandomizer(trial: definition))
    }

    /// `verify()` with a given randomizer (a served trial's, with its revealed seed).
    func verify(randomizer: StratifiedRandomizer) throws -> [AllocationProblem] {
        let (log, runs, people) = try TrialStore.wrap("verify") {
            try queue.read { db in (try TrialStore.allocationLog(db), try TrialStore.runs(db), try TrialStore.participants(db)) }
        }
        let chain = AllocationLog.checkChain(log, runs: runs)
        let replayed = AllocationReplay.replay(randomizer, participants: enrolledForRandomization(people), runs: runs)
        return chain + AllocationReplay.compare(log: log, replayed: replayed)
    }

    /// The allocation replayed from the seed over the recorded runs (to compare with an allocation.csv).
    public func replayedAllocation() throws -> [Assignment] {
        let randomizer = try StratifiedRandomizer(trial: definition)
        let (runs, people) = try TrialStore.wrap("replay") {
            try queue.read { db in (try TrialStore.runs(db), try TrialStore.participants(db)) }
        }
        return AllocationReplay.replay(randomizer, participants: enrolledForRandomization(people), runs: runs).map(\.assignment)
    }

    static func allocationLog(_ db: Database) throws -> [AllocationLogEntry] {
        var out = [AllocationLogEntry]()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT sequence, run, participant, stratum, block, position, arm, assigned_at, algorithm, previous_hash, hash
            FROM allocation_log ORDER BY sequence
            """)
        while let r = try rows.next() {
            out.append(AllocationLogEntry(
                sequence: r[0], run: r[1],
                assignment: Assignment(participant: ParticipantID(r[2] as String), stratum: Stratum(label: r[3]), block: r[4], position: r[5], arm: r[6]),
                assignedAt: r[7], algorithm: r[8], previousHash: r[9], hash: r[10]))
        }
        return out
    }

    static func runs(_ db: Database) throws -> [RandomizationRun] {
        try Row.fetchAll(db, sql: "SELECT run, enrolled_through, entry_count, head_hash, started_at FROM randomization_run ORDER BY run").map {
            RandomizationRun(run: $0[0], enrolledThrough: $0[1], entryCount: $0[2], headHash: $0[3], startedAt: $0[4])
        }
    }
}
