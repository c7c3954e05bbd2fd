// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import ProgrammeMonitoring
import TrialModel

/// Something `verify` found changed in a monitoring store; each reads as a sentence naming the
/// import and, where it can, the file's line and the row's key.
public enum MonitoringIntegrityProblem: Hashable, Sendable, CustomStringConvertible {
    /// A problem of the log itself (an entry changed, the chain broken), as the trial store names it.
    case log(IntegrityProblem)
    /// An entry of a kind this Effekt does not know.
    case unknownKind(entry: Int, kind: String)
    /// A stored row of the import differs from the one imported at `line` (key nil when the row
    /// is gone), or was added.
    case rowDiffers(entry: Int, file: String, line: Int, key: String?, recordedRows: Int, storedRows: Int)
    /// The rows differ but no line can be named.
    case rowsDiffer(entry: Int, file: String, recorded: Int, stored: Int)
    /// The import's own record (file, hash, rows) differs from its log entry, or is gone.
    case importRecordChanged(entry: Int, file: String, field: String)
    /// Rows whose import no log entry of their kind wrote.
    case rowsOutsideTheLog(table: String, importNumber: Int, rows: Int)
    /// The head is not the one expected.
    case headDiffers(expected: String, head: String)

    public var description: String {
        switch self {
        case let .log(problem): return problem.description
        case let .unknownKind(entry, kind):
            return "Import \(entry) is of a kind this Effekt does not know ('\(MessageValue.shortened(kind))'); it cannot be verified (a newer Effekt wrote it)."
        case let .rowDiffers(entry, file, line, key, recorded, stored):
            let row = key.map { "'\(MessageValue.shortened($0))' " } ?? ""
            switch (recorded, stored) {
            case (_, 0): return "\(file) line \(line) (import \(entry)): the row \(row)imported from it is missing from the store; it was deleted after the import."
            case (0, _): return "\(file) line \(line) (import \(entry)): the store holds a row \(row)that the import did not write; it was added after the import."
            default: return "\(file) line \(line) (import \(entry)): the stored row \(row)differs from the one imported; it was changed after the import."
            }
        case let .rowsDiffer(entry, file, recorded, stored):
            return "The rows of \(file) (import \(entry)) differ from those imported (\(recorded) imported, \(stored) stored)."
        case let .importRecordChanged(entry, file, field):
            return "The record of import \(entry) (\(file)) differs from the import log (\(field)): it was changed or deleted after the import."
        case let .rowsOutsideTheLog(table, number, rows):
            return "\(rows) row(s) of table \(table) carry import number \(number), which no import log entry wrote: they were added or renumbered outside Effekt."
        case let .headDiffers(expected, head):
            return "The store's head is \(head.prefix(16))…, not the expected \(expected.prefix(16))…: the store is not the one the earlier results were made from."
        }
    }
}

/// What `MonitoringStore.verifyIntegrity` found: the head, the entries checked, the problems first first.
public struct MonitoringIntegrityReport: Sendable {
    public let head: String
    public let entries: Int
    public let problems: [MonitoringIntegrityProblem]
    public var isIntact: Bool { problems.isEmpty }
}

extension MonitoringStore {
    /// Recomputes every digest of the import log from the stored rows and checks the chain.
    ///
    /// Checks, in order: the chain (each entry's hash from its content and the previous hash, as
    /// the trial store's `verify`); per entry, the digest of the rows it wrote, recomputed from
    /// the store (a difference is named by the file's line and the row's key), and the import's
    /// own record; rows that no entry wrote; the head against `expectedHead` (a prefix).
    /// Complexity: one pass over the stored rows; reads only.
    public func verifyIntegrity(expectedHead: String? = nil) throws -> MonitoringIntegrityReport {
        let (head, count, problems) = try TrialStore.wrap("verify") {
            try queue.read { db -> (String, Int, [MonitoringIntegrityProblem]) in
                let entries = try ImportLog.entries(db)
                var problems = TrialStore.chainProblems(entries).map(MonitoringIntegrityProblem.log)
                for e in entries { problems += try MonitoringStore.rowProblems(db, e) }
                problems += try MonitoringStore.rowsOutsideTheLog(db)
                return (try ImportLog.head(db), entries.count, problems)
            }
        }
        var all = problems
        if let expectedHead, !head.hasPrefix(expectedHead.lowercased()) {
            all.append(.headDiffers(expected: expectedHead.lowercased(), head: head))
        }
        return MonitoringIntegrityReport(head: head, entries: count, problems: all)
    }

    static func rowProblems(_ db: Database, _ e: ImportLogEntry) throws -> [MonitoringIntegrityProblem] {
        guard let kind = MonitoringFile(rawValue: e.kind) else { return [.unknownKind(entry: e.entry, kind: e.kind)] }
        var problems = [MonitoringIntegrityProblem]()
        let stored = try kind.digest(db, reference: e.reference)
        if stored.rows != e.rows || stored.sha256 != e.rowsSHA256 {
            let recorded = ImportDigest(rows: e.rows, sha256: e.rowsSHA256, fingerprints: e.fingerprints)
            if let groups = recorded.firstDifferentGroup(stored: stored), let line = (groups.recorded ?? groups.stored)?.key {
                let key = try String.fetchOne(db, sql: """
                    SELECT \(kind.keyColumns.map { MonitoringFile.quoted($0) }.joined(separator: " || '/' || ")) FROM \(kind.table)
                    WHERE import = ? AND line = ?
                    """, arguments: [e.reference, line])
                problems.append(.rowDiffers(entry: e.entry, file: e.file, line: Int(line), key: key,
                                            recordedRows: groups.recorded?.rows ?? 0, storedRows: groups.stored?.rows ?? 0))
            } else {
                problems.append(.rowsDiffer(entry: e.entry, file: e.file, recorded: e.rows, stored: stored.rows))
            }
        }
        if let r = try Row.fetchOne(db, sql: "SELECT kind, file, sha256, rows FROM monitoring_import WHERE import = ?", arguments: [e.reference]) {
            let field: String? = (r["kind"] as String) != e.kind ? "kind" : (r["file"] as String) != e.file ? "file"
                : (r["sha256"] as String) != e.fileSHA256 ? "sha256" : (r["rows"] as Int) != e.rows ? "rows" : nil
            if let field { problems.append(.importRecordChanged(entry: e.entry, file: e.file, field: field)) }
        } else {
            problems.append(.importRecordChanged(entry: e.entry, file: e.file, field: "the record is missing"))
        }
        return problems
    }

    /// Rows (and import records) whose import number no log entry of their kind covers.
    static func rowsOutsideTheLog(_ db: Database) throws -> [MonitoringIntegrityProblem] {
        var problems = [MonitoringIntegrityProblem]()
        for kind in MonitoringFile.allCases {
            for r in try Row.fetchAll(db, sql: """
                SELECT import, COUNT(*) FROM \(kind.table)
                WHERE import NOT IN (SELECT reference FROM import_log WHERE kind = ?) GROUP BY import ORDER BY import
                """, arguments: [kind.rawValue]) {
                problems.append(.rowsOutsideTheLog(table: kind.table, importNumber: r[0], rows: r[1]))
            }
        }
        for r in try Row.fetchAll(db, sql: """
            SELECT import FROM monitoring_import AS i
            WHERE NOT EXISTS (SELECT 1 FROM import_log AS l WHERE l.kind = i.kind AND l.reference = i.import) ORDER BY import
            """) {
            problems.append(.rowsOutsideTheLog(table: "monitoring_import", importNumber: r[0], rows: 1))
        }
        return problems
    }
}
