// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel

/// What one `record-events` did.
public struct EventRecordingSummary: Hashable, Sendable, Codable {
    public let eventImport: Int
    public let rows: Int
    public let sha256: String
}

extension TrialStore {
    /// Records an events.csv in one transaction: every event, or — on the first bad one — none.
    ///
    /// Refuses, with file, line, column and value: every malformed field `PlacementEventFile`
    /// refuses; an unknown id; an event (participant, date, kind) already recorded or twice in the
    /// file; a date outside the participant's follow-up weeks (week 1 = the ISO week of enrolment);
    /// a `flex_job_start` whose week has no weekly record with status `flex_job` (naming the
    /// week's status and weekly file: record the weeks first); and a course that is impossible
    /// with the participant's stored events (`PlacementCourse.firstProblem`: a flex-job end
    /// before its start, a second send-back without a return, …).
    /// Complexity: O(events · log rows) plus one read of the stored events of the file's participants.
    @discardableResult
    public func recordEvents(_ file: PlacementEventFile, displayName: String,
                             now: String = TrialStore.timestamp()) throws -> EventRecordingSummary {
        let followUp = definition.followUpWeeks, controlArm = definition.controlArm
        return try TrialStore.wrap("record-events") {
            try queue.writeWithoutTransaction { db in
                var summary: EventRecordingSummary?
                try db.inTransaction(.immediate) {
                    var people = [String: StoredParticipant]()
                    for p in try TrialStore.participants(db) { people[p.participant.id.rawValue] = p }
                    let importNumber = (try Int.fetchOne(db, sql: "SELECT MAX(import) FROM event_import") ?? 0) + 1
                    let insert = try db.makeStatement(sql: """
                        INSERT INTO placement_event (participant, date, event, created_by, sector, size_band, subsidy, reason,
                                                     classification, line, import)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                        """)
                    let weekStatus = try db.makeStatement(sql: """
                        SELECT w.status, i.file FROM weekly w JOIN weekly_import i ON i.import = w.import
                        WHERE w.participant = ? AND w.week = ?
                        """)
                    let exit = try db.makeStatement(sql: """
                        SELECT week, status FROM weekly WHERE participant = ? AND status IN \(StoreSchema.absorbingExitList)
                        ORDER BY week LIMIT 1
                        """)
                    let arm = try db.makeStatement(sql: "SELECT arm FROM allocation_log WHERE participant = ?")
                    try db.execute(sql: "INSERT INTO event_import (import, file, sha256, rows, imported_at) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [importNumber, displayName, file.sha256, file.events.count, now])
                    var byParticipant = [String: [PlacementEvent]]()
                    for e in file.events {
                        let id = e.participant.rawValue
                        func at(_ column: String) -> SourceLocation { SourceLocation(file: displayName, line: e.line, column: column) }
                        guard let p = people[id] else { throw TrialStoreError.unknownParticipant(at("id"), id: id) }
                        let week = e.trialWeek(enrolledOn: p.participant.enrolledOn)
                        guard (1...followUp).contains(week) else {
                            throw TrialStoreError.eventOutsideFollowUp(at("date"), id: id, date: e.date.description, week: week, followUpWeeks: followUp)
                        }
                        if let x = try Row.fetchOne(exit, arguments: [p.sequence]), week > x[0] as Int {
                            throw TrialStoreError.eventAfterExit(at("date"), id: id, date: e.date.description, week: week,
                                                                 exitWeek: x[0], exitStatus: x[1])
                        }
                        if e.job?.createdBy == .provider, let a = try String.fetchOne(arm, arguments: [id]), a == controlArm {
                            throw TrialStoreError.providerJobInControlArm(at("created_by"), id: id, date: e.date.description, arm: a)
                        }
                        if e.kind == .flexJobStart {
                            let found = try Row.fetchOne(weekStatus, arguments: [p.sequence, week])
                            let status: String? = found?[0]
                            if status != BenefitStatus.flexJob.rawValue {
                                throw TrialStoreError.flexJobStartWithoutFlexJobWeek(at("date"), id: id, date: e.date.description, week: week,
                                                                                     weeklyStatus: status, weeklyFile: found?[1])
                            }
                        }
                        var values: [any DatabaseValueConvertible] = [p.sequence, e.date.description, e.kind.rawValue]
                        values += e.optionalFields as [any DatabaseValueConvertible]
                        values += [e.line, importNumber] as [any DatabaseValueConvertible]
                        try insert.execute(arguments: StatementArguments(values))
                        guard db.changesCount == 1 else {
                            throw TrialStoreError.eventAlreadyRecorded(at("event"), id: id, date: e.date.description, event: e.kind.rawValue)
                        }
                        byParticipant[id, default: []].append(e)
                    }
                    // Each participant's whole course: stored events first (in their order), then the file's.
                    for id in byParticipant.keys.sorted() {
                        let stored = try TrialStore.placementEvents(db, participant: people[id]!.sequence, before: importNumber)
                        let course = PlacementCourse.ordered(stored + byParticipant[id]!)
                        if let (event, problem) = PlacementCourse.firstProblem(course) {
                            // A stored event found at fault is named by the file's event that made the course impossible.
                            let culprit = event.line > 0 ? event : byParticipant[id]!.first { $0.date >= event.date } ?? byParticipant[id]!.last!
                            throw TrialStoreError.impossibleEventSequence(SourceLocation(file: displayName, line: culprit.line, column: "event"),
                                                                          id: id, problem: problem)
                        }
                    }
                    let (written, _) = try ImportKind.events.digests(db, reference: importNumber)
                    try ImportLog.append(db, kind: .events, reference: importNumber, file: displayName, fileSHA256: file.sha256,
                                         written: written, importedAt: now)
                    summary = EventRecordingSummary(eventImport: importNumber, rows: file.events.count, sha256: file.sha256)
                    return .commit
                }
                return summary!
            }
        }
    }

    /// Every recorded placement event by participant, each participant's in time order
    /// (ties in the order they were recorded).
    public func placementEvents() throws -> [ParticipantID: [PlacementEvent]] {
        try TrialStore.wrap("SELECT FROM placement_event") {
            try queue.read { db in
                guard try db.tableExists("placement_event") else { return [:] }
                var out = [ParticipantID: [PlacementEvent]]()
                for r in try Row.fetchAll(db, sql: """
                    SELECT p.id, e.date, e.event, e.created_by, e.sector, e.size_band, e.subsidy, e.reason, e.classification, e.line
                    FROM placement_event e JOIN participant p ON p.sequence = e.participant
                    ORDER BY e.participant, e.date, e.import, e.line
                    """) {
                    let id = ParticipantID(r[0] as String)
                    out[id, default: []].append(try TrialStore.event(id, r, offset: 1))
                }
                return out
            }
        }
    }

    /// One participant's events from imports before `before`, in time order.
    static func placementEvents(_ db: Database, participant: Int, before: Int) throws -> [PlacementEvent] {
        try Row.fetchAll(db, sql: """
            SELECT date, event, created_by, sector, size_band, subsidy, reason, classification, line
            FROM placement_event WHERE participant = ? AND import < ? ORDER BY date, import, line
            """, arguments: [participant, before]).map { try event(ParticipantID(""), $0, offset: 0, keepLine: false) }
    }

    /// An event from the columns date, event, created_by, sector, size_band, subsidy, reason,
    /// classification, line starting at `offset`.
    static func event(_ id: ParticipantID, _ r: Row, offset o: Int, keepLine: Bool = true) throws -> PlacementEvent {
        let dateText: String = r[o], code: String = r[o + 1]
        func bad() -> TrialStoreError { .sqlite(message: "placement event '\(code)' on '\(dateText)' is unreadable", sql: "SELECT FROM placement_event") }
        guard let date = CalendarDate(iso: dateText), let kind = PlacementEventKind(rawValue: code) else { throw bad() }
        let detail: PlacementEvent.Detail
        switch kind {
        case .referral: detail = .referral
        case .internshipStart: detail = .internshipStart
        case .workTrialStart: detail = .workTrialStart
        case .flexJobEnd: detail = .flexJobEnd
        case .returnToProvider: detail = .returnToProvider
        case .sendBack: detail = .sendBack(reason: r[o + 6])
        case .endClassification:
            guard let c = WaitingClassification(rawValue: r[o + 7]) else { throw bad() }
            detail = .endClassification(c)
        case .flexJobStart:
            guard let by = JobCreator(rawValue: r[o + 2]), let sector = EmployerSector(rawValue: r[o + 3]),
                  let size = EmployerSizeBand(rawValue: r[o + 4]), let subsidy = WageSubsidy(rawValue: r[o + 5]) else { throw bad() }
            detail = .flexJobStart(FlexJobAttributes(createdBy: by, sector: sector, sizeBand: size, subsidy: subsidy))
        }
        // Stored events get line 0 in a course check, so that they are never taken for the file's.
        return PlacementEvent(participant: id, date: date, detail: detail, line: keepLine ? r[o + 8] : 0)
    }
}
