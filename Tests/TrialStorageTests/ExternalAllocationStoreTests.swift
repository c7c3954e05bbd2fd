// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
import Randomization
import TrialStorage

/// Imported allocations (Tests/Fixtures/external: the fixture roster with an allocation drawn by
/// make_external.py, Python's random.Random, outside Effekt).
final class ExternalAllocationStoreTests: TrialStoreTestCase {
    static let external = TrialStoreTestCase.fixtures.deletingLastPathComponent().appendingPathComponent("external")

    override func setUpWithError() throws {
        try super.setUpWithError()
        for f in ["trial.toml", "allocation.csv"] {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(f))
            try FileManager.default.copyItem(at: Self.external.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
    }

    func allocation(_ name: String = "allocation.csv", store: TrialStore) throws -> ImportedAllocationFile {
        try ImportedAllocationFile.read(path: path(name), displayName: name, trial: store.definition)
    }

    /// The file's rows as (id → arm), read independently of Effekt's reader.
    func armsInFile(_ name: String = "allocation.csv") throws -> [String: String] {
        var out = [String: String]()
        for line in try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n").dropFirst(2) {
            let f = line.split(separator: ",").map(String.init)
            out[f[0]] = f[1]
        }
        return out
    }

    func testImportLogsEveryRowAsAnExternalRun() throws {
        let store = try openStore()
        try enroll(store)
        let summary = try store.importAllocation(try allocation(store: store), now: "2026-11-30T10:00:00Z")
        let expected = try armsInFile()
        XCTAssertEqual(summary.added, expected.count)
        XCTAssertEqual(summary.run, 1)
        let log = try store.allocationLog()
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: log.map { ($0.assignment.participant.rawValue, $0.assignment.arm) }), expected)
        XCTAssertTrue(log.allSatisfy { $0.algorithm == "external:complete_within_strata" })
        // assigned_on of the file becomes the entry's time.
        XCTAssertEqual(log.first?.assignedAt, "2016-03-01")
        let imports = try store.allocationImports()
        XCTAssertEqual(imports.count, 1)
        XCTAssertEqual(imports[0].assumed, .completeWithinStrata)
        XCTAssertEqual(imports[0].sha256, SHA256.hex(of: try String(contentsOfFile: path("allocation.csv"), encoding: .utf8)))
        XCTAssertEqual(try store.verify(), [])
        XCTAssertEqual(try store.verifyExternalAllocation(files: [try allocation(store: store)]), [])
    }

    func testReimportingTheSameFileChangesNothing() throws {
        let store = try openStore()
        try enroll(store)
        try store.importAllocation(try allocation(store: store))
        let before = try dump(store.path)
        let again = try store.importAllocation(try allocation(store: store))
        XCTAssertTrue(again.sameFileImportedBefore)
        XCTAssertEqual(again.added, 0)
        XCTAssertEqual(try dump(store.path), before)
    }

    func testAFileThatChangesAnAssignmentIsRefusedNamingTheParticipant() throws {
        let store = try openStore()
        try enroll(store)
        try store.importAllocation(try allocation(store: store))
        let before = try dump(store.path)
        var text = try String(contentsOfFile: path("allocation.csv"), encoding: .utf8)
        let victim = "p007", arm = try armsInFile()[victim]!, other = arm == "control" ? "treatment" : "control"
        text = text.replacingOccurrences(of: "\n\(victim),\(arm),", with: "\n\(victim),\(other),")
        _ = try write("changed.csv", text)
        XCTAssertThrowsError(try store.importAllocation(try allocation("changed.csv", store: store))) { error in
            guard case let RandomizationError.importChangesAssignment(loc, id, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(id, victim)
            XCTAssertEqual(loc.column, "arm")
            XCTAssertTrue("\(error)".contains("p007"), "\(error)")
        }
        XCTAssertEqual(try dump(store.path), before)
    }

    func testALaterFileAddsOnlyTheNewParticipants() throws {
        let store = try openStore()
        try enroll(store)
        let lines = try String(contentsOfFile: path("allocation.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        _ = try write("first.csv", (lines.prefix(12)).joined(separator: "\n") + "\n")
        let first = try store.importAllocation(try allocation("first.csv", store: store))
        XCTAssertEqual(first.added, 10)
        let second = try store.importAllocation(try allocation(store: store))
        XCTAssertEqual(second.added, lines.count - 12)
        XCTAssertEqual(second.alreadyAssigned, 10)
        XCTAssertEqual(second.run, 2)
        XCTAssertEqual(try store.verify(), [])
    }

    func testRowsForPeopleNotEnrolledOrInAnotherStratumAreRefused() throws {
        let store = try openStore()
        try enroll(store)
        _ = try write("stranger.csv", "id,arm\nzz99,control\n")
        XCTAssertThrowsError(try store.importAllocation(try allocation("stranger.csv", store: store))) {
            XCTAssertEqual($0 as? RandomizationError, .importedNotEnrolled(SourceLocation(file: "stranger.csv", line: 2, column: "id"), id: "zz99"))
        }
        _ = try write("stratum.csv", "id,arm,stratum\np001,control,Aalborg|cash_benefit\n")
        XCTAssertThrowsError(try store.importAllocation(try allocation("stratum.csv", store: store))) {
            guard case RandomizationError.importedStratumDiffers = $0 else { return XCTFail("\($0)") }
        }
        _ = try write("arm.csv", "id,arm\np001,placebo\n")
        XCTAssertThrowsError(try allocation("arm.csv", store: store)) { XCTAssertTrue("\($0)".contains("placebo"), "\($0)") }
        XCTAssertEqual(try store.allocationLog(), [])
    }

    func testEffektDoesNotDrawAnExternalAllocation() throws {
        let store = try openStore()
        try enroll(store)
        XCTAssertThrowsError(try store.randomize()) {
            XCTAssertEqual($0 as? RandomizationError, .allocationIsExternal(assumed: "complete_within_strata"))
        }
    }

    func testVerifyCatchesAChangedAssignment() throws {
        let store = try openStore()
        try enroll(store)
        try store.importAllocation(try allocation(store: store))
        let victim = try store.allocationLog()[4].assignment
        let other = victim.arm == "control" ? "treatment" : "control"
        try rawExecute(store.path, "DROP TRIGGER allocation_log_no_update")
        try rawExecute(store.path, "UPDATE allocation_log SET arm = '\(other)' WHERE participant = '\(victim.participant.rawValue)'")
        let problems = try store.verify()
        XCTAssertTrue(problems.contains(.entryChanged(sequence: 5, participant: victim.participant)), "\(problems)")
        XCTAssertTrue(problems.contains { if case .importDigestDiffers = $0 { return true } else { return false } }, "\(problems)")
        // The file, unchanged, disagrees with the log at that participant.
        let withFile = try store.verifyExternalAllocation(files: [try allocation(store: store)])
        XCTAssertTrue(withFile.contains { if case let .importedRowDiffers(_, _, p, _, _) = $0 { return p == victim.participant } else { return false } },
                      "\(withFile)")
    }

    func testVerifyCatchesAnEditedImportFile() throws {
        let store = try openStore()
        try enroll(store)
        try store.importAllocation(try allocation(store: store))
        var text = try String(contentsOfFile: path("allocation.csv"), encoding: .utf8)
        let arm = try armsInFile()["p010"]!, other = arm == "control" ? "treatment" : "control"
        text = text.replacingOccurrences(of: "\np010,\(arm),", with: "\np010,\(other),")
        try text.write(toFile: path("allocation.csv"), atomically: true, encoding: .utf8)
        let problems = try store.verifyExternalAllocation(files: [try allocation(store: store)])
        XCTAssertTrue(problems.contains { if case .importFileChanged = $0 { return true } else { return false } }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.participant == ParticipantID("p010") }, "\(problems)")
        // A blank line added (the same rows) is caught by the hash alone.
        try (try String(contentsOfFile: Self.external.appendingPathComponent("allocation.csv").path, encoding: .utf8) + "\n")
            .write(toFile: path("allocation.csv"), atomically: true, encoding: .utf8)
        let hashOnly = try store.verifyExternalAllocation(files: [try allocation(store: store)])
        XCTAssertEqual(hashOnly.count, 1, "\(hashOnly)")
    }
}

/// Cumulative rosters (`enroll --skip-existing`): new ids only, baseline frozen at enrolment.
final class CumulativeRosterStoreTests: TrialStoreTestCase {
    /// roster.csv with its lines changed by `edit` and the rows of roster-later.csv added.
    func cumulative(_ edit: (String) -> String = { $0 }) throws -> String {
        let first = try String(contentsOfFile: path("roster.csv"), encoding: .utf8)
        let later = try String(contentsOfFile: path("roster-later.csv"), encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("id,") }.joined(separator: "\n")
        return try write("cumulative.csv", edit(first) + later + "\n")
    }

    func read(_ p: String, _ store: TrialStore) throws -> RosterFile {
        try RosterFile.read(path: p, trial: store.definition, displayName: "cumulative.csv")
    }

    func testOnlyNewIdsAreEnrolledAndChangedCovariatesAreListedNotStored() throws {
        let store = try openStore()
        try enroll(store)
        let before = try store.participants()
        // p001 is a year older on this send.
        let p = try cumulative { $0.replacingOccurrences(of: "p001,København,cash_benefit,2016-03-01,female,1,34,", with: "p001,København,cash_benefit,2016-03-01,female,1,35,") }
        let later = try RosterFile.read(path: path("roster-later.csv"), trial: store.definition).participants.count
        let s = try store.enrollNew(try read(p, store), displayName: "cumulative.csv")
        XCTAssertEqual(s.enrolled, later)
        XCTAssertEqual(s.alreadyEnrolled, before.count)
        XCTAssertEqual(s.covariateChanges, [CovariateChange(participant: ParticipantID("p001"), column: "age", enrolled: "34", inFile: "35", line: 3)])
        let after = try store.participants()
        XCTAssertEqual(Array(after.prefix(before.count)), before, "enrolled participants unchanged (age still 34)")
        XCTAssertEqual(after.count, before.count + later)
        // Sent again: nothing new, the import still recorded with its digest.
        let again = try store.enrollNew(try read(p, store), displayName: "cumulative.csv")
        XCTAssertEqual(again.enrolled, 0)
        XCTAssertEqual(try store.importedFiles().filter { $0.file == "cumulative.csv" }.count, 2)
    }

    func testAChangedStratumOrEnrolmentDateIsRefusedNamingIdAndColumn() throws {
        let store = try openStore()
        try enroll(store)
        let dump0 = try dump(store.path)
        let moved = try cumulative { $0.replacingOccurrences(of: "p001,København,cash_benefit", with: "p001,Aalborg,cash_benefit") }
        XCTAssertThrowsError(try store.enrollNew(try read(moved, store), displayName: "cumulative.csv")) {
            XCTAssertEqual($0 as? TrialStoreError, .baselineChanged(SourceLocation(file: "cumulative.csv", line: 3, column: "municipality"),
                                                                    id: "p001", enrolled: "København", inFile: "Aalborg"))
        }
        let redated = try cumulative { $0.replacingOccurrences(of: "p001,København,cash_benefit,2016-03-01", with: "p001,København,cash_benefit,2016-03-02") }
        XCTAssertThrowsError(try store.enrollNew(try read(redated, store), displayName: "cumulative.csv")) {
            XCTAssertTrue("\($0)".contains("column enrolled_on") && "\($0)".contains("p001"), "\($0)")
        }
        XCTAssertEqual(try dump(store.path), dump0, "nothing written")
    }
}
