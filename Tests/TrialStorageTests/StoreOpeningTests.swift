// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import GRDB
import TrialModel
@testable import TrialStorage

/// Opening a store: foreign and empty files are refused unchanged, a newer store is refused for
/// writing, reading writes nothing, a busy store is waited for, a new store appears whole.
final class StoreOpeningTests: TrialStoreTestCase {
    func trial() throws -> TrialFile { try TrialFile.load(path: path("trial.toml")) }

    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }

    func testAForeignDatabaseIsRefusedAndNotChanged() throws {
        let q = try DatabaseQueue(path: path("app.db"))
        try q.write { db in try db.execute(sql: "CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('mine')") }
        try q.close()
        let before = bytes("app.db")
        for access in [StoreAccess.read, .write, .create] {
            XCTAssertThrowsError(try TrialStore.open(path: path("app.db"), trial: trial(), access: access)) { e in
                XCTAssertEqual(e as? TrialStoreError, .notAnEffektStore(path: path("app.db")))
            }
        }
        XCTAssertEqual(bytes("app.db"), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("app.db-wal")))
    }

    func testAnEmptyOrNonDatabaseFileIsRefusedAndNotChanged() throws {
        for (name, content) in [("empty.sqlite", Data()), ("text.sqlite", Data("id,week\n".utf8))] {
            FileManager.default.createFile(atPath: path(name), contents: content)
            for access in [StoreAccess.read, .create] {
                XCTAssertThrowsError(try TrialStore.open(path: path(name), trial: trial(), access: access)) { e in
                    XCTAssertEqual(e as? TrialStoreError, .notAnEffektStore(path: path(name)), name)
                }
            }
            XCTAssertEqual(bytes(name), content, name)
        }
    }

    func testAStoreOfANewerEffektIsRefusedForWritingButRead() throws {
        let store = try openStore()
        try enroll(store)
        try rawExecute(store.path, "INSERT INTO grdb_migrations (identifier) VALUES ('a change made by a later Effekt')")
        XCTAssertThrowsError(try TrialStore.open(path: store.path, trial: trial(), access: .write)) { e in
            XCTAssertEqual(e as? TrialStoreError, .madeByNewerEffekt(path: store.path, migration: "a change made by a later Effekt"))
            XCTAssertTrue("\(e)".contains("was made by a newer Effekt"))
        }
        XCTAssertEqual(try TrialStore.open(path: store.path, trial: trial(), access: .read).participants().count, 40)
    }

    /// A store made before the import log: reading it says it cannot be verified; the first
    /// opening to write enters its imports in time order, and it verifies from then on.
    func testAStoreFromBeforeTheImportLogIsChainedWhenOpenedToWrite() throws {
        let storePath = path("effekt.sqlite")
        do {
            let store = try openStore()
            try enroll(store)
            try store.randomize()
            try store.record(weeklyPath: path("weekly.csv"))
        }
        try rawExecute(storePath, """
            DROP TABLE import_log; DROP TRIGGER participant_no_update; DROP TRIGGER participant_no_delete;
            DROP TRIGGER weekly_no_delete; DROP TRIGGER roster_import_no_update; DROP TRIGGER roster_import_no_delete;
            DROP TRIGGER weekly_import_no_update; DROP TRIGGER weekly_import_no_delete; DROP INDEX weekly_history_superseded;
            DELETE FROM grdb_migrations WHERE identifier = 'chain every import in an append-only import log';
            """)
        XCTAssertEqual(try TrialStore.open(path: storePath, trial: trial(), access: .read).verifyIntegrity().problems, [.noImportLog])
        let upgraded = try TrialStore.open(path: storePath, trial: trial(), access: .write)
        XCTAssertEqual(try upgraded.importLog().map(\.kind), ["trial_file", "roster", "allocation", "weekly"])
        XCTAssertEqual(try upgraded.verifyIntegrity().problems, [])
    }

    /// Opened to read, nothing is written: no migration, no journal switch, the files unchanged.
    func testReadingWritesNothing() throws {
        let storePath = path("effekt.sqlite")
        do {
            let store = try openStore()
            try enroll(store)
            try store.randomize()
            try store.record(weeklyPath: path("weekly.csv"))
        }
        // A store in rollback-journal mode: reading keeps it so (no switch to WAL).
        try DatabaseQueue(path: storePath).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode=DELETE") }
        let before = [bytes("effekt.sqlite"), bytes("effekt.sqlite-wal")]
        let reader = try TrialStore.open(path: storePath, trial: trial(), access: .read)
        XCTAssertEqual(try reader.verifyIntegrity().problems, [])
        _ = try reader.status()
        XCTAssertEqual(try reader.verify(), [])
        XCTAssertEqual([bytes("effekt.sqlite"), bytes("effekt.sqlite-wal")], before)
        let mode = try DatabaseQueue(path: storePath).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "delete")
    }

    /// A writer waits for another process's write transaction, then writes; a wait that runs out
    /// says another Effekt process is writing.
    func testABusyStoreIsWaitedForThenNamed() throws {
        let store = try openStore()
        try enroll(store)
        let holder = try DatabaseQueue(path: store.path)
        let release = DispatchSemaphore(value: 0), held = DispatchSemaphore(value: 0)
        let thread = Thread {
            try? holder.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                held.signal()
                release.wait()
                try db.execute(sql: "COMMIT")
            }
        }
        thread.start()
        held.wait()
        let short = try TrialStore.open(path: store.path, trial: trial(), access: .write, busyTimeout: 0.3)
        let start = Date()
        XCTAssertThrowsError(try short.randomize()) { e in
            XCTAssertEqual(e as? TrialStoreError, .busy)
            XCTAssertTrue("\(e)".contains("Another Effekt process is writing to the store"))
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.25)
        let patient = try TrialStore.open(path: store.path, trial: trial(), access: .write, busyTimeout: 30)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { release.signal() }
        XCTAssertEqual(try patient.randomize().assigned, 40)
    }

    /// Stores created at once by several threads: exactly one is linked into place, whole; every
    /// opener sees it and no temporary file is left.
    func testConcurrentCreationLeavesOneWholeStore() throws {
        let trial = try trial()
        let target = path("new.sqlite")
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { _ = try TrialStore.open(path: target, trial: trial, access: .create, busyTimeout: 30); results.add(nil) }
            catch { results.add("\(error)") }
        }
        XCTAssertEqual(results.errors, [])
        let reopened = try TrialStore.open(path: target, trial: trial, access: .read)
        XCTAssertEqual(try reopened.importLog().map(\.kind), ["trial_file"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".new.sqlite") }, [])
    }
}

/// Errors collected from concurrent work.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var errors = [String]()
    func add(_ error: String?) { lock.lock(); if let error { errors.append(error) }; lock.unlock() }
}
