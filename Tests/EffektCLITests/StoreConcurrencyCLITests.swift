// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import GRDB
import TestSupport

/// Two Effekt processes at one store: the second writer waits and then succeeds, or names the
/// lock; two first enrolments never leave an empty store; a newer or foreign store is refused.
final class StoreConcurrencyCLITests: CLITestCase {
    /// Starts `effekt arguments…` in the working folder without waiting.
    func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = arguments
        p.currentDirectoryURL = dir
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        return (p, err)
    }

    func finish(_ started: (Process, Pipe)) -> (status: Int32, err: String) {
        let e = started.1.fileHandleForReading.readDataToEndOfFile()
        started.0.waitUntilExit()
        return (started.0.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    func testTwoFirstEnrolmentsAtOnceBothLandInOneWholeStore() throws {
        try copy("Tests/Fixtures/trial")
        for round in 1...5 {
            for name in ["effekt.sqlite", "effekt.sqlite-wal", "effekt.sqlite-shm"] { try? FileManager.default.removeItem(at: dir.appendingPathComponent(name)) }
            let a = try start(["enroll", "roster.csv"]), b = try start(["enroll", "roster-later.csv"])
            let (ra, rb) = (finish(a), finish(b))
            XCTAssertEqual(ra.status, 0, "round \(round): \(ra.err)")
            XCTAssertEqual(rb.status, 0, "round \(round): \(rb.err)")
            let size = (try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("effekt.sqlite").path)[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size, 0, "round \(round): an empty store")
            let verified = try ok("verify")
            XCTAssertTrue(verified.contains("Verified 3 imports"), "round \(round): \(verified)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".new-") }, [])
        }
    }

    func testTwoWritersTheSecondWaitsThenSucceeds() throws {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        try ok("enroll", "roster-later.csv")
        try ok("randomize")
        try write("later.csv", "id,week,paid_hours,activity,mentor,status\np041,1,1,ordinary_job,0,on_benefit\n")
        let a = try start(["record", "weekly.csv"]), b = try start(["record", "later.csv"])
        let (ra, rb) = (finish(a), finish(b))
        XCTAssertEqual([ra.status, rb.status], [0, 0], ra.err + rb.err)
        let out = try ok("verify")
        XCTAssertTrue(out.contains("Verified 6 imports"), out)
    }

    func testALockHeldLongerThanTheWaitIsNamed() throws {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        let holder = try DatabaseQueue(path: dir.appendingPathComponent("effekt.sqlite").path)
        try holder.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let started = Date()
            let r = try run(["randomize", "--busy-timeout", "0.5"])
            XCTAssertEqual(r.status, 1)
            XCTAssertTrue(r.err.contains("Another Effekt process is writing to the store"), r.err)
            XCTAssertTrue(r.err.contains("--busy-timeout"), r.err)
            XCTAssertFalse(r.err.contains("SQL"), r.err)
            XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.5)
            // Readers are not blocked by a writer.
            XCTAssertEqual(try run(["status"]).status, 0)
            try db.execute(sql: "ROLLBACK")
        }
        try ok("randomize")
    }

    func testNewerAndForeignStoresAreRefusedUntouched() throws {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        try sql("INSERT INTO grdb_migrations (identifier) VALUES ('a change made by a later Effekt')")
        try fails(["randomize"], mentioning: ["was made by a newer Effekt", "a change made by a later Effekt", "It was not changed"])
        try ok("status")
        let app = dir.appendingPathComponent("app.db").path
        try DatabaseQueue(path: app).write { db in try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        let before = FileManager.default.contents(atPath: app)
        for command in [["verify"], ["status"], ["record", "weekly.csv"], ["enroll", "roster-later.csv"]] {
            try fails(command + ["--store", "app.db"], mentioning: ["app.db is not an Effekt trial store", "It was not changed"])
        }
        XCTAssertEqual(FileManager.default.contents(atPath: app), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: app + "-wal"))
    }

    /// A store that cannot be written (immutable file in an immutable folder — `chattr +i`, which
    /// holds even for root) is read by the read-only commands and refused with a sentence by a
    /// writer. Skipped, saying so, where the file system has no immutable flag.
    func testAReadOnlyStoreIsReadAndRefusedForWriting() throws {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        try ok("randomize")
        let sub = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for f in ["trial.toml", "effekt.sqlite", "weekly.csv"] {
            try FileManager.default.copyItem(at: dir.appendingPathComponent(f), to: sub.appendingPathComponent(f))
        }
        func chattr(_ flag: String) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            p.arguments = [flag, sub.appendingPathComponent("effekt.sqlite").path, sub.path]
            p.standardError = Pipe()
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr"), try chattr("+i") == 0 else {
            throw XCTSkip("no immutable flag here (chattr +i failed): the read-only store is not tested on this machine")
        }
        defer { _ = try? chattr("-i") }
        let before = FileManager.default.contents(atPath: sub.appendingPathComponent("effekt.sqlite").path)
        let verify = try EffektProcess.run(["verify"], in: sub)
        XCTAssertEqual(verify.status, 0, verify.err)
        XCTAssertTrue(verify.out.contains("Verified 3 imports"), verify.out)
        XCTAssertEqual(try EffektProcess.run(["status"], in: sub).status, 0)
        let record = try EffektProcess.run(["record", "weekly.csv"], in: sub)
        XCTAssertEqual(record.status, 1)
        XCTAssertTrue(record.err.contains("is read-only"), record.err)
        XCTAssertEqual(FileManager.default.contents(atPath: sub.appendingPathComponent("effekt.sqlite").path), before)
    }
}
