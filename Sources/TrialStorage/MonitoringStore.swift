// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import ProgrammeMonitoring
import TrialModel

/// A monitoring programme's embedded SQLite store (`monitoring.sqlite`): the rows of units.csv,
/// cases.csv, goals.csv and assessments.csv as imported, append-only, with the hash-chained
/// import log of the trial store (`ImportLog`, `RowDigest`).
///
/// Every import is one file and one transaction: the file is read and checked whole by the same
/// reader as every `monitor` command, its rows are checked against the store (a unit, case, goal
/// or assessment already stored is refused; cases and goals must name stored units), and only
/// then written, with the import log entry that records the file's SHA-256 and the digest of the
/// rows written. A refused import leaves the store file byte for byte as it was (a store that did
/// not exist is not created). Stored rows are never updated or deleted (triggers refuse it).
public final class MonitoringStore: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// The store's default path: `monitoring.sqlite` in the data folder.
    public static func defaultPath(inFolder folder: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent("monitoring.sqlite").path
    }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Opens an existing monitoring store, read-only with `.read` (nothing is written: no
    /// migration), else to write (migrated to this Effekt's schema first).
    ///
    /// - Throws: `MonitoringStoreError.storeMissing`, `.notAMonitoringStore` (another database, an
    ///   empty file: left as it is), `.madeByNewerEffekt`; `TrialStoreError.busy` / `.sqlite`.
    public static func open(path: String, access: StoreAccess = .read) throws -> MonitoringStore {
        guard FileManager.default.fileExists(atPath: path) else {
            if access == .create { return try create(path: path) }
            throw MonitoringStoreError.storeMissing(path: path)
        }
        let reader: DatabaseQueue
        do { reader = try TrialStore.openReadOnly(path: path, busyTimeout: TrialStore.defaultBusyTimeout) } catch TrialStoreError.notAnEffektStore {
            throw MonitoringStoreError.notAMonitoringStore(path: path)
        }
        let applied = try TrialStore.wrap("open") { try reader.read { db in try MonitoringSchema.appliedMigrations(db) } }
        guard let applied else {
            try? reader.close()
            throw MonitoringStoreError.notAMonitoringStore(path: path)
        }
        if access == .read { return MonitoringStore(path: path, queue: reader) }
        try? reader.close()
        if let unknown = applied.subtracting(MonitoringSchema.migrator.migrations).sorted().first {
            throw MonitoringStoreError.madeByNewerEffekt(path: path, migration: unknown)
        }
        let queue = try openWritable(path: path)
        try TrialStore.wrap("migrations") { try MonitoringSchema.migrator.migrate(queue) }
        return MonitoringStore(path: path, queue: queue)
    }

    /// Opens `path` to write, in SQLite's rollback-journal mode (the store is one file; a
    /// transaction that is rolled back leaves it as it was), foreign keys on.
    static func openWritable(path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.label = "effekt-monitoring"
        config.busyMode = .timeout(TrialStore.defaultBusyTimeout)
        do { return try DatabaseQueue(path: path, configuration: config) } catch let e as DatabaseError
            where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(e.resultCode.primaryResultCode) {
            throw TrialStoreError.readOnlyStore(path: path)
        }
    }

    /// Builds a new, empty store under a temporary name and links it into place whole (another
    /// process's store linked first is kept).
    static func create(path: String) throws -> MonitoringStore {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { for suffix in ["", "-journal"] { unlink(temporary + suffix) } }
        let queue = try openWritable(path: temporary)
        try TrialStore.wrap("migrations") { try MonitoringSchema.migrator.migrate(queue) }
        try TrialStore.wrap("close") { try queue.close() }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw TrialStoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        return try open(path: path, access: .write)
    }

    /// Imports one monitoring file: checks it whole (the file's reader, then against the store),
    /// writes its rows and appends its import log entry, in one transaction.
    ///
    /// A store that does not exist yet is created only once the file has passed every check.
    /// - Parameters:
    ///   - kind: which file it is (its columns and key).
    ///   - path: the file; `displayName` names it in messages and in the log (default: `path`).
    /// - Returns: the import log entry written.
    /// - Throws: the reader's `MonitoringError` / `TrialModelError`; `MonitoringStoreError.alreadyStored`
    ///   for a row whose key is stored, naming file, line, column and value. Nothing is written.
    /// Complexity: O(rows) reading and hashing, O(rows · log stored rows) key checks.
    public static func importFile(_ kind: MonitoringFile, path: String, displayName: String? = nil, into storePath: String) throws -> ImportLogEntry {
        if !FileManager.default.fileExists(atPath: storePath) {
            // Check against an empty store first, so that a refused first import creates nothing.
            _ = try checked(kind, path: path, displayName: displayName, unitIDs: [], storedKeys: { _ in nil })
            return try open(path: storePath, access: .create).importFile(kind, path: path, displayName: displayName)
        }
        return try open(path: storePath, access: .write).importFile(kind, path: path, displayName: displayName)
    }

    /// Imports one file into this (writable) store; see `importFile(_:path:displayName:into:)`.
    public func importFile(_ kind: MonitoringFile, path: String, displayName: String? = nil) throws -> ImportLogEntry {
        let name = displayName ?? path
        var outcome: Result<ImportLogEntry, Error>?
        try TrialStore.wrap("import \(kind.fileName)") {
            try queue.inTransaction(.immediate) { db in
                do {
                    let units = Set(try String.fetchAll(db, sql: "SELECT unit FROM placement_unit"))
                    let key = try db.makeStatement(sql: """
                        SELECT i.file, r.line FROM \(kind.table) AS r JOIN monitoring_import AS i ON i.import = r.import
                        WHERE \(kind.keyColumns.map { "r.\(MonitoringFile.quoted($0)) = ?" }.joined(separator: " AND "))
                        """)
                    let (rows, sha) = try MonitoringStore.checked(kind, path: path, displayName: displayName, unitIDs: units) { fields in
                        try Row.fetchOne(key, arguments: StatementArguments(fields)).map { ($0[0], $0[1]) }
                    }
                    outcome = .success(try MonitoringStore.write(db, kind, rows: rows, file: name, sha256: sha, comment: MonitoringStore.leadingComment(path)))
                    return .commit
                } catch let e as DatabaseError {
                    throw e
                } catch {
                    outcome = .failure(error)
                    return .rollback
                }
            }
        }
        return try outcome!.get()
    }

    /// The file read and checked, then each row's key looked up in the store (`storedKeys` gives
    /// the file and line a stored key came from, or nil).
    static func checked(_ kind: MonitoringFile, path: String, displayName: String?, unitIDs: Set<String>,
                        storedKeys: ([String]) throws -> (String, Int)?) throws -> (rows: [MonitoringFile.RawRow], sha256: String) {
        let (rows, sha) = try kind.read(path: path, displayName: displayName, unitIDs: unitIDs)
        let keyIndex = kind.keyColumns.map { kind.columns.firstIndex(of: $0)! }
        for row in rows {
            let key = keyIndex.map { row.fields[$0] }
            if let (file, line) = try storedKeys(key) {
                throw MonitoringStoreError.alreadyStored(SourceLocation(file: displayName ?? path, line: row.line, column: kind.keyColumns.last!),
                                                         key: key.joined(separator: "/"), file: file, line: line)
            }
        }
        return (rows, sha)
    }

    /// Writes the import record, the rows and the log entry (in the caller's transaction).
    static func write(_ db: Database, _ kind: MonitoringFile, rows: [MonitoringFile.RawRow], file: String, sha256: String,
                      comment: String) throws -> ImportLogEntry {
        let now = TrialStore.timestamp()
        try db.execute(sql: "INSERT INTO monitoring_import (kind, file, sha256, rows, imported_at, comment) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [kind.rawValue, file, sha256, rows.count, now, comment])
        let reference = Int(db.lastInsertedRowID)
        let columns = kind.columns.map(MonitoringFile.quoted).joined(separator: ", ")
        let insert = try db.makeStatement(sql: """
            INSERT INTO \(kind.table) (import, line, \(columns)) VALUES (?, ?, \(kind.columns.map { _ in "?" }.joined(separator: ", ")))
            """)
        for row in rows {
            try insert.execute(arguments: StatementArguments([reference, row.line] as [any DatabaseValueConvertible]) + StatementArguments(row.fields))
        }
        let written = try kind.digest(db, reference: reference)
        return try ImportLog.append(db, kindName: kind.rawValue, reference: reference, file: file, fileSHA256: sha256,
                                    written: written, importedAt: now)
    }

    /// The file's first line without its `# ` when it is a comment line, else "".
    static func leadingComment(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        let first = head.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard first.hasPrefix("#") else { return "" }
        return String(first.dropFirst().drop { $0 == " " }).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The import log in order.
    public func importLog() throws -> [ImportLogEntry] {
        try TrialStore.wrap("SELECT FROM import_log") { try queue.read { db in try ImportLog.entries(db, withFingerprints: false) } }
    }

    /// The store's head: the hash of the last import log entry (64 zeros when nothing is imported).
    public func head() throws -> String {
        try TrialStore.wrap("SELECT FROM import_log") { try queue.read { db in try ImportLog.head(db) } }
    }
}
