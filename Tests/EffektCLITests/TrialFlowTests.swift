// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation

/// The whole trial workflow from the command line: init → enroll → randomize → record →
/// status → balance → verify, and each error path.
final class TrialFlowTests: CLITestCase {
    /// The shipped synthetic flex-job trial (Data/flexjob, made by `effekt simulate`).
    func testFlowOnShippedFlexJobData() throws {
        try copy("Data/flexjob")
        try ok("enroll", "roster.csv")
        try ok("randomize")
        XCTAssertTrue(try ok("verify", "--allocation", "allocation.csv").contains("allocation.csv agrees with the replay"))
        try ok("record", "weekly.csv")
        let status = try JSONSerialization.jsonObject(with: Data(try ok("status", "--format", "json").utf8)) as! [String: Any]
        XCTAssertEqual(status["enrolled"] as? Int, 240)
        XCTAssertEqual(status["randomized"] as? Int, 240)
        let strata = status["strata"] as! [[String: Any]]
        XCTAssertEqual(strata.count, 4)
        for s in strata { XCTAssertEqual((s["arms"] as! [[String: Any]]).map { $0["count"] as! Int }, [30, 30]) }
        let lost = (status["lost_to_follow_up"] as! [[String: Any]]).map { r in
            (r["reason"] as! String, (r["arms"] as! [[String: Any]]).reduce(0) { $0 + ($1["count"] as! Int) })
        }
        // Published end states: 16 disability pension, 12 moved away.
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: lost)["disability_pension"], 16)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: lost)["moved_away"], 12)
        let balance = try ok("balance", "--format", "csv")
        XCTAssertTrue(balance.hasPrefix("covariate,municipality n,municipality mean"))
        XCTAssertTrue(balance.contains("\nage,120,"))
        XCTAssertTrue(try ok("verify").contains("Verified 240 assignments"))
        // Same seed, same roster: a second store gives the same allocation.
        try ok("enroll", "roster.csv", "--store", "again.sqlite")
        try ok("randomize", "--store", "again.sqlite")
        XCTAssertEqual(try ok("assignments", "--format", "csv").split(separator: "\n").map { $0.split(separator: ",").prefix(5) },
                       try ok("assignments", "--format", "csv", "--store", "again.sqlite").split(separator: "\n").map { $0.split(separator: ",").prefix(5) })
    }

    func testFlowOnFixtureWithEveryErrorPath() throws {
        // init
        try ok("init", "--trial", "example.toml")
        try fails(["init", "--trial", "example.toml"], mentioning: ["example.toml already exists"])
        try copy("Tests/Fixtures/trial")
        try fails(["randomize"], mentioning: ["No trial store at", "effekt enroll"])

        // trial.toml errors name the key
        let trial = try read("trial.toml")
        try write("bad.toml", trial + "\n[extra]\nx = 1\n")
        try fails(["enroll", "roster.csv", "--trial", "bad.toml"], mentioning: ["unknown key 'extra'"])
        try write("bad.toml", trial.replacingOccurrences(of: "block_sizes = [2, 4]", with: "block_sizes = [2, 5]"))
        try fails(["enroll", "roster.csv", "--trial", "bad.toml"], mentioning: ["randomization.block_sizes", "5"])

        // enroll refusals: file, line, column, value; nothing written
        let roster = try read("roster.csv")
        try write("dup.csv", roster + "p001,Aalborg,cash_benefit,2016-03-30,male,0,40,danish\n")
        try fails(["enroll", "dup.csv"], mentioning: ["dup.csv, line 43, column id", "'p001'", "line 3"])
        var lines = roster.components(separatedBy: "\n")
        lines[8] = lines[8].replacingOccurrences(of: "2016-03-0", with: "2016-02-3")      // line 9: 2016-02-3x, an impossible date
        try write("date.csv", lines.joined(separator: "\n"))
        try fails(["enroll", "date.csv"], mentioning: ["date.csv, line 9, column enrolled_on", "'2016-02-3"])
        try write("stratum.csv", roster.replacingOccurrences(of: "p010,Aalborg,", with: "p010,,"))
        try fails(["enroll", "stratum.csv"], mentioning: ["stratum.csv, line 12, column municipality"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("effekt.sqlite").path),
                       "a refused first roster must not even create the store")

        try ok("enroll", "roster.csv")
        try fails(["enroll", "roster.csv"], mentioning: ["roster.csv, line 3, column id", "already enrolled"])
        XCTAssertTrue(try ok("randomize").contains("assigned 40"))
        let first = try ok("assignments", "--format", "csv")
        try ok("enroll", "roster-later.csv")
        XCTAssertTrue(try ok("randomize").contains("assigned 8"))
        let second = try ok("assignments", "--format", "csv")
        XCTAssertTrue(second.hasPrefix(first), "earlier assignments must be unchanged")
        let json = try JSONSerialization.jsonObject(with: Data(try ok("assignments", "--format", "json").utf8)) as! [[String: Any]]
        XCTAssertEqual(json.count, 48)
        XCTAssertTrue(try ok("assignments").contains("stratum"))

        // record refusals: each names file, line, column and value; the store is unchanged
        try ok("record", "weekly.csv")
        let before = try dump()
        let header = "id,week,paid_hours,activity,mentor,status\n"
        let good = (41...48).map { "p0\($0),1,0,none,0,on_benefit\n" }.joined()
        let refusals: [(String, [String])] = [
            ("p999,1,0,none,0,on_benefit", ["column id", "'p999'", "not enrolled"]),
            ("p041,1,0,none,0,on_benefit", ["column week", "appears a second time"]),
            ("p001,1,0,none,0,on_benefit", ["column week", "already has a record", "--replace"]),
            ("p042,2,-3,none,0,on_benefit", ["column paid_hours", "'-3'"]),
            ("p042,2,81,none,0,on_benefit", ["column paid_hours", "'81'"]),
            ("p042,9,1,none,0,on_benefit", ["column week", "'9'", "1...8"]),
            ("p042,2,1,holiday,0,on_benefit", ["column activity", "'holiday'"]),
            ("p042,2,1,none,0,retired", ["column status", "'retired'"]),
        ]
        for (row, fragments) in refusals {
            try write("bad.csv", header + good + row + "\n")
            try fails(["record", "bad.csv"], mentioning: ["bad.csv, line 10"] + fragments)
            XCTAssertEqual(try dump(), before, "refused \(row) changed the store")
        }
        try write("fix.csv", header + "p001,1,37,ordinary_job,0,self_supporting\n")
        XCTAssertTrue(try ok("record", "fix.csv", "--replace").contains("1 replaced"))

        // status and balance
        let status = try ok("status")
        XCTAssertTrue(status.contains("Enrolled: 48"))
        XCTAssertTrue(status.contains("disability_pension"))
        let csv = try ok("status", "--format", "csv").split(separator: "\n")
        XCTAssertEqual(csv.first, "measure,level,arm,count")
        XCTAssertTrue(csv.contains("enrolled,total,all,48"), csv.joined(separator: "\n"))
        try fails(["status", "--format", "xml"], mentioning: ["xml"])
        let balance = try ok("balance")
        XCTAssertTrue(balance.contains("origin=danish"))
        XCTAssertTrue(try ok("verify").contains("Verified 48 assignments"))

        // a changed trial file is refused
        try write("trial.toml", trial.replacingOccurrences(of: "seed = 20160301", with: "seed = 20160302"))
        try fails(["status"], mentioning: ["was created from", "restore the original trial.toml"])
        try write("trial.toml", trial)

        // a hand-edited allocation row makes verify fail and name the participant
        try sql("DROP TRIGGER allocation_log_no_update")
        try sql("UPDATE allocation_log SET arm = CASE arm WHEN 'control' THEN 'treatment' ELSE 'control' END WHERE participant = 'p017'")
        try fails(["verify"], mentioning: ["participant p017", "Verification failed"])
    }
}
