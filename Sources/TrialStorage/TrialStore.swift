// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import TrialModel
import Randomization

/// A trial's embedded SQLite store: participants, the append-only allocation log, weekly
/// records and their history. Every import is one transaction: all of a file or nothing.
///
/// Open it with `TrialStore.open(path:trial:create:)`; the store records the trial file and its
/// SHA-256 when created and refuses a trial file whose hash differs afterwards.
public final class TrialStore: Sendable {
    public let path: String
    public let trial: TrialFile
    let queue: DatabaseQueue

    /// The definition the store works with.
    public var definition: TrialDefinition { trial.definition }

    /// The store's default path: `effekt.sqlite` beside the trial file.
    public static func defaultPath(besideTrial trialPath: String) -> String {
        URL(fileURLWithPath: trialPath).deletingLastPathComponent().appendingPathComponent("effekt.sqlite").path
    }

    /// Opens (or, with `create`, creates) the store at `path` for `trial`, to write.
    public static func open(path: String, trial: TrialFile, create: Bool) throws -> TrialStore {
        try open(path: path, trial: trial, access: create ? .create : .write)
    }

    /// Opens the store at `path` for `trial`.
    ///
    /// Before anything is written the file is opened read-only and checked: a file that is not an
    /// Effekt store (another SQLite database, an empty file, no database at all) is refused and
    /// never modified; a store that a newer Effekt migrated is refused for writing. With `.read`
    /// nothing is written at all — no migration, no journal switch — so a read-only file works.
    /// A new store is built under a temporary name and linked into place whole, so that two
    /// first enrolments at once never leave an empty or half-made store. A store that another
    /// process is writing is waited for up to `busyTimeout` seconds.
    ///
    /// - Throws: `.storeMissing` when absent and `access` is not `.create`; `.notAnEffektStore`;
    ///   `.madeByNewerEffekt`; `.trialChanged` when the trial file's SHA-256 differs from the one
    ///   recorded at creation; `.busy` when the wait runs out.
    public static func open(path: String, trial: TrialFile, access: StoreAccess,
                            busyTimeout: Double = TrialStore.defaultBusyTimeout) throws -> TrialStore {
        if !FileManager.default.fileExists(atPath: path) {
            guard access == .create else { throw TrialStoreError.storeMissing(path: path) }
            try create(path: path, trial: trial)
        }
        let reader = try openReadOnly(path: path, busyTimeout: busyTimeout)
        let applied = try wrap("open") { try reader.read { db in try StoreSchema.appliedMigrations(db) } }
        guard let applied else {
            try? reader.close()
            throw TrialStoreError.notAnEffektStore(path: path)
        }
        let queue: DatabaseQueue
        if access == .read {
            queue = reader
        } else {
            try? reader.close()
            if let unknown = StoreSchema.unknownMigration(in: applied) {
                throw TrialStoreError.madeByNewerEffekt(path: path, migration: unknown)
            }
            queue = try openWritable(path: path, busyTimeout: busyTimeout)
            try wrap("migrations") { try StoreSchema.migrator.migrate(queue) }
        }
        let recorded = try wrap("SELECT path, sha256 FROM trial_file") {
            try queue.read { db in try Row.fetchOne(db, sql: "SELECT path, sha256 FROM trial_file WHERE id = 1") }
        }
        guard let row = recorded else { throw TrialStoreError.notAnEffektStore(path: path) }
        let rPath: String = row["path"], rSHA: String = row["sha256"]
        if rSHA != trial.sha256 {
            throw TrialStoreError.trialChanged(store: path, recordedPath: rPath, recordedSHA256: rSHA,
                                               path: trial.path, sha256: trial.sha256)
        }
        return TrialStore(path: path, trial: trial, queue: queue)
    }

    /// Seconds a command waits for another process's write before giving up.
    public static let defaultBusyTimeout: Double = 10

    private init(path: String, trial: TrialFile, queue: DatabaseQueue) {
        self.path = path
        self.trial = trial
        self.queue = queue
    }

    /// The trial file path and SHA-256 recorded when the store was created.
    public func recordedTrialFile() throws -> (path: String, sha256: String) {
        try TrialStore.wrap("SELECT trial_file") {
            try queue.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT path, sha256 FROM trial_file WHERE id = 1")!
                return (row["path"], row["sha256"])
            }
        }
    }

    /// The current UTC time as ISO 8601 (`2026-11-23T01:02:03Z`).
    /// Whole seconds, rounded down as `ISO8601DateFormatter` does; made from the calendar fields
    /// of `gmtime_r` because a formatter per call was 8 % of a served enrolment's time.
    public static func timestamp(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        gmtime_r(&seconds, &t)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = Int(t.tm_year) + 1900
        let y = year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(y)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec))Z"
    }

    /// Runs `body`, turning GRDB's errors into `TrialStoreError.busy` when another process held
    /// the store through the whole wait, else `.sqlite` with the SQL.
    static func wrap<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as DatabaseError {
            if e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED { throw TrialStoreError.busy }
            throw TrialStoreError.sqlite(message: e.message ?? "\(e.resultCode)", sql: e.sql ?? what)
        }
    }
}
