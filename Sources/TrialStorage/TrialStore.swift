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

    /// Opens (or, with `create`, creates) the store at `path` for `trial`.
    ///
    /// - Throws: `.storeMissing` when absent and `create` is false; `.trialChanged` when the
    ///   trial file's SHA-256 differs from the one recorded at creation.
    public static func open(path: String, trial: TrialFile, create: Bool = false) throws -> TrialStore {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw TrialStoreError.storeMissing(path: path) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.label = "effekt"
        let queue = try wrap("open") { try DatabaseQueue(path: path, configuration: config) }
        try wrap("PRAGMA journal_mode=WAL") {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144")
            }
        }
        try wrap("migrations") { try StoreSchema.migrator.migrate(queue) }
        let recorded = try wrap("SELECT path, sha256 FROM trial_file") {
            try queue.read { db in try Row.fetchOne(db, sql: "SELECT path, sha256 FROM trial_file WHERE id = 1") }
        }
        if let row = recorded {
            let rPath: String = row["path"], rSHA: String = row["sha256"]
            if rSHA != trial.sha256 {
                throw TrialStoreError.trialChanged(store: path, recordedPath: rPath, recordedSHA256: rSHA,
                                                   path: trial.path, sha256: trial.sha256)
            }
        } else {
            try wrap("INSERT INTO trial_file") {
                try queue.write { db in
                    try db.execute(sql: "INSERT INTO trial_file (id, path, sha256, text, created_at, effekt_version) VALUES (1, ?, ?, ?, ?, ?)",
                                   arguments: [trial.path, trial.sha256, trial.text, timestamp(), EffektVersion.current])
                }
            }
        }
        return TrialStore(path: path, trial: trial, queue: queue)
    }

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
    public static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// Runs `body`, turning GRDB's errors into `TrialStoreError.sqlite` with the SQL.
    static func wrap<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as DatabaseError {
            throw TrialStoreError.sqlite(message: e.message ?? "\(e.resultCode)", sql: e.sql ?? what)
        }
    }
}
