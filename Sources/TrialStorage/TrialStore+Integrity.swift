// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import TrialModel

extension TrialStore {
    /// The store's head: the hash of the last import log entry (64 zeros when there is no log).
    public func head() throws -> String {
        try TrialStore.wrap("SELECT FROM import_log") {
            try queue.read { db in try db.tableExists("import_log") ? try ImportLog.head(db) : ImportLog.genesisHash }
        }
    }

    /// The import log in order.
    public func importLog() throws -> [ImportLogEntry] {
        try TrialStore.wrap("SELECT FROM import_log") {
            try queue.read { db in try db.tableExists("import_log") ? try ImportLog.entries(db, withFingerprints: false) : [] }
        }
    }

    /// Recomputes every digest of the import log from the stored rows and checks the chain.
    ///
    /// Checks, in order: the chain (each entry's hash from its content and the previous hash);
    /// per entry, the digest of the rows it wrote and superseded, recomputed from the store, and
    /// the import's own record (file, hash, rows); rows that no entry wrote; the head against
    /// `expectedHead` (a prefix of at least 16 hex digits, from an earlier report); each source
    /// file in `sourcesFolder` (by its file name) against the digest recorded at its import.
    /// A difference is named by its first participant (covariates or enrolment), participant's
    /// weeks, allocation entry or import record.
    ///
    /// Complexity: one pass over the rows of each import (O(rows) hashing); reads only.
    public func verifyIntegrity(expectedHead: String? = nil, sourcesFolder: String? = nil) throws -> IntegrityReport {
        let (head, entries, problems) = try TrialStore.wrap("verify") {
            try queue.read { db -> (String, [ImportLogEntry], [IntegrityProblem]) in
                guard try db.tableExists("import_log") else { return (ImportLog.genesisHash, [], [.noImportLog]) }
                let entries = try ImportLog.entries(db)
                var problems = TrialStore.chainProblems(entries)
                let ids = try TrialStore.participantIDs(db)
                for e in entries { problems += try TrialStore.rowProblems(db, e, ids: ids) }
                problems += try TrialStore.rowsOutsideTheLog(db)
                return (try ImportLog.head(db), entries, problems)
            }
        }
        var all = problems
        if let expectedHead, !head.hasPrefix(expectedHead.lowercased()) {
            all.append(.headDiffers(expected: expectedHead.lowercased(), head: head))
        }
        if let sourcesFolder {
            var intactSources = [Int: String]()
            for e in entries where !e.file.isEmpty {
                let path = URL(fileURLWithPath: sourcesFolder).appendingPathComponent(URL(fileURLWithPath: e.file).lastPathComponent).path
                guard let found = TrialStore.fileSHA256(path) else { all.append(.sourceMissing(ImportName(e), path: path)); continue }
                if found != e.fileSHA256 { all.append(.sourceDiffers(ImportName(e), path: path, found: found)) } else { intactSources[e.entry] = path }
            }
            all = try all.map { try namingTheWeek($0, sources: intactSources) }
        }
        return IntegrityReport(head: head, entries: entries.count, problems: all)
    }

    /// A participant's differing weeks named down to the week and column, by comparing the
    /// stored rows with the source file (which still hashes to what was imported).
    func namingTheWeek(_ problem: IntegrityProblem, sources: [Int: String]) throws -> IntegrityProblem {
        guard case let .weeksDiffer(name, participant, _, _) = problem, let path = sources[name.entry] else { return problem }
        typealias Week = (hours: Double, activity: String, mentor: Int, status: String)
        var inFile = [Int: Week]()
        try WeeklyFile.scan(path: path, followUpWeeks: definition.followUpWeeks) { r in
            if String(decoding: r.id, as: UTF8.self) == participant {
                inFile[r.week] = (r.paidHours, r.activity.rawValue, r.mentor ? 1 : 0, r.status.rawValue)
            }
        }
        let stored = try TrialStore.wrap("verify") {
            try queue.read { db -> [Int: Week] in
                var out = [Int: Week]()
                for table in ["weekly", "weekly_history"] {
                    for r in try Row.fetchAll(db, sql: """
                        SELECT w.week, w.paid_hours, w.activity, w.mentor, w.status FROM \(table) AS w
                        JOIN participant AS p ON p.sequence = w.participant WHERE p.id = ? AND w.import = ?
                        """, arguments: [participant, name.reference]) {
                        out[r[0]] = (r[1], r[2], r[3], r[4])
                    }
                }
                return out
            }
        }
        for week in Set(inFile.keys).union(stored.keys).sorted() {
            switch (inFile[week], stored[week]) {
            case let (f?, s?):
                let columns: [(String, String, String)] = [
                    ("paid_hours", "\(f.hours)", "\(s.hours)"), ("activity", f.activity, s.activity),
                    ("mentor", "\(f.mentor)", "\(s.mentor)"), ("status", f.status, s.status)]
                if let c = columns.first(where: { $0.1 != $0.2 }) {
                    return .weekDiffers(name, participant: participant, week: week, column: c.0, inFile: c.1, stored: c.2)
                }
            case let (f, s):
                return .weekDiffers(name, participant: participant, week: week, column: "", inFile: f.map { _ in "row" }, stored: s.map { _ in "row" })
            }
        }
        return problem
    }

    static func chainProblems(_ entries: [ImportLogEntry]) -> [IntegrityProblem] {
        var problems = [IntegrityProblem](), previous = ImportLog.genesisHash
        for (k, e) in entries.enumerated() {
            if e.entry != k + 1 || e.previousHash != previous {
                problems.append(.chainBroken(ImportName(e), expectedEntry: k + 1))
            } else if e.hash != e.expectedHash {
                problems.append(.entryChanged(ImportName(e)))
            }
            previous = e.hash
        }
        return problems
    }

    static func participantIDs(_ db: Database) throws -> [Int64: String] {
        var ids = [Int64: String]()
        let rows = try Row.fetchCursor(db, sql: "SELECT sequence, id FROM participant")
        while let r = try rows.next() { ids[r[0]] = r[1] }
        return ids
    }

    /// The problems of one entry's rows and import record.
    static func rowProblems(_ db: Database, _ e: ImportLogEntry, ids: [Int64: String]) throws -> [IntegrityProblem] {
        let name = ImportName(e)
        guard let kind = ImportKind(rawValue: e.kind) else { return [.unknownKind(name)] }
        var problems = [IntegrityProblem]()
        let (written, superseded) = try kind.digests(db, reference: e.reference)
        if written.rows != e.rows || written.sha256 != e.rowsSHA256 {
            let recorded = ImportDigest(rows: e.rows, sha256: e.rowsSHA256, fingerprints: e.fingerprints)
            problems.append(difference(kind, name, recorded.firstDifferentGroup(stored: written), recorded: e.rows,
                                       stored: written.rows, ids: ids))
        }
        if superseded.rows != e.superseded || superseded.sha256 != e.supersededSHA256 {
            problems.append(.supersededRowsDiffer(name, recorded: e.superseded, stored: superseded.rows))
        }
        if let field = try importRecordDifference(db, kind, e) { problems.append(.importRecordChanged(name, field: field)) }
        return problems
    }

    /// The problem that names the first differing group of rows.
    static func difference(_ kind: ImportKind, _ name: ImportName, _ groups: (recorded: ImportDigest.Group?, stored: ImportDigest.Group?)?,
                           recorded: Int, stored: Int, ids: [Int64: String]) -> IntegrityProblem {
        guard let groups, let key = (groups.recorded ?? groups.stored)?.key else {
            return kind == .trialFile ? .trialFileChanged(name) : .rowsDiffer(name, recorded: recorded, stored: stored)
        }
        func id(_ sequence: Int64) -> String { ids[sequence] ?? "enrolment number \(sequence), no longer enrolled" }
        switch kind {
        case .trialFile: return .trialFileChanged(name)
        case .roster: return key % 2 == 0 ? .enrolmentDiffers(name, participant: id(key / 2)) : .covariatesDiffer(name, participant: id(key / 2))
        case .allocation: return .allocationDiffers(name, sequence: Int(key))
        case .weekly: return .weeksDiffer(name, participant: id(key), recordedWeeks: groups.recorded?.rows, storedWeeks: groups.stored?.rows)
        case .events: return .eventsDiffer(name, participant: id(key), recordedEvents: groups.recorded?.rows, storedEvents: groups.stored?.rows)
        }
    }

    /// Which field of the import's own record differs from its log entry, if one does.
    static func importRecordDifference(_ db: Database, _ kind: ImportKind, _ e: ImportLogEntry) throws -> String? {
        switch kind {
        case .trialFile:
            guard let r = try Row.fetchOne(db, sql: "SELECT sha256, text FROM trial_file WHERE id = ?", arguments: [e.reference]) else {
                return "the record is missing"
            }
            if (r["sha256"] as String) != e.fileSHA256 { return "sha256" }
            if SHA256.hex(of: r["text"] as String) != e.fileSHA256 { return "the text does not hash to the recorded SHA-256" }
            return nil
        case .roster:
            guard let r = try Row.fetchOne(db, sql: "SELECT file, sha256, rows FROM roster_import WHERE import = ?", arguments: [e.reference]) else {
                return "the record is missing"
            }
            if (r["file"] as String) != e.file { return "file" }
            if (r["sha256"] as String) != e.fileSHA256 { return "sha256" }
            return (r["rows"] as Int) * 2 != e.rows ? "rows" : nil
        case .allocation:
            guard try Row.fetchOne(db, sql: "SELECT run FROM randomization_run WHERE run = ?", arguments: [e.reference]) != nil else {
                return "the record is missing"
            }
            // An imported (external) allocation also has its import record with the source file.
            guard !e.file.isEmpty else { return nil }
            guard let r = try Row.fetchOne(db, sql: "SELECT file, sha256 FROM allocation_import WHERE run = ?", arguments: [e.reference]) else {
                return "the allocation import record is missing"
            }
            if (r["file"] as String) != e.file { return "file" }
            return (r["sha256"] as String) != e.fileSHA256 ? "sha256" : nil
        case .weekly:
            guard let r = try Row.fetchOne(db, sql: "SELECT file, sha256, rows, replaced FROM weekly_import WHERE import = ?",
                                           arguments: [e.reference]) else { return "the record is missing" }
            if (r["file"] as String) != e.file { return "file" }
            if (r["sha256"] as String) != e.fileSHA256 { return "sha256" }
            if (r["rows"] as Int) != e.rows { return "rows" }
            return (r["replaced"] as Int) != e.superseded ? "replaced" : nil
        case .events:
            guard let r = try Row.fetchOne(db, sql: "SELECT file, sha256, rows FROM event_import WHERE import = ?",
                                           arguments: [e.reference]) else { return "the record is missing" }
            if (r["file"] as String) != e.file { return "file" }
            if (r["sha256"] as String) != e.fileSHA256 { return "sha256" }
            return (r["rows"] as Int) != e.rows ? "rows" : nil
        }
    }

    /// Rows whose import number no entry of the log covers.
    static func rowsOutsideTheLog(_ db: Database) throws -> [IntegrityProblem] {
        let checks: [(table: String, column: String, kind: ImportKind)] = [
            ("participant", "roster_import", .roster), ("roster_import", "import", .roster),
            ("randomization_run", "run", .allocation), ("allocation_log", "run", .allocation), ("allocation_import", "run", .allocation),
            ("weekly_import", "import", .weekly), ("weekly", "import", .weekly),
            ("weekly_history", "import", .weekly), ("weekly_history", "superseded_by", .weekly),
            ("event_import", "import", .events), ("placement_event", "import", .events),
        ]
        var problems = [IntegrityProblem]()
        // A store made before a kind existed (opened read-only, so not migrated) lacks its tables.
        for c in checks where try db.tableExists(c.table) {
            for r in try Row.fetchAll(db, sql: """
                SELECT \(c.column), COUNT(*) FROM \(c.table)
                WHERE \(c.column) NOT IN (SELECT reference FROM import_log WHERE kind = ?) GROUP BY \(c.column) ORDER BY \(c.column)
                """, arguments: [c.kind.rawValue]) {
                problems.append(.rowsOutsideTheLog(table: c.table, importNumber: r[0], rows: r[1]))
            }
        }
        return problems
    }

    /// The SHA-256 of a file's bytes, or nil when it cannot be read.
    static func fileSHA256(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hash.update($0) }
        }
        return hash.finalizeHex()
    }
}
