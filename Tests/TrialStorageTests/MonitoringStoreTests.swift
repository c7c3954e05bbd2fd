// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import GRDB
import ProgrammeMonitoring
import TrialModel
import TrialStorage

/// The monitoring store: imports of the four monitoring files, refusals that leave the store
/// byte-identical, append-only tables, and `verify` naming a changed row.
final class MonitoringStoreTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-monitoring-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    static let units = """
        unit,name,organisation_form,municipalities,support_start,support_end,approach
        u1,Unit One,single_municipality,Horsens,2003-01-01,2004-12-31,both
        u2,Unit Two,several_small_municipalities,Varde;Billund,2003-01-01,2004-12-31,both

        """
    static let cases = """
        case,unit,contact_source,municipality,benefit,proposed,arranged,status_history,contact_date,placement_date,expected_end
        c1,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,ordinary_work,in_placement@2003-02-01;closed@2003-03-01,2003-02-01,2003-03-01,open
        c2,u1,company_request,Horsens,sickness_benefit,flex_job,sent_back,in_placement@2003-02-10;interrupted@2003-04-01,2003-02-10,2003-04-01,
        c3,u2,own_initiative,Varde,cash_benefit,ordinary_work,,in_placement@2003-05-01,2003-05-01,,

        """

    var store: String { path("monitoring.sqlite") }

    func importAll() throws -> MonitoringStore {
        _ = try MonitoringStore.importFile(.units, path: try write("units.csv", Self.units), displayName: "units.csv", into: store)
        _ = try MonitoringStore.importFile(.cases, path: try write("cases.csv", Self.cases), displayName: "cases.csv", into: store)
        return try MonitoringStore.open(path: store, access: .read)
    }

    func testImportWritesRowsAndAChainedLogThatVerifies() throws {
        let s = try importAll()
        let log = try s.importLog()
        XCTAssertEqual(log.map(\.kind), ["units", "cases"])
        XCTAssertEqual(log.map(\.rows), [2, 3])
        XCTAssertEqual(log[0].fileSHA256, SHA256.hex(of: Self.units))
        XCTAssertEqual(log[1].previousHash, log[0].hash)
        XCTAssertEqual(try s.rowCounts()[.cases], 3)
        let report = try s.verifyIntegrity()
        XCTAssertTrue(report.isIntact, "\(report.problems)")
        XCTAssertEqual(report.entries, 2)
        XCTAssertEqual(report.head, log[1].hash)
        // The stored rows read back through the readers give the same register as the files.
        let exported = dir.appendingPathComponent("exported")
        try FileManager.default.createDirectory(at: exported, withIntermediateDirectories: true)
        XCTAssertEqual(try s.export(to: exported.path), [.units, .cases])
        let fromStore = try CaseRegister.read(unitsPath: exported.appendingPathComponent("units.csv").path,
                                              casesPath: exported.appendingPathComponent("cases.csv").path)
        let fromFiles = try CaseRegister.read(unitsPath: path("units.csv"), casesPath: path("cases.csv"))
        XCTAssertEqual(fromStore.cases, fromFiles.cases)
        XCTAssertEqual(fromStore.units.map(\.id), fromFiles.units.map(\.id))
    }

    /// Each refusal names file, line, column and value, and the store file keeps every byte.
    func testRefusalsLeaveTheStoreByteIdentical() throws {
        _ = try importAll()
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        func refused(_ kind: MonitoringFile, _ name: String, _ text: String, mentions: [String]) throws {
            let file = try write(name, text)
            XCTAssertThrowsError(try MonitoringStore.importFile(kind, path: file, displayName: name, into: store)) { e in
                for m in mentions { XCTAssertTrue("\(e)".contains(m), "\(e) does not mention \(m)") }
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store)), before, "\(name) changed the store")
        }
        // A case already stored (line 3 of the new file).
        try refused(.cases, "more-cases.csv", """
            case,unit,contact_source,municipality,benefit,proposed,arranged,status_history,contact_date,placement_date,expected_end
            c9,u2,own_initiative,Varde,cash_benefit,ordinary_work,,in_placement@2003-05-01,2003-05-01,,
            c2,u2,own_initiative,Varde,cash_benefit,ordinary_work,,in_placement@2003-05-01,2003-05-01,,

            """, mentions: ["more-cases.csv, line 3, column case", "'c2'", "cases.csv line 3"])
        // A unit the store does not hold.
        try refused(.cases, "cases-u7.csv", """
            case,unit,contact_source,municipality,benefit,proposed,arranged,status_history,contact_date,placement_date,expected_end
            c10,u7,own_initiative,Varde,cash_benefit,ordinary_work,,in_placement@2003-05-01,2003-05-01,,

            """, mentions: ["cases-u7.csv, line 2", "u7"])
        // Placement before contact (a reader's rule).
        try refused(.cases, "cases-date.csv", """
            case,unit,contact_source,municipality,benefit,proposed,arranged,status_history,contact_date,placement_date,expected_end
            c11,u1,municipal_referral,Horsens,cash_benefit,ordinary_work,ordinary_work,in_placement@2003-02-01;closed@2003-03-01,2003-02-01,2003-01-01,open

            """, mentions: ["cases-date.csv, line 2, column placement_date", "2003-01-01"])
        // A unit already stored.
        try refused(.units, "units-again.csv", Self.units, mentions: ["units-again.csv, line 2, column unit", "'u1'"])
        // Goals of an unknown unit.
        try refused(.goals, "goals.csv", """
            unit,goal,category,type,target_form,target,revised_target,achieved,measurement,preliminary
            u8,m1,jobs_established,flex_jobs,count,115,,86,agreed,no

            """, mentions: ["goals.csv, line 2", "u8"])
        XCTAssertEqual(try MonitoringStore.open(path: store).importLog().count, 2)
    }

    func testARefusedFirstImportCreatesNoStore() throws {
        let file = try write("cases.csv", Self.cases)
        XCTAssertThrowsError(try MonitoringStore.importFile(.cases, path: file, into: store))
        XCTAssertFalse(FileManager.default.fileExists(atPath: store))
    }

    func testStoredRowsCannotBeUpdatedOrDeleted() throws {
        _ = try importAll()
        let q = try DatabaseQueue(path: store)
        for sql in ["UPDATE registered_case SET status_history = 'closed@2003-03-01' WHERE \"case\" = 'c3'",
                    "DELETE FROM registered_case WHERE \"case\" = 'c3'", "UPDATE placement_unit SET name = 'x'",
                    "DELETE FROM import_log", "UPDATE monitoring_import SET sha256 = ''"] {
            XCTAssertThrowsError(try q.write { db in try db.execute(sql: sql) }, sql)
        }
    }

    /// The forger drops the trigger and rewrites a case's status: verify names the file line and the case.
    func testVerifyNamesATamperedCaseStatus() throws {
        _ = try importAll()
        let q = try DatabaseQueue(path: store)
        try q.write { db in
            try db.execute(sql: """
                DROP TRIGGER registered_case_no_update;
                UPDATE registered_case SET status_history = 'in_placement@2003-05-01;closed@2003-06-01' WHERE "case" = 'c3';
                """)
        }
        try q.close()
        let report = try MonitoringStore.open(path: store).verifyIntegrity()
        XCTAssertEqual(report.problems, [.rowDiffers(entry: 2, file: "cases.csv", line: 4, key: "c3", recordedRows: 1, storedRows: 1)])
        XCTAssertTrue(report.problems[0].description.contains("cases.csv line 4"))
    }

    func testVerifyNamesADeletedRowAndRowsOutsideTheLog() throws {
        _ = try importAll()
        var config = Configuration()
        config.foreignKeysEnabled = false   // the forger's own connection
        let q = try DatabaseQueue(path: store, configuration: config)
        try q.write { db in
            try db.execute(sql: """
                DROP TRIGGER placement_unit_no_delete;
                DELETE FROM placement_unit WHERE unit = 'u2';
                INSERT INTO placement_unit (import, line, unit, name, organisation_form, municipalities, support_start, support_end, approach)
                VALUES (9, 2, 'u9', 'Forged', 'single_municipality', 'Vejle', '2003-01-01', '2004-01-01', 'both');
                """)
        }
        try q.close()
        let problems = try MonitoringStore.open(path: store).verifyIntegrity().problems
        XCTAssertEqual(problems.first, .rowDiffers(entry: 1, file: "units.csv", line: 3, key: nil, recordedRows: 1, storedRows: 0))
        XCTAssertTrue(problems.contains(.rowsOutsideTheLog(table: "placement_unit", importNumber: 9, rows: 1)), "\(problems)")
    }

    func testAnotherDatabaseIsRefusedAndLeftAlone() throws {
        let other = path("other.sqlite")
        let q = try DatabaseQueue(path: other)
        try q.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try q.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        XCTAssertThrowsError(try MonitoringStore.importFile(.units, path: try write("units.csv", Self.units), into: other)) { e in
            XCTAssertEqual(e as? MonitoringStoreError, .notAMonitoringStore(path: other))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: other)), before)
    }
}
