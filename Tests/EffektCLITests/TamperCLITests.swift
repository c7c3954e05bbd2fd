// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import TestSupport
import TrialModel

/// The tamper suite of issue 16, run with the built binary: each edit of the issue's list —
/// weekly rows, covariates, import records, the trial file and its hash, a roster edited after
/// enrolment — is named by `verify`, and `analyze` refuses; an editor who recomputes the whole
/// chain passes every digest but not `--expect-head` with the head of an earlier report.
final class TamperCLITests: CLITestCase {
    /// The fixture trial enrolled, randomized and recorded; analysed and reported in English.
    /// Returns the head's 16 hex digits as the report's provenance line printed them.
    func preparedWithReport() throws -> String {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        try ok("randomize")
        try ok("record", "weekly.csv")
        try ok("analyze", "--permutations", "0", "--quiet")
        let printed = try ok("report", "--results", "results.json", "--lang", "en", "--out", "published")
        let index = try read("published/README.md")
        guard let range = index.range(of: #"store head `[0-9a-f]{16}`"#, options: .regularExpression) else {
            XCTFail("no store head in the provenance line of README.md")
            return ""
        }
        let head = String(index[range].dropFirst("store head `".count).dropLast())
        let reports = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("published").path).filter { $0.hasSuffix(".md") }
        XCTAssertGreaterThan(reports.count, 5)
        for report in reports { XCTAssertTrue(try read("published/" + report).contains("store head `\(head)`"), report) }
        XCTAssertTrue(printed.contains("Store head: \(head)"), printed)
        let results = try JSONSerialization.jsonObject(with: Data(try read("results.json").utf8)) as! [String: Any]
        let stamp = (results["provenance"] as! [String: Any])["store_head"] as! [String: Any]
        XCTAssertEqual(stamp["verified"] as? Bool, true)
        XCTAssertTrue((stamp["digest"] as! String).hasPrefix(head))
        return head
    }

    /// Keeps the store's files to restore between tamperings.
    func keepStore() throws -> [String: Data] {
        var kept = [String: Data]()
        for name in ["effekt.sqlite", "effekt.sqlite-wal"] {
            if let d = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) { kept[name] = d }
        }
        return kept
    }

    func restore(_ kept: [String: Data]) throws {
        for name in ["effekt.sqlite", "effekt.sqlite-wal", "effekt.sqlite-shm"] {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        }
        for (name, data) in kept { try data.write(to: dir.appendingPathComponent(name)) }
    }

    /// `verify` fails naming every fragment; `analyze` refuses; `analyze --allow-unverified`
    /// runs and stamps the results and reports unverified.
    func assertCaught(_ what: String, _ fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        try fails(["verify"], mentioning: fragments, file: file, line: line)
        try fails(["analyze", "--permutations", "0", "--quiet", "--out", "tampered.json"],
                  mentioning: ["The store does not verify", "--allow-unverified"], file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("tampered.json").path), what)
    }

    func testEveryTamperingIsNamedAndAnalysisRefuses() throws {
        let head = try preparedWithReport()
        try ok("verify", "--expect-head", head, "--sources", ".")
        let kept = try keepStore()
        let treated = "SELECT p.sequence FROM participant p JOIN allocation_log a ON a.participant = p.id WHERE a.arm = 'treatment'"

        // Outcomes rewritten for one arm (the issue's UPDATE).
        try sql("UPDATE weekly SET paid_hours = 37, activity = 'ordinary_job', status = 'flex_job' WHERE participant IN (\(treated))")
        try assertCaught("weekly", ["Participant '", "the weeks that import 4 (weekly file weekly.csv, record 1) recorded differ"])
        try fails(["verify", "--sources", "."], mentioning: [", week ", "in the store but", "in weekly.csv as imported in import 4"])
        // … analysed all the same for forensics: stamped in the results and the report.
        try ok("analyze", "--permutations", "0", "--quiet", "--allow-unverified", "--out", "forensic.json")
        XCTAssertTrue(try read("forensic.json").contains("\"verified\" : false") || (try read("forensic.json")).contains("\"verified\": false"))
        let printed = try ok("report", "--results", "forensic.json", "--lang", "en", "--out", "forensic")
        XCTAssertTrue(printed.contains("did NOT verify"), printed)
        XCTAssertTrue(try read("forensic/overall.md").contains("(not verified)"))
        try restore(kept)

        // Weeks deleted.
        try sql("DROP TRIGGER weekly_no_delete; DELETE FROM weekly WHERE week > 6 AND participant IN (\(treated))")
        try assertCaught("deleted weeks", ["recorded differ from those stored now (8 recorded, 6 stored)"])
        try restore(kept)

        // A code the analysis does not know: refused, and with --allow-unverified an error, never a
        // row silently left out of the analysis.
        try sql("UPDATE weekly SET activity = 'sabbatical' WHERE participant = 1 AND week = 3")
        try assertCaught("unknown code", ["recorded differ"])
        try fails(["analyze", "--permutations", "0", "--quiet", "--allow-unverified", "--out", "unknown.json"],
                  mentioning: ["week 3 has an unknown activity code 'sabbatical'", "the store is damaged"])
        try restore(kept)

        try sql("DROP TRIGGER participant_no_update; UPDATE participant SET covariates = replace(covariates, 'female\u{1F}1', 'female\u{1F}0') WHERE id = 'p001'")
        try assertCaught("covariates", ["Participant 'p001': the baseline covariates differ from those import 2 (roster roster.csv, enrolment 1) enrolled"])
        try restore(kept)

        // Import records deleted.
        try sql("DROP TRIGGER weekly_import_no_delete; DELETE FROM weekly_import")
        try assertCaught("import record", ["The record of import 4 (weekly file weekly.csv, record 1) differs from the import log (the record is missing)"])
        try restore(kept)
        try sql("DROP TRIGGER import_log_no_delete; DELETE FROM import_log WHERE entry = 3")
        try assertCaught("import log entry", ["The import log is broken at import 4",
                                              "40 row(s) of table allocation_log carry import number 1, which no import log entry wrote"])
        try restore(kept)

        // The trial-file trigger dropped, the trial file changed and its stored hash rewritten.
        let original = try read("trial.toml")
        let edited = original.replacingOccurrences(of: "seed = 20160301", with: "seed = 20160302")
        try write("trial.toml", edited)
        let sha = try EffektProcess.run(["verify"], in: dir).err
        XCTAssertTrue(sha.contains("A randomized trial's definition may not change"), sha)
        var hash = SHA256()
        hash.update(Array(edited.utf8))
        try sql("DROP TRIGGER trial_file_is_fixed_on_update; UPDATE trial_file SET sha256 = '\(hash.finalizeHex())', text = '\(edited.replacingOccurrences(of: "'", with: "''"))'")
        try assertCaught("trial file", ["The trial file recorded in the store differs from import 1 (the trial file"])
        try write("trial.toml", original)
        try restore(kept)

        // The roster edited after enrolment: found with --sources.
        try ok("verify")
        try write("roster.csv", try read("roster.csv").replacingOccurrences(of: "p002,Aalborg", with: "p002,Aarhus"))
        try fails(["verify", "--sources", "."], mentioning: ["roster.csv no longer has the SHA-256 it had when imported in import 2 (roster roster.csv, enrolment 1)"])
    }

    /// An editor who changes weekly.csv and builds the whole store again — every chain and digest
    /// recomputed, so `verify` passes — is caught by the head of the earlier report.
    func testRecomputingTheWholeChainIsCaughtByTheEarlierHead() throws {
        let head = try preparedWithReport()
        let forged = dir.appendingPathComponent("forged")
        try FileManager.default.createDirectory(at: forged, withIntermediateDirectories: true)
        for name in ["trial.toml", "roster.csv"] {
            try FileManager.default.copyItem(at: dir.appendingPathComponent(name), to: forged.appendingPathComponent(name))
        }
        try read("weekly.csv").replacingOccurrences(of: ",0,none,", with: ",37,ordinary_job,")
            .write(to: forged.appendingPathComponent("weekly.csv"), atomically: true, encoding: .utf8)
        for args in [["enroll", "roster.csv"], ["randomize"], ["record", "weekly.csv"]] {
            XCTAssertEqual(try EffektProcess.run(args, in: forged).status, 0, "\(args)")
        }
        for name in ["effekt.sqlite", "effekt.sqlite-wal", "effekt.sqlite-shm"] {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(name))
            try? FileManager.default.copyItem(at: forged.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try ok("verify")
        try fails(["verify", "--expect-head", head], mentioning: ["not the expected \(head)…", "the chain recomputed"])
        try fails(["verify", "--expect-head", "12345"], mentioning: ["--expect-head takes 16 to 64 hexadecimal digits"])
    }
}
