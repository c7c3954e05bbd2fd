// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import GRDB
import TrialModel
@testable import TrialStorage

/// The import log: every import chained, every digest recomputed by `verifyIntegrity`, and each
/// tampering of the issue's list named by what it changed.
final class ImportLogTests: TrialStoreTestCase {
    /// The fixture trial enrolled, randomized and recorded, plus a `record --replace` of two weeks.
    func prepared(_ name: String = "effekt.sqlite") throws -> TrialStore {
        let store = try openStore(name)
        try enroll(store)
        try store.randomize()
        try store.record(weeklyPath: path("weekly.csv"), displayName: "weekly.csv")
        let fix = try write("fix.csv", "id,week,paid_hours,activity,mentor,status\np002,1,20,ordinary_job,0,on_benefit\np002,2,21,ordinary_job,0,on_benefit\n")
        try store.record(weeklyPath: fix, displayName: "fix.csv", mode: .replace)
        return store
    }

    func problems(_ store: TrialStore, expectedHead: String? = nil, sources: String? = nil) throws -> [IntegrityProblem] {
        try store.verifyIntegrity(expectedHead: expectedHead, sourcesFolder: sources).problems
    }

    /// Runs SQL as a forger would: straight at the file, triggers dropped first where named.
    func forge(_ store: TrialStore, dropping triggers: [String] = [], _ sql: String) throws {
        try rawExecute(store.path, triggers.map { "DROP TRIGGER \($0);" }.joined() + sql)
    }

    func sequence(of id: String, _ store: TrialStore) throws -> Int {
        try store.participants().first { $0.participant.id.rawValue == id }!.sequence
    }

    func testEveryImportIsChainedAndAnIntactStoreVerifies() throws {
        let store = try prepared()
        let log = try store.importLog()
        XCTAssertEqual(log.map(\.kind), ["trial_file", "roster", "allocation", "weekly", "weekly"])
        XCTAssertEqual(log.map(\.entry), [1, 2, 3, 4, 5])
        XCTAssertEqual(log[1].rows, 2 * 40, "two groups a participant: enrolment and covariates")
        XCTAssertEqual(log[3].rows, 311)
        XCTAssertEqual(log[1].fileSHA256, try RosterFile.read(path: path("roster.csv"), trial: store.definition).sha256)
        XCTAssertEqual(log[3].fileSHA256, TrialStore.fileSHA256(path("weekly.csv")))
        XCTAssertEqual(log[4].superseded, 2)
        XCTAssertEqual(log[4].rows, 2)
        for (a, b) in zip(log, log.dropFirst()) { XCTAssertEqual(b.previousHash, a.hash) }
        let report = try store.verifyIntegrity()
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(report.head, log.last!.hash)
        XCTAssertEqual(report.entries, 5)
    }

    /// The digest of a weekly import does not depend on the file's row order: a file in the
    /// store's order is digested while it is read, any other order from the stored rows.
    func testRowOrderOfTheFileDoesNotChangeTheDigest() throws {
        let a = try openStore("a.sqlite"), b = try openStore("b.sqlite")
        for s in [a, b] { try enroll(s); try s.randomize() }
        let lines = try String(contentsOfFile: path("weekly.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let shuffled = lines.prefix(2) + lines.dropFirst(2).reversed()
        try a.record(weeklyPath: path("weekly.csv"), displayName: "weekly.csv")
        try b.record(weeklyPath: try write("reversed.csv", shuffled.joined(separator: "\n") + "\n"), displayName: "weekly.csv")
        let (da, db) = (try a.importLog().last!, try b.importLog().last!)
        XCTAssertEqual(da.rowsSHA256, db.rowsSHA256)
        XCTAssertNotEqual(da.fileSHA256, db.fileSHA256)
        XCTAssertEqual(try problems(a), [])
        XCTAssertEqual(try problems(b), [])
    }

    func testAnUpdatedWeekIsNamedByParticipant() throws {
        let store = try prepared()
        let p = try sequence(of: "p003", store)
        try forge(store, "UPDATE weekly SET paid_hours = 37, activity = 'ordinary_job', status = 'flex_job' WHERE participant = \(p) AND week = 4")
        let found = try problems(store)
        XCTAssertEqual(found.count, 1, "\(found)")
        guard case let .weeksDiffer(name, participant, recorded, stored)? = found.first else { return XCTFail("\(found)") }
        XCTAssertEqual(participant, "p003")
        XCTAssertEqual(name.entry, 4)
        XCTAssertEqual(recorded, stored)
        XCTAssertTrue(found[0].description.contains("weekly file weekly.csv"), found[0].description)
        // With the source file (unchanged since the import) the week and column are named.
        let named = try problems(store, sources: dir.path)
        XCTAssertEqual(named.first, .weekDiffers(name, participant: "p003", week: 4, column: "status", inFile: "self_supporting", stored: "flex_job"), "\(named)")
        XCTAssertTrue(named[0].description.contains("Participant 'p003', week 4: status is flex_job in the store but self_supporting in weekly.csv"), named[0].description)
    }

    func testADeletedWeekIsNamedWithTheCounts() throws {
        let store = try prepared()
        let p = try sequence(of: "p010", store)
        try forge(store, dropping: ["weekly_no_delete"], "DELETE FROM weekly WHERE participant = \(p) AND week = 3")
        guard case let .weeksDiffer(_, participant, recorded, stored)? = try problems(store).first else { return XCTFail() }
        XCTAssertEqual(participant, "p010")
        XCTAssertEqual(recorded.map { $0 - 1 }, stored)
        let named = try problems(store, sources: dir.path)
        guard case let .weekDiffers(_, _, week, _, inFile, storedRow)? = named.first else { return XCTFail("\(named)") }
        XCTAssertEqual(week, 3)
        XCTAssertEqual(inFile, "row")
        XCTAssertNil(storedRow)
        XCTAssertTrue(named[0].description.contains("is missing from the store"), named[0].description)
    }

    func testEditedCovariatesAreNamed() throws {
        let store = try prepared()
        try forge(store, dropping: ["participant_no_update"],
                  "UPDATE participant SET covariates = replace(covariates, 'age\u{1F}34', 'age\u{1F}64') WHERE id = 'p001'")
        XCTAssertEqual(try problems(store).map(\.description).first.map { $0.contains("'p001': the baseline covariates differ") }, true)
        guard case let .covariatesDiffer(name, participant)? = try problems(store).first else { return XCTFail() }
        XCTAssertEqual(participant, "p001")
        XCTAssertEqual(name.kind, "roster")
    }

    func testAnEditedEnrolmentIsNamed() throws {
        let store = try prepared()
        try forge(store, dropping: ["participant_no_update"], "UPDATE participant SET municipality = 'Aarhus' WHERE id = 'p002'")
        XCTAssertEqual(try problems(store).first, .enrolmentDiffers(ImportName(try store.importLog()[1]), participant: "p002"))
    }

    func testDeletedImportRecordsAreNamed() throws {
        let store = try prepared()
        try forge(store, dropping: ["weekly_import_no_delete"], "DELETE FROM weekly_import WHERE import = 1")
        XCTAssertEqual(try problems(store), [.importRecordChanged(ImportName(try store.importLog()[3]), field: "the record is missing")])
    }

    func testDeletedImportLogEntriesAreFound() throws {
        let store = try prepared()
        try forge(store, dropping: ["import_log_no_delete"], "DELETE FROM import_log WHERE entry = 3")
        XCTAssertTrue(try problems(store).contains { if case .chainBroken = $0 { true } else { false } })
        XCTAssertTrue(try problems(store).contains(.rowsOutsideTheLog(table: "allocation_log", importNumber: 1, rows: 40)))
        // The last entry deleted leaves a valid but shorter chain: its rows are outside the log.
        let other = try prepared("other.sqlite")
        try forge(other, dropping: ["import_log_no_delete"], "DELETE FROM import_log WHERE entry = 5")
        XCTAssertTrue(try problems(other).contains(.rowsOutsideTheLog(table: "weekly", importNumber: 2, rows: 2)))
    }

    func testRewrittenTrialFileAndHashAreFound() throws {
        let store = try prepared()
        let text = try String(contentsOfFile: path("trial.toml"), encoding: .utf8).replacingOccurrences(of: "seed = 20160301", with: "seed = 7")
        try forge(store, dropping: ["trial_file_is_fixed_on_update"],
                  "UPDATE trial_file SET text = '\(text.replacingOccurrences(of: "'", with: "''"))', sha256 = '\(SHA256.hex(of: text))'")
        let found = try problems(store)
        XCTAssertEqual(found.first, .trialFileChanged(ImportName(try store.importLog()[0])))
    }

    func testTamperedHistoryIsFound() throws {
        let store = try prepared()
        let p = try sequence(of: "p002", store)
        try forge(store, dropping: ["weekly_history_no_update"], "UPDATE weekly_history SET paid_hours = 33 WHERE participant = \(p) AND week = 1")
        let found = try problems(store)
        guard case let .weeksDiffer(name, participant, _, _)? = found.first else { return XCTFail("\(found)") }
        XCTAssertEqual(participant, "p002")
        XCTAssertEqual(name.entry, 4, "the row was written by the first weekly import")
        // A row moved into the history as if replaced is caught by the replacing import's digest.
        let other = try prepared("other.sqlite")
        let q = try sequence(of: "p005", other)
        try forge(other, dropping: ["weekly_no_delete"], """
            INSERT INTO weekly_history SELECT participant, week, paid_hours, activity, mentor, status, import, 2 FROM weekly
              WHERE participant = \(q) AND week = 4;
            DELETE FROM weekly WHERE participant = \(q) AND week = 4;
            """)
        let found2 = try problems(other)
        XCTAssertTrue(found2.contains(.supersededRowsDiffer(ImportName(try other.importLog()[4]), recorded: 2, stored: 3)), "\(found2)")
    }

    func testRowsAddedUnderAnUnloggedImportAreFound() throws {
        let store = try prepared()
        try forge(store, "INSERT INTO weekly (participant, week, paid_hours, activity, mentor, status, import) VALUES (1, 9, 0, 'none', 0, 'on_benefit', 9)")
        XCTAssertEqual(try problems(store), [.rowsOutsideTheLog(table: "weekly", importNumber: 9, rows: 1)])
    }

    /// An editor who recomputes the whole chain after changing rows passes every digest, but the
    /// head is no longer the one an earlier report printed.
    func testAnAttackerWhoRecomputesTheChainIsCaughtByTheExpectedHead() throws {
        let store = try prepared()
        let earlierHead = try store.head()
        XCTAssertEqual(try problems(store, expectedHead: String(earlierHead.prefix(16))), [])
        XCTAssertEqual(try problems(store, expectedHead: earlierHead.uppercased()), [])
        let p = try sequence(of: "p003", store)
        try forge(store, dropping: ["import_log_no_delete"], """
            UPDATE weekly SET paid_hours = 37 WHERE participant = \(p);
            DELETE FROM import_log;
            """)
        try DatabaseQueue(path: store.path).write { db in try StoreSchema.chainExistingImports(db) }
        XCTAssertEqual(try problems(store), [], "the recomputed chain is self-consistent")
        XCTAssertEqual(try problems(store, expectedHead: String(earlierHead.prefix(16))),
                       [.headDiffers(expected: String(earlierHead.prefix(16)), head: try store.head())])
    }

    func testSourcesEditedAfterImportAreNamed() throws {
        let store = try prepared()
        XCTAssertEqual(try problems(store, sources: dir.path), [])
        var roster = try String(contentsOfFile: path("roster.csv"), encoding: .utf8)
        roster = roster.replacingOccurrences(of: "p001,København", with: "p001,Aarhus")
        _ = try write("roster.csv", roster)
        try FileManager.default.removeItem(atPath: path("fix.csv"))
        let found = try problems(store, sources: dir.path)
        XCTAssertEqual(found.count, 2, "\(found)")
        guard case let .sourceDiffers(name, changed, _) = found[0], case let .sourceMissing(_, missing) = found[1] else { return XCTFail("\(found)") }
        XCTAssertEqual(name.kind, "roster")
        XCTAssertEqual(changed, path("roster.csv"))
        XCTAssertEqual(missing, path("fix.csv"))
    }

    /// The canonical bytes are documented: one weekly row hashed by hand gives the recorded digest.
    func testWeeklyDigestFollowsTheDocumentedBytes() throws {
        let store = try prepared()
        let fixEntry = try store.importLog()[4]
        let p = Int64(try sequence(of: "p002", store))
        var bytes = [UInt8]()
        func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        func text(_ s: String) { withUnsafeBytes(of: UInt32(s.utf8.count).littleEndian) { bytes += $0 }; bytes += Array(s.utf8) }
        for (week, hours) in [(1, 20.0), (2, 21.0)] {
            int(p); int(Int64(week)); int(Int64(bitPattern: hours.bitPattern)); text("ordinary_job"); int(0); text("on_benefit")
        }
        var h = SHA256()
        h.update(bytes)
        XCTAssertEqual(fixEntry.rowsSHA256, h.finalizeHex())
        // The fingerprint of the one group (participant p002): field by field, 8-byte words.
        var fp: UInt64 = 0xcbf2_9ce4_8422_2325
        func fold(_ w: UInt64) { fp = (fp ^ w) &* 0x100_0000_01b3 }
        func foldText(_ s: String) {
            let b = Array(s.utf8)
            fold(UInt64(b.count))
            for start in stride(from: 0, to: b.count, by: 8) {
                var word: UInt64 = 0
                for (k, x) in b[start..<min(start + 8, b.count)].enumerated() { word |= UInt64(x) << (8 * UInt64(k)) }
                fold(word)
            }
        }
        for (week, hours) in [(1, 20.0), (2, 21.0)] {
            fold(UInt64(p)); fold(UInt64(week)); fold(hours.bitPattern); foldText("ordinary_job"); fold(0); foldText("on_benefit")
        }
        var expected = [UInt8]()
        withUnsafeBytes(of: p.littleEndian) { expected += $0 }
        withUnsafeBytes(of: UInt32(2).littleEndian) { expected += $0 }
        withUnsafeBytes(of: fp.littleEndian) { expected += $0 }
        let full = try DatabaseQueue(path: store.path).read { db in try ImportLog.entries(db)[4].fingerprints }
        XCTAssertEqual(full, expected)
    }
}
