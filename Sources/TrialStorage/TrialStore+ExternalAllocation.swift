// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel
import Randomization

/// What one `import-allocation` did.
public struct AllocationImportSummary: Hashable, Sendable, Codable {
    /// The import number, or nil when nothing was written (every row already in the log).
    public let importNumber: Int?
    /// The allocation-log run of the import, when it added assignments.
    public let run: Int?
    public let file: String
    public let sha256: String
    public let rows: Int
    /// Rows that added an assignment.
    public let added: Int
    /// Rows already in the log as they are (re-sent).
    public let alreadyAssigned: Int
    /// True when this very file (same SHA-256) was imported before: nothing was done.
    public let sameFileImportedBefore: Bool
    public let totalAssigned: Int
}

/// An import of an external allocation as the store recorded it.
public struct AllocationImportRecord: Hashable, Sendable, Codable {
    public let importNumber: Int
    public let run: Int
    public let file: String
    public let sha256: String
    public let rows: Int
    public let assumed: AssumedDesign
    public let assignmentsSHA256: String
    public let importedAt: String
}

extension TrialStore {
    /// Imports an allocation drawn outside Effekt into the allocation log, in one transaction.
    ///
    /// The new assignments (`ImportedAllocation.newAssignments`) are appended to the hash-chained
    /// log as one run whose algorithm is `external:<assumed>`, with the file's SHA-256, the
    /// assumed design, the digest of the added assignments and the time in `allocation_import`.
    /// An entry's `assigned_at` is the row's `assigned_on` when the file has it, else `now`.
    /// Re-importing the same file (same SHA-256), or a file whose rows are all in the log
    /// already, writes nothing. Refuses a row that would change an existing assignment, naming
    /// the participant; nothing is written then.
    /// Complexity: O(n + rows) plus one hash and one insert per new assignment.
    @discardableResult
    public func importAllocation(_ file: ImportedAllocationFile, now: String = TrialStore.timestamp()) throws -> AllocationImportSummary {
        try TrialStore.wrap("import allocation") {
            try queue.write { db in
                let log = try TrialStore.allocationLog(db)
                let earlier = try String.fetchAll(db, sql: "SELECT sha256 FROM allocation_import")
                func summary(importNumber: Int?, run: Int?, added: Int, same: Bool) -> AllocationImportSummary {
                    AllocationImportSummary(importNumber: importNumber, run: run, file: file.path, sha256: file.sha256, rows: file.rows.count,
                                            added: added, alreadyAssigned: file.rows.count - added, sameFileImportedBefore: same,
                                            totalAssigned: log.count + added)
                }
                if earlier.contains(file.sha256) { return summary(importNumber: nil, run: nil, added: 0, same: true) }
                let people = enrolledForRandomization(try TrialStore.participants(db))
                let new = try ImportedAllocation.newAssignments(file, enrolled: people, log: log, trial: definition)
                guard !new.isEmpty, let assumed = definition.assumedDesign else { return summary(importNumber: nil, run: nil, added: 0, same: false) }
                let run = (try Int.fetchOne(db, sql: "SELECT MAX(run) FROM randomization_run") ?? 0) + 1
                let algorithm = ImportedAllocation.algorithm(assumed)
                let dates = Dictionary(file.rows.map { ($0.participant, $0.assignedOn) }, uniquingKeysWith: { a, _ in a })
                var previous = log.last?.hash ?? AllocationLog.genesisHash
                var entries = [AllocationLogEntry]()
                for (k, a) in new.enumerated() {
                    let sequence = (log.last?.sequence ?? 0) + 1 + k
                    let at = dates[a.participant].flatMap { $0?.description } ?? now
                    let hash = AllocationLogEntry.chainHash(previous: previous, sequence: sequence, run: run, assignment: a,
                                                            assignedAt: at, algorithm: algorithm)
                    entries.append(AllocationLogEntry(sequence: sequence, run: run, assignment: a, assignedAt: at, algorithm: algorithm,
                                                      previousHash: previous, hash: hash))
                    previous = hash
                }
                let through = people.map(\.sequence).max() ?? 0
                try db.execute(sql: """
                    INSERT INTO randomization_run (run, enrolled_through, entry_count, head_hash, started_at, seed, trial_sha256, algorithm)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run, through, entries.count, previous, now, "external", trial.sha256, algorithm])
                let insert = try db.makeStatement(sql: """
                    INSERT INTO allocation_log (sequence, run, participant, stratum, block, position, arm, assigned_at, algorithm, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for e in entries {
                    let a = e.assignment
                    try insert.execute(arguments: [e.sequence, e.run, a.participant.rawValue, a.stratum.label, a.block, a.position,
                                                   a.arm, e.assignedAt, e.algorithm, e.previousHash, e.hash])
                }
                try db.execute(sql: """
                    INSERT INTO allocation_import (run, file, sha256, rows, assumed, assignments_sha256, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run, file.path, file.sha256, file.rows.count, assumed.rawValue, ImportedAllocation.digest(new), now])
                let importNumber = Int(db.lastInsertedRowID)
                // The import joins the store's import log as an allocation run with its source file.
                let (written, _) = try ImportKind.allocation.digests(db, reference: run)
                try ImportLog.append(db, kind: .allocation, reference: run, file: file.path, fileSHA256: file.sha256,
                                     written: written, importedAt: now)
                return summary(importNumber: importNumber, run: run, added: new.count, same: false)
            }
        }
    }

    /// The recorded imports of external allocations, in import order.
    public func allocationImports() throws -> [AllocationImportRecord] {
        try TrialStore.wrap("SELECT FROM allocation_import") { try queue.read { db in try TrialStore.allocationImports(db) } }
    }

    static func allocationImports(_ db: Database) throws -> [AllocationImportRecord] {
        try Row.fetchAll(db, sql: """
            SELECT import, run, file, sha256, rows, assumed, assignments_sha256, imported_at FROM allocation_import ORDER BY import
            """).map {
            let assumedText: String = $0[5]
            guard let assumed = AssumedDesign(rawValue: assumedText) else {
                throw TrialStoreError.sqlite(message: "allocation import \($0[0] as Int) has an unknown assumed design '\(assumedText)'",
                                             sql: "SELECT FROM allocation_import")
            }
            return AllocationImportRecord(importNumber: $0[0], run: $0[1], file: $0[2], sha256: $0[3], rows: $0[4], assumed: assumed,
                                          assignmentsSHA256: $0[6], importedAt: $0[7])
        }
    }

    /// Checks an external allocation: the log's hash chain and run records, that every run is an
    /// import, and that each import's assignments still have the digest recorded at import.
    /// With `files`, also that each file is one that was imported (same SHA-256) and that its rows
    /// agree with the log. Complexity: O(n) hashes plus O(rows) per file.
    public func verifyExternalAllocation(files: [ImportedAllocationFile] = []) throws -> [AllocationProblem] {
        let (log, runs, imports) = try TrialStore.wrap("verify") {
            try queue.read { db in (try TrialStore.allocationLog(db), try TrialStore.runs(db), try TrialStore.allocationImports(db)) }
        }
        var problems = AllocationLog.checkChain(log, runs: runs)
        let byRun = Dictionary(grouping: log, by: \.run)
        for i in imports where ImportedAllocation.digest((byRun[i.run] ?? []).map(\.assignment)) != i.assignmentsSHA256 {
            problems.append(.importDigestDiffers(file: i.file, run: i.run))
        }
        let importedRuns = Set(imports.map(\.run))
        for e in log where !importedRuns.contains(e.run) {
            problems.append(.entryWithoutImport(participant: e.assignment.participant, sequence: e.sequence))
        }
        for f in files {
            if !imports.contains(where: { $0.sha256 == f.sha256 }) {
                problems.append(.importFileChanged(file: f.path, sha256: f.sha256, recorded: imports.map(\.sha256)))
            }
            problems += ImportedAllocation.compare(f, log: log)
        }
        return problems
    }
}
