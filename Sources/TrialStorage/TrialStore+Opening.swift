// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import GRDBSQLite
import TrialModel

/// How a command uses the store.
public enum StoreAccess: Sendable {
    /// Reading only: nothing is written — no migration, no journal switch — and a read-only file
    /// (or a store on read-only media) can be read.
    case read
    /// Reading and writing an existing store, migrated to this Effekt's schema first.
    case write
    /// As `write`, creating the store when there is none.
    case create
}

extension TrialStore {
    /// Opens `path` read-only; a file that cannot be opened so (read-only file in a read-only
    /// folder, WAL files that cannot be made) is opened as immutable.
    static func openReadOnly(path: String, busyTimeout: Double) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.label = "effekt"
        config.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        } catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB {
            throw TrialStoreError.notAnEffektStore(path: path)
        } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_READONLY_ROLLBACK {
            // A write was interrupted (a crash during a large `record` under the rollback
            // journal): its hot journal must be played back before anyone reads. That restores
            // the last committed state, which is what SQLite does for any connection that may
            // write; a read-only connection cannot.
            guard access(path, W_OK) == 0 else { throw TrialStoreError.interruptedWrite(path: path) }
            try wrap("rolling back an interrupted write") {
                let queue = try DatabaseQueue(path: path, configuration: {
                    var c = Configuration(); c.busyMode = .timeout(busyTimeout); return c }())
                _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            }
            return try openReadOnly(path: path, busyTimeout: busyTimeout)
        } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY {
            throw TrialStoreError.busy
        } catch let e as DatabaseError where access(path, W_OK) != 0 || e.resultCode == .SQLITE_CANTOPEN {
            let uri = "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
            do {
                let queue = try DatabaseQueue(path: uri, configuration: config)
                _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
                return queue
            } catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB {
                throw TrialStoreError.notAnEffektStore(path: path)
            } catch {
                throw TrialStoreError.sqlite(message: e.message ?? "\(e.resultCode)", sql: "open")
            }
        }
    }

    /// Opens `path` to write: WAL journal (set once; a store already in WAL is left alone),
    /// foreign keys on, waiting `busyTimeout` seconds for another writer.
    static func openWritable(path: String, busyTimeout: Double) throws -> DatabaseQueue {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.label = "effekt"
        config.busyMode = .timeout(busyTimeout)
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: config) } catch let e as DatabaseError
            where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(e.resultCode.primaryResultCode) {
            throw TrialStoreError.readOnlyStore(path: path)
        }
        try wrap("PRAGMA journal_mode=WAL") {
            try queue.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode=WAL")
                }
                try db.execute(sql: "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144")
            }
        }
        return queue
    }

    /// Builds a new store under a temporary name beside `path` — schema, trial file, the first
    /// import log entry — and links it into place whole. When another process linked its store
    /// first, that store is kept and this one is discarded.
    static func create(path: String, trial: TrialFile) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) } }
        do {
            let queue = try openWritable(path: temporary, busyTimeout: 0)
            try wrap("migrations") { try StoreSchema.migrator.migrate(queue) }
            try wrap("INSERT INTO trial_file") {
                try queue.write { db in
                    let now = timestamp()
                    try db.execute(sql: "INSERT INTO trial_file (id, path, sha256, text, created_at, effekt_version) VALUES (1, ?, ?, ?, ?, ?)",
                                   arguments: [trial.path, trial.sha256, trial.text, now, EffektVersion.current])
                    let (written, _) = try ImportKind.trialFile.digests(db, reference: 1)
                    try ImportLog.append(db, kind: .trialFile, reference: 1, file: trial.path, fileSHA256: trial.sha256,
                                         written: written, importedAt: now)
                }
            }
            try wrap("close") { try queue.close() }
        }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw TrialStoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

extension StoreSchema {
    /// The migrations applied to the store, or nil when the file is not an Effekt store (no
    /// trial file table, no migration table: another database, or an empty file).
    static func appliedMigrations(_ db: Database) throws -> Set<String>? {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        guard tables.contains("grdb_migrations"), tables.contains("trial_file") else { return nil }
        return try migrator.appliedIdentifiers(db)
    }

    /// A migration the store has that this Effekt does not know (it was made by a newer one).
    static func unknownMigration(in applied: Set<String>) -> String? {
        let known = Set(migrator.migrations)
        return applied.subtracting(known).sorted().first
    }
}

extension TrialStore {
    /// Weekly files from this size on (64 MiB, about 1.8 million rows) are recorded under a
    /// rollback journal instead of the write-ahead log.
    public static let rollbackJournalFromBytes = 64 << 20

    /// Switches the store from its write-ahead log to a rollback journal (`DELETE`,
    /// `synchronous=FULL`) for one large append, when no other connection has the store open.
    ///
    /// Why: in WAL mode every page of a large import is written twice — into the log, then by
    /// the checkpoint into the database. Under a rollback journal, pages appended past the old end
    /// of the file are not journalled at all, so they are written once; only the few existing
    /// pages the import changes are copied to the journal. The transaction stays atomic and
    /// durable (FULL syncs the journal before the database is touched).
    ///
    /// Returns `false`, leaving WAL in place, when another connection holds the store (SQLite
    /// refuses the switch then; it is not waited for).
    static func enterRollbackJournal(_ db: Database) throws -> Bool {
        guard try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" else { return false }
        let connection = db.sqliteConnection
        sqlite3_busy_timeout(connection, 0)
        defer {
            if case .timeout(let seconds) = db.configuration.busyMode { sqlite3_busy_timeout(connection, Int32(seconds * 1000)) }
        }
        do {
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode=DELETE") == "delete" else { return false }
        } catch let e as DatabaseError where e.resultCode.primaryResultCode == .SQLITE_BUSY
            || e.resultCode.primaryResultCode == .SQLITE_LOCKED {
            return false
        }
        try db.execute(sql: "PRAGMA synchronous=FULL")
        return true
    }

    /// Returns the store to its write-ahead log after `enterRollbackJournal`. Should SQLite
    /// refuse (it does not while this connection is the only one), the store stays valid under
    /// its rollback journal, and the next writable opening switches it back to WAL.
    static func returnToWriteAheadLog(_ db: Database) {
        _ = try? db.execute(sql: "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
    }
}
