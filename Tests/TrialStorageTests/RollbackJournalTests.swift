// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
import TrialStorage
import GRDB

/// Large weekly files are recorded under a rollback journal instead of the write-ahead log (the
/// threshold is lowered to 0 bytes here so the small fixtures take that path): the stored rows are
/// those WAL stores; a refused file leaves the store unchanged; the store is in WAL again
/// afterwards; and while another connection holds the store the switch is not made (nor waited
/// for) and the file is recorded under WAL.
final class RollbackJournalTests: TrialStoreTestCase {
    func prepared(_ name: String) throws -> TrialStore {
        let store = try openStore(name)
        try enroll(store)
        try store.randomize()
        return store
    }

    func journalMode(_ storePath: String) throws -> String? {
        try DatabaseQueue(path: storePath).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    }

    func weeklyRows(_ storePath: String) throws -> [String] {
        try DatabaseQueue(path: storePath).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM weekly ORDER BY participant, week").map(\.description)
        }
    }

    /// Bytes in the write-ahead log: pages written through it (0 or no file: none).
    func walBytes(_ storePath: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: storePath + "-wal")[.size] as? Int) ?? 0
    }

    func testTheSameRowsAsUnderTheWriteAheadLogAndWALAfterwards() throws {
        let underWAL = try prepared("wal.sqlite")
        let underRollback = try prepared("rollback.sqlite")
        let walBefore = walBytes(underRollback.path)
        let a = try underWAL.record(weeklyPath: path("weekly.csv"), now: "2026-12-01T12:00:00Z")
        let b = try underRollback.record(weeklyPath: path("weekly.csv"), now: "2026-12-01T12:00:00Z", rollbackJournalFromBytes: 0)
        XCTAssertEqual(a.rows, 311)
        XCTAssertEqual(b.rows, a.rows)
        XCTAssertEqual(b.sha256, a.sha256)
        XCTAssertEqual(try weeklyRows(underRollback.path), try weeklyRows(underWAL.path))
        XCTAssertEqual(try journalMode(underRollback.path), "wal")
        XCTAssertGreaterThan(walBytes(underWAL.path), 0, "the WAL store wrote its pages through the log")
        XCTAssertLessThanOrEqual(walBytes(underRollback.path), walBefore, "no page of the import went through the log")
        // and the store goes on: a second file under the rollback journal, then one under WAL
        let fix = try write("fix.csv", "id,week,paid_hours,activity,mentor,status\np001,1,20,ordinary_job,0,on_benefit\n")
        XCTAssertEqual(try underRollback.record(weeklyPath: fix, mode: .replace, rollbackJournalFromBytes: 0).replaced, 1)
        XCTAssertEqual(try underRollback.record(weeklyPath: fix, mode: .replace).replaced, 1)
        XCTAssertEqual(try journalMode(underRollback.path), "wal")
        XCTAssertTrue(try underRollback.verifyIntegrity().isIntact)
    }

    func testARefusedFileLeavesTheStoreUnchangedAndInWAL() throws {
        let store = try prepared("effekt.sqlite")
        let before = try dump(store.path)
        var text = "id,week,paid_hours,activity,mentor,status\n"
        for p in 1...30 { for w in 1...8 { text += String(format: "p%03d", p) + ",\(w),1,ordinary_job,0,on_benefit\n" } }
        text += "p031,1,81,ordinary_job,0,on_benefit\n"
        XCTAssertThrowsError(try store.record(weeklyPath: try write("bad.csv", text), displayName: "bad.csv",
                                              rollbackJournalFromBytes: 0)) { e in
            XCTAssertTrue("\(e)".contains("bad.csv, line 242, column paid_hours"), "\(e)")
        }
        XCTAssertEqual(try dump(store.path), before)
        XCTAssertEqual(try journalMode(store.path), "wal")
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.path + "-journal"), "no rollback journal left behind")
    }

    func testAnotherOpenConnectionKeepsTheWriteAheadLog() throws {
        let store = try prepared("effekt.sqlite")
        let other = try DatabaseQueue(path: store.path)
        XCTAssertEqual(try other.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM participant") }, 40)
        let walBefore = walBytes(store.path)
        let started = Date()
        XCTAssertEqual(try store.record(weeklyPath: path("weekly.csv"), rollbackJournalFromBytes: 0).rows, 311)
        XCTAssertLessThan(Date().timeIntervalSince(started), TrialStore.defaultBusyTimeout, "the switch was not waited for")
        XCTAssertGreaterThan(walBytes(store.path), walBefore, "recorded through the log")
        XCTAssertEqual(try other.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM weekly") }, 311)
        XCTAssertEqual(try journalMode(store.path), "wal")
    }

    /// A write interrupted under the rollback journal (the store and its hot journal copied in
    /// the middle of a transaction whose pages were already spilled into the file): opening the
    /// store to read plays the journal back, and the store is as it was before the transaction.
    func testAnInterruptedWriteIsRolledBackBeforeReading() throws {
        do {
            let store = try prepared("effekt.sqlite")
            try store.record(weeklyPath: path("weekly.csv"))
        }
        let original = path("effekt.sqlite"), crashed = path("crashed.sqlite")
        try DatabaseQueue(path: original).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode=DELETE") }
        let before = try dump(original)
        let raw = try DatabaseQueue(path: original)
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size=1; PRAGMA synchronous=FULL; BEGIN IMMEDIATE")
            try db.execute(sql: """
                INSERT INTO weekly SELECT participant, week + 100, paid_hours, activity, mentor, status, import FROM weekly
                """)
            try FileManager.default.copyItem(atPath: original, toPath: crashed)
            try FileManager.default.copyItem(atPath: original + "-journal", toPath: crashed + "-journal")
            try db.execute(sql: "ROLLBACK")
        }
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: crashed)), try Data(contentsOf: URL(fileURLWithPath: original)),
                          "the transaction's pages reached the copied file")
        let reader = try TrialStore.open(path: crashed, trial: try TrialFile.load(path: path("trial.toml")), access: .read)
        XCTAssertFalse(FileManager.default.fileExists(atPath: crashed + "-journal"), "the hot journal was played back")
        XCTAssertEqual(try reader.weeklyRecords().values.reduce(0) { $0 + $1.count }, 311)
        XCTAssertTrue(try reader.verifyIntegrity().isIntact)
        XCTAssertEqual(try dump(crashed), before)
    }
}
