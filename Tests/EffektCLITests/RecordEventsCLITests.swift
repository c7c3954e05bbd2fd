// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import TestSupport

/// `effekt record-events` with the built binary: events recorded and chained, a refused file
/// named by file, line and value with the store left as it was, and an edited event found by
/// `verify` and refused by `analyze`.
final class RecordEventsCLITests: CLITestCase {
    func prepared() throws {
        try copy("Tests/Fixtures/trial")
        try ok("enroll", "roster.csv")
        try ok("randomize")
        try ok("record", "weekly.csv")
    }

    func testRefusedEventsLeaveTheStoreUnchangedAndRecordedOnesVerify() throws {
        try prepared()
        let before = try dump()
        let header = "id,date,event,created_by,sector,size_band,subsidy,reason,classification\n"
        try write("bad.csv", header + "p001,2016-03-02,referral,,,,,,\np999,2016-03-03,referral,,,,,,\n")
        try fails(["record-events", "bad.csv"], mentioning: ["bad.csv, line 3, column id", "'p999' is not enrolled", "nothing was recorded"])
        try write("end.csv", header + "p001,2016-03-09,flex_job_end,,,,,,\n")
        try fails(["record-events", "end.csv"], mentioning: ["end.csv, line 2, column event", "no flex job has started before"])
        // A flex job in a week the weekly records do not call flex_job names both.
        try write("start.csv", header + "p001,2016-03-09,flex_job_start,municipality,private,lt10,half,,\n")
        try fails(["record-events", "start.csv"], mentioning: ["start.csv, line 2, column date", "week 2 is recorded with status on_benefit (weekly file weekly.csv)"])
        XCTAssertEqual(try dump(), before, "refused files change nothing")

        XCTAssertTrue(try ok("record-events", "events.csv").contains("Recorded 7 placement events from events.csv."))
        let verified = try ok("verify")
        XCTAssertTrue(verified.contains("5 imports"), verified)
        try sql("DROP TRIGGER placement_event_no_update; UPDATE placement_event SET classification = 'sick' WHERE event = 'end_classification'")
        try fails(["verify"], mentioning: ["Participant 'p003': the placement events that import 5 (events file events.csv, event import 1) recorded differ"])
        try fails(["analyze", "--permutations", "0", "--quiet"], mentioning: ["The store does not verify"])
    }
}
