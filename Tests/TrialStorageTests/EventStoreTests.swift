// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import GRDB
import TrialModel
@testable import TrialStorage

/// events.csv in the store: recorded all or none, impossible courses refused with file, line and
/// value, the import chained in the import log and its rows digested again by `verify`.
final class EventStoreTests: TrialStoreTestCase {
    let weeklyHeader = "id,week,paid_hours,activity,mentor,status\n"
    let eventsHeader = "id,date,event,created_by,sector,size_band,subsidy,reason,classification\n"

    /// The fixture trial recorded, plus the later roster with p045 (control arm) in a flex job from week 3
    /// (weeks are Monday–Sunday from 2016-03-21, p045's enrolment) and p046 waiting throughout.
    func prepared(_ name: String = "effekt.sqlite") throws -> TrialStore {
        let store = try openStore(name)
        try enroll(store)
        try store.randomize()
        try store.record(weeklyPath: path("weekly.csv"), displayName: "weekly.csv")
        try enroll(store, "roster-later.csv")
        try store.randomize()
        var rows = ""
        for w in 1...8 { rows += "p045,\(w),\(w >= 3 ? 15 : 0),\(w >= 3 ? "ordinary_job" : "none"),0,\(w >= 3 ? "flex_job" : "flexjob_waiting_benefit")\n" }
        for w in 1...8 { rows += "p046,\(w),0,none,0,flexjob_waiting_benefit\n" }
        try store.record(weeklyPath: try write("later.csv", weeklyHeader + rows), displayName: "later.csv")
        return store
    }

    let goodEvents = """
        p045,2016-03-21,referral,,,,,,
        p045,2016-04-05,flex_job_start,municipality,private,lt10,two_thirds,,
        p045,2016-05-10,flex_job_end,,,,,,
        p046,2016-03-22,referral,,,,,,
        p046,2016-03-29,send_back,,,,,ill,
        p046,2016-04-12,return_to_provider,,,,,,
        p046,2016-05-12,end_classification,,,,,,sick

        """

    func record(_ store: TrialStore, _ text: String, as name: String = "new-events.csv") throws -> EventRecordingSummary {
        try store.recordEvents(try PlacementEventFile.read(path: try write(name, text), displayName: name), displayName: name)
    }

    func testGoodEventsAreRecordedChainedAndReadBack() throws {
        let store = try prepared()
        let s = try record(store, eventsHeader + goodEvents)
        XCTAssertEqual(s.rows, 7)
        let log = try store.importLog()
        XCTAssertEqual(log.last?.kind, "events")
        XCTAssertEqual(log.last?.rows, 7)
        XCTAssertEqual(log.last?.fileSHA256, TrialStore.fileSHA256(path("new-events.csv")))
        XCTAssertEqual(try store.verifyIntegrity().problems, [])
        let events = try store.placementEvents()
        XCTAssertEqual(events[ParticipantID("p045")]?.map(\.kind), [.referral, .flexJobStart, .flexJobEnd])
        XCTAssertEqual(events[ParticipantID("p045")]?[1].job,
                       FlexJobAttributes(createdBy: .municipality, sector: .private, sizeBand: .under10, subsidy: .twoThirds))
        XCTAssertEqual(events[ParticipantID("p046")]?.last?.detail, .endClassification(.sick))
        // The fixture's own events.csv (no flex jobs) records too; the two imports chain.
        XCTAssertEqual(try store.recordEvents(try PlacementEventFile.read(path: path("events.csv")), displayName: "fixture-events.csv").rows, 7)
        XCTAssertEqual(try store.placementEvents()[ParticipantID("p002")]?[1].detail, .sendBack(reason: "no contact, twice"))
        XCTAssertEqual(try store.verifyIntegrity().problems, [])
    }

    /// Each impossible event, appended to good ones, is refused naming file, line, column and
    /// value, and the store is left exactly as it was.
    func testImpossibleEventsAreRefusedAndLeaveTheStoreUnchanged() throws {
        let store = try prepared()
        let before = try dump(store.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store.path))
        let controlID = try XCTUnwrap(store.allocationLog().map(\.assignment)
            .first { $0.arm == "control" && ["p045", "p046", "p047", "p048"].contains($0.participant.rawValue) }?.participant.rawValue)
        let cases: [(bad: String, expected: [String])] = [
            ("p045,2016-04-01,flex_job_end,,,,,,\n", ["line 10, column event", "'p045'", "ends on 2016-04-01", "end before its start"]),
            ("p046,2016-04-01,send_back,,,,,again,\n", ["line 10, column event", "second send_back on 2016-04-01", "send_back on 2016-03-29"]),
            ("p047,2016-03-30,send_back,,,,,x,\np047,2016-04-06,send_back,,,,,y,\n", ["line 11, column event", "'p047'", "second send_back"]),
            ("p999,2016-04-01,referral,,,,,,\n", ["line 10, column id", "'p999' is not enrolled"]),
            ("p046,2016-04-06,flex_job_start,municipality,public,ge250,half,,\n",
             ["line 10, column date", "'p046' starts a flex job on 2016-04-06", "week 3 is recorded with status flexjob_waiting_benefit (weekly file later.csv)"]),
            ("p047,2016-04-06,flex_job_start,municipality,public,ge250,half,,\n", ["line 10, column date", "week 3 has no weekly record"]),
            ("p045,2016-03-21,referral,,,,,,\n", ["line 10, column event", "already has a referral event on 2016-03-21"]),
            ("p045,2016-07-01,internship_start,,,,,,\n", ["line 10, column date", "trial week 15, outside follow-up weeks 1...8"]),
            ("p045,2016-04-20,return_to_provider,,,,,,\n", ["line 10, column event", "return_to_provider on 2016-04-20 without a send_back"]),
            ("p045,2016-04-06,flex_job_start,provider,private,lt10,,,\n", ["line 10, column subsidy", "value ''"]),
            ("p045,2016-04-06,flex_job_start,provider,private,small,half,,\n", ["line 10, column size_band", "'small'"]),
            ("p045,2016-04-06,referral,provider,,,,,\n", ["line 10, column created_by", "a referral has no created_by"]),
            ("p045,2016-02-30,referral,,,,,,\n", ["line 10, column date", "'2016-02-30'"]),
            ("p045,2016-04-06,hired,,,,,,\n", ["line 10, column event", "'hired'"]),
            // p005 (enrolled 2016-03-02) is on disability pension from week 4, p012 (2016-03-03) moved away in week 6.
            ("p005,2016-04-06,internship_start,,,,,,\n",
             ["line 10, column date", "'p005' has an event on 2016-04-06, trial week 6, after leaving the trial in week 4 (disability_pension)"]),
            ("p012,2016-04-14,end_classification,,,,,,stuck\n", ["line 10, column date", "'p012'", "trial week 7", "in week 6 (moved_away)"]),
            ("\(controlID),2016-04-06,flex_job_start,provider,private,lt10,half,,\n",
             ["line 10, column created_by", "'\(controlID)' is in the control arm 'control', which has no provider", "on 2016-04-06"]),
        ]
        for (bad, expected) in cases {
            XCTAssertThrowsError(try record(store, "# comment\n" + eventsHeader + goodEvents + bad, as: "bad.csv"), bad) { e in
                let text = "\(e)"
                for piece in expected { XCTAssertTrue(text.contains(piece), "\(bad): \(text) lacks \(piece)") }
                XCTAssertTrue(text.contains("bad.csv"), text)
            }
            XCTAssertEqual(try dump(store.path), before, "store changed by a refused file ending in \(bad)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store.path)), bytes, "the store file is byte-identical")
        // The same checks hold against events stored by an earlier import. An event in the exit's own week is kept.
        _ = try record(store, eventsHeader + goodEvents + "p005,2016-03-24,internship_start,,,,,,\n")
        let after = try dump(store.path)
        XCTAssertThrowsError(try record(store, eventsHeader + "p045,2016-05-12,flex_job_end,,,,,,\n", as: "later-events.csv")) { e in
            XCTAssertTrue("\(e)".contains("later-events.csv, line 2, column event"), "\(e)")
            XCTAssertTrue("\(e)".contains("no flex job has started before"), "\(e)")
        }
        XCTAssertEqual(try dump(store.path), after)
    }

    /// A forger who edits, adds or deletes an event is caught by `verify`, naming the participant.
    func testTamperedEventsAreFound() throws {
        let store = try prepared()
        _ = try record(store, eventsHeader + goodEvents)
        let entry = ImportName(try store.importLog().last!)
        try rawExecute(store.path, "DROP TRIGGER placement_event_no_update; UPDATE placement_event SET created_by = 'provider' WHERE event = 'flex_job_start'")
        XCTAssertEqual(try store.verifyIntegrity().problems, [.eventsDiffer(entry, participant: "p045", recordedEvents: 3, storedEvents: 3)])
        XCTAssertTrue(try store.verifyIntegrity().problems[0].description.contains("events file new-events.csv"))

        let other = try prepared("other.sqlite")
        _ = try record(other, eventsHeader + goodEvents)
        try rawExecute(other.path, "DROP TRIGGER placement_event_no_delete; DELETE FROM placement_event WHERE event = 'send_back'")
        XCTAssertEqual(try other.verifyIntegrity().problems,
                       [.eventsDiffer(ImportName(try other.importLog().last!), participant: "p046", recordedEvents: 4, storedEvents: 3)])

        let third = try prepared("third.sqlite")
        _ = try record(third, eventsHeader + goodEvents)
        try rawExecute(third.path, """
            INSERT INTO event_import VALUES (7, 'x.csv', 'abc', 1, '2016-05-01T00:00:00Z');
            INSERT INTO placement_event VALUES (1, '2016-03-05', 'referral', '', '', '', '', '', '', 2, 7);
            """)
        XCTAssertEqual(try third.verifyIntegrity().problems, [.rowsOutsideTheLog(table: "event_import", importNumber: 7, rows: 1),
                                                              .rowsOutsideTheLog(table: "placement_event", importNumber: 7, rows: 1)])
        try rawExecute(third.path, "DROP TRIGGER event_import_no_update; UPDATE event_import SET rows = 8")
        XCTAssertTrue(try third.verifyIntegrity().problems.contains(.importRecordChanged(ImportName(try third.importLog().last!), field: "rows")))
    }
}
