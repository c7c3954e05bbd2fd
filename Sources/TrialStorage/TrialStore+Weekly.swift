// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import GRDBSQLite
import TrialModel

/// How `record` treats a (participant, week) that is already in the store.
public enum RecordingMode: String, CaseIterable, Sendable, Codable {
    /// Refuse the file if any of its rows is already recorded.
    case append
    /// Replace recorded rows, keeping the superseded ones in `weekly_history`.
    case replace
}

/// What one `record` did.
public struct RecordingSummary: Hashable, Sendable, Codable {
    public let weeklyImport: Int
    public let rows: Int
    /// Rows that replaced an earlier record (moved to the history table).
    public let replaced: Int
    public let sha256: String
}

extension TrialStore {
    /// Records a weekly.csv in one transaction: every row, or — on the first bad row — none.
    ///
    /// Refuses, with file, line, column and value: unknown ids, a (participant, week) twice in
    /// the file, a (participant, week) already recorded (unless `mode == .replace`), a week after
    /// the participant's absorbing exit (moving away, disability pension — in the file or stored),
    /// and every malformed field `WeeklyFile` refuses (weeks outside follow-up, hours < 0 or > 80,
    /// bad codes).
    ///
    /// Speed: the file is parsed from bytes in one streaming pass on a thread of its own and
    /// inserted 64 rows per prepared INSERT (raw SQLite binds) inside one transaction: under the
    /// WAL journal, or — for files of `rollbackJournalFromBytes` or more, when no other connection
    /// holds the store — under a rollback journal, so that appended pages are written once, not
    /// twice (`enterRollbackJournal`).
    /// Complexity: O(rows · log rows) B-tree inserts; memory O(participants) for the id index.
    @discardableResult
    ///
    /// `progress`, when given, is called after each batch of rows with the bytes of the file read
    /// so far and the file's size.
    public func record(weeklyPath: String, displayName: String? = nil, mode: RecordingMode = .append,
                       now: String = TrialStore.timestamp(), rollbackJournalFromBytes: Int = TrialStore.rollbackJournalFromBytes,
                       progress: ((_ bytesRead: Int, _ fileSize: Int) -> Void)? = nil) throws -> RecordingSummary {
        let name = displayName ?? weeklyPath
        let followUp = definition.followUpWeeks
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: weeklyPath)[.size] as? Int) ?? 0
        return try TrialStore.wrap("record") {
            try queue.writeWithoutTransaction { db in
                let rollback = fileSize >= rollbackJournalFromBytes ? try TrialStore.enterRollbackJournal(db) : false
                defer { if rollback { TrialStore.returnToWriteAheadLog(db) } }
                var summary: RecordingSummary?
                try db.inTransaction(.immediate) {
                    var ids = [String: Int64]()
                    let cursor = try Row.fetchCursor(db, sql: "SELECT sequence, id FROM participant")
                    while let r = try cursor.next() { ids[r[1] as String] = r[0] }
                    let importNumber = (try Int.fetchOne(db, sql: "SELECT MAX(import) FROM weekly_import") ?? 0) + 1
                    let writer = try WeeklyRowWriter(db: db, importNumber: importNumber, mode: mode)
                    defer { writer.release() }
                    var rows = 0, replaced = 0
                    let reading = WeeklyFileReading(path: weeklyPath, displayName: name, followUpWeeks: followUp, ids: ids)
                    defer { _ = reading.finish() }
                    func idText(_ key: Int64) -> String { ids.first { $0.value == key }?.key ?? "\(key)" }
                    while let batch = try reading.next() {
                        for (row, outcome) in try writer.write(batch) {
                            switch outcome {
                            case .inserted: break
                            case .replaced: replaced += 1
                            case .alreadyRecorded:
                                throw TrialStoreError.weekAlreadyRecorded(SourceLocation(file: name, line: row.line, column: "week"), id: idText(row.participant), week: row.week)
                            case .twiceInFile:
                                throw TrialStoreError.weekTwiceInFile(SourceLocation(file: name, line: row.line, column: "week"), id: idText(row.participant), week: row.week)
                            }
                        }
                        rows += batch.count
                        progress?(reading.bytesRead, fileSize)
                    }
                    guard let read = reading.finish() else { preconditionFailure("the reading side ended without an error or an outcome") }
                    let sha = read.sha256
                    try TrialStore.checkNothingFollowsAnExit(db, importNumber: importNumber, weeklyPath: weeklyPath,
                                                             displayName: name, followUpWeeks: followUp)
                    try db.execute(sql: "INSERT INTO weekly_import (import, file, sha256, rows, replaced, mode, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [importNumber, name, sha, rows, replaced, mode.rawValue, now])
                    let written = try read.digest
                        ?? ImportKind.weeklyWritten(db, reference: importNumber, participants: Array(Set(read.participants)).sorted())
                    let superseded = replaced > 0 ? try ImportKind.weeklySuperseded(db, reference: importNumber) : .empty
                    try ImportLog.append(db, kind: .weekly, reference: importNumber, file: name, fileSHA256: sha,
                                         written: written, superseded: superseded, importedAt: now)
                    summary = RecordingSummary(weeklyImport: importNumber, rows: rows, replaced: replaced, sha256: sha)
                    return .commit
                }
                return summary!
            }
        }
    }
}

extension TrialStore {
    /// Throws when, after this import's rows are in, a participant has a week after an absorbing
    /// exit and this import holds the exit or the later week. Names the file's line: the later
    /// week's, or the exit's when the later week was stored before.
    ///
    /// Complexity: O(exits · log rows) through the partial index `weekly_exit`; the file is read
    /// again only to name the line of a refusal.
    static func checkNothingFollowsAnExit(_ db: Database, importNumber: Int, weeklyPath: String, displayName: String,
                                          followUpWeeks: Int) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT p.id, x.week, x.status, x.import, w.week, w.import
            FROM weekly AS x
            JOIN weekly AS w ON w.participant = x.participant AND w.week > x.week
            JOIN participant AS p ON p.sequence = x.participant
            WHERE x.status IN \(StoreSchema.absorbingExitList) AND (x.import = ?1 OR w.import = ?1)
            ORDER BY x.participant, x.week, w.week LIMIT 1
            """, arguments: [importNumber]) else { return }
        let id: String = row[0], exitWeek: Int = row[1], status: String = row[2]
        let exitImport: Int = row[3], laterWeek: Int = row[4], laterImport: Int = row[5]
        // The line in this file: the later week's if it is in this file, else the exit's.
        let week = laterImport == importNumber ? laterWeek : exitWeek
        var line = 0
        try WeeklyFile.scan(path: weeklyPath, followUpWeeks: followUpWeeks, displayName: displayName) { r in
            if line == 0, r.week == week, String(decoding: r.id, as: UTF8.self) == id { line = r.line }
        }
        if laterImport == importNumber {
            throw TrialStoreError.recordAfterExit(SourceLocation(file: displayName, line: line, column: "week"), id: id,
                                                  week: laterWeek, exitWeek: exitWeek, exitStatus: status)
        }
        precondition(exitImport == importNumber)
        throw TrialStoreError.exitBeforeRecordedWeek(SourceLocation(file: displayName, line: line, column: "status"), id: id,
                                                     exitWeek: exitWeek, exitStatus: status, recordedWeek: laterWeek)
    }
}

/// The canonical bytes of a weekly row as `record` writes it (`ImportKind.addWeekly` reads the
/// same fields back from the store). Consecutive rows mostly share their activity and status, so
/// the codes' bytes of the last row are kept rather than looked up again for every row.
struct WeeklyCanonicalText {
    static let activities = Dictionary(uniqueKeysWithValues: ActivityKind.allCases.map { ($0, Array($0.rawValue.utf8)) })
    static let statuses = Dictionary(uniqueKeysWithValues: BenefitStatus.allCases.map { ($0, Array($0.rawValue.utf8)) })
    private var activity: ActivityKind?
    private var activityBytes = [UInt8]()
    private var status: BenefitStatus?
    private var statusBytes = [UInt8]()

    mutating func add(_ d: inout RowDigest, _ row: WeeklyRow, participant: Int64) {
        if row.activity != activity {
            activity = row.activity
            activityBytes = Self.activities[row.activity]!
        }
        if row.status != status {
            status = row.status
            statusBytes = Self.statuses[row.status]!
        }
        d.beginRow(group: participant)
        d.integer(participant)
        d.integer(Int64(row.week))
        d.real(row.paidHours)
        activityBytes.withUnsafeBufferPointer { d.text($0) }
        d.integer(row.mentor ? 1 : 0)
        statusBytes.withUnsafeBufferPointer { d.text($0) }
        d.endRow()
    }
}

extension TrialStore {
    /// Seconds spent reading `path` and digesting its rows as the import log would — without the
    /// store (participant keys made up in file order) — to set the import log's share of
    /// `record` against the parse alone (`Scripts/bench trial-store`).
    public static func importLogDigestSeconds(weeklyPath: String, followUpWeeks: Int) throws -> Double {
        let clock = ContinuousClock()
        var digest = RowDigest(), canonical = WeeklyCanonicalText(), key: Int64 = 0, last = [UInt8]()
        let elapsed = try clock.measure {
            try WeeklyFile.scan(path: weeklyPath, followUpWeeks: followUpWeeks) { row in
                if !row.id.elementsEqual(last) { key += 1; last = Array(row.id) }
                canonical.add(&digest, row, participant: key)
            }
            _ = digest.finish()
        }
        let (s, atto) = elapsed.components
        return Double(s) + Double(atto) * 1e-18
    }
}

/// Inserts weekly rows through raw prepared SQLite statements (the hot loop of `record`).
private final class WeeklyRowWriter {
    enum Outcome { case inserted, replaced, alreadyRecorded, twiceInFile }

    let db: Database
    let importNumber: Int64
    let mode: RecordingMode
    let insert: Statement
    /// `rowsPerStatement` rows in one INSERT: SQLite's cost per statement (cursor, halt, journal
    /// bookkeeping) is paid once per `rowsPerStatement` rows instead of once per row.
    let insertMany: Statement
    static let rowsPerStatement = 64
    let findImport: Statement
    let keepHistory: Statement
    let upsert: Statement
    /// Each code's text as a C string, in `allCases` order: found by comparing cases, since a
    /// dictionary's hashing per bound value was a tenth of the inserting thread.
    let activityText: [(ActivityKind, UnsafeMutablePointer<CChar>)]
    let statusText: [(BenefitStatus, UnsafeMutablePointer<CChar>)]

    init(db: Database, importNumber: Int, mode: RecordingMode) throws {
        self.db = db
        self.importNumber = Int64(importNumber)
        self.mode = mode
        insert = try db.makeStatement(sql: "INSERT INTO weekly (participant, week, paid_hours, activity, mentor, status, import) VALUES (?, ?, ?, ?, ?, ?, ?)")
        insertMany = try db.makeStatement(sql: "INSERT INTO weekly (participant, week, paid_hours, activity, mentor, status, import) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: Self.rowsPerStatement).joined(separator: ", "))
        upsert = try db.makeStatement(sql: """
            INSERT INTO weekly (participant, week, paid_hours, activity, mentor, status, import) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (participant, week) DO UPDATE SET paid_hours = excluded.paid_hours, activity = excluded.activity,
              mentor = excluded.mentor, status = excluded.status, import = excluded.import
            """)
        findImport = try db.makeStatement(sql: "SELECT import FROM weekly WHERE participant = ? AND week = ?")
        keepHistory = try db.makeStatement(sql: """
            INSERT INTO weekly_history (participant, week, paid_hours, activity, mentor, status, import, superseded_by)
            SELECT participant, week, paid_hours, activity, mentor, status, import, ? FROM weekly WHERE participant = ? AND week = ?
            """)
        activityText = ActivityKind.allCases.map { ($0, strdup($0.rawValue)!) }
        statusText = BenefitStatus.allCases.map { ($0, strdup($0.rawValue)!) }
    }

    func release() {
        for (_, p) in activityText { free(p) }
        for (_, p) in statusText { free(p) }
    }

    private func fail(_ sql: String) -> TrialStoreError {
        .sqlite(message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }

    /// The import that recorded (participant, week), or nil.
    private func recordedImport(_ participant: Int64, _ week: Int) throws -> Int64? {
        let s = findImport.sqliteStatement
        sqlite3_reset(s)
        sqlite3_bind_int64(s, 1, participant)
        sqlite3_bind_int64(s, 2, Int64(week))
        let rc = sqlite3_step(s)
        defer { sqlite3_reset(s) }
        if rc == SQLITE_ROW { return sqlite3_column_int64(s, 0) }
        if rc == SQLITE_DONE { return nil }
        throw fail(findImport.sql)
    }

    /// Binds `row` to parameters `offset + 1 ... offset + 7` of `s`.
    private func bind(_ s: OpaquePointer?, _ row: ResolvedWeeklyRow, offset: Int32) {
        sqlite3_bind_int64(s, offset + 1, row.participant)
        sqlite3_bind_int64(s, offset + 2, Int64(row.week))
        sqlite3_bind_double(s, offset + 3, row.paidHours)
        sqlite3_bind_text(s, offset + 4, activityText.first { $0.0 == row.activity }!.1, -1, nil)
        sqlite3_bind_int64(s, offset + 5, row.mentor ? 1 : 0)
        sqlite3_bind_text(s, offset + 6, statusText.first { $0.0 == row.status }!.1, -1, nil)
        sqlite3_bind_int64(s, offset + 7, importNumber)
    }

    private func bindAndStep(_ statement: Statement, _ row: ResolvedWeeklyRow) -> Int32 {
        let s = statement.sqliteStatement
        bind(s, row, offset: 0)
        let rc = sqlite3_step(s)
        sqlite3_reset(s)
        return rc
    }

    /// Writes `rows` in order; returns the rows written with their outcomes, ending at the first
    /// row that is not inserted or replaced (`.alreadyRecorded`, `.twiceInFile`), if any.
    ///
    /// In append mode runs of `rowsPerStatement` rows go through one multi-row INSERT. A run that
    /// hits a constraint is undone by SQLite (the statement's own changes only) and written again
    /// row by row, so the first refused row — in file order — is the one reported.
    func write(_ rows: [ResolvedWeeklyRow]) throws -> [(ResolvedWeeklyRow, Outcome)] {
        var outcomes = [(ResolvedWeeklyRow, Outcome)]()
        var start = 0
        if mode == .append {
            let k = Self.rowsPerStatement
            let s = insertMany.sqliteStatement
            while start + k <= rows.count {
                for i in 0..<k { bind(s, rows[start + i], offset: Int32(7 * i)) }
                let rc = sqlite3_step(s)
                sqlite3_reset(s)
                if rc == SQLITE_DONE { start += k; continue }
                guard rc & 0xFF == SQLITE_CONSTRAINT else { throw fail(insertMany.sql) }
                break   // row by row from `start`, to name the first refused row
            }
        }
        for row in rows[start...] {
            let outcome = try write(row)
            outcomes.append((row, outcome))
            if outcome == .alreadyRecorded || outcome == .twiceInFile { break }
        }
        return outcomes
    }

    func write(_ row: ResolvedWeeklyRow) throws -> Outcome {
        let participant = row.participant
        switch mode {
        case .append:
            let rc = bindAndStep(insert, row)
            if rc == SQLITE_DONE { return .inserted }
            if rc & 0xFF == SQLITE_CONSTRAINT {
                return try recordedImport(participant, row.week) == importNumber ? .twiceInFile : .alreadyRecorded
            }
            throw fail(insert.sql)
        case .replace:
            let previous = try recordedImport(participant, row.week)
            if previous == importNumber { return .twiceInFile }
            if previous != nil {
                let s = keepHistory.sqliteStatement
                sqlite3_bind_int64(s, 1, importNumber)
                sqlite3_bind_int64(s, 2, participant)
                sqlite3_bind_int64(s, 3, Int64(row.week))
                let rc = sqlite3_step(s)
                sqlite3_reset(s)
                guard rc == SQLITE_DONE else { throw fail(keepHistory.sql) }
            }
            guard bindAndStep(upsert, row) == SQLITE_DONE else { throw fail(upsert.sql) }
            return previous == nil ? .inserted : .replaced
        }
    }
}
