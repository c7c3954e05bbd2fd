// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import GRDBSQLite
import TrialModel

/// The canonical rows of each kind of import, recomputed from what the store holds now: what
/// `record`, `enroll` and `randomize` digest when they write, and what `verify` digests again.
///
/// - trial file: one group (key 0): path, sha256, text, created_at, effekt_version of `trial_file`.
/// - roster: per participant in sequence order, group 2·sequence (sequence, id, municipality,
///   benefit, enrolled_on, roster_line) and group 2·sequence + 1 (the covariates text).
/// - allocation: group 0 the run (run, enrolled_through, entry_count, head_hash, started_at, seed,
///   trial_sha256, algorithm), then group `sequence` per entry (sequence, run, participant,
///   stratum, block, position, arm, assigned_at, algorithm, previous_hash, hash).
/// - weekly: every row the import wrote, current (`weekly`) or since replaced (`weekly_history`),
///   by participant then week; group = participant (participant, week, paid_hours, activity,
///   mentor, status). Superseded rows (`weekly_history.superseded_by`): the same fields and the
///   import that had written them.
/// - events: every `placement_event` row the import wrote, by participant, date, event; group =
///   participant (participant, line; date, event, created_by, sector, size_band, subsidy, reason,
///   classification).
extension ImportKind {
    /// The digests of the rows written and superseded by import `reference` of this kind.
    func digests(_ db: Database, reference: Int) throws -> (written: ImportDigest, superseded: ImportDigest) {
        switch self {
        case .trialFile:
            var d = RowDigest()
            try StatementRows.each(db, "SELECT path, sha256, text, created_at, effekt_version FROM trial_file WHERE id = ?", reference) { r in
                d.beginRow(group: 0)
                for c: Int32 in 0..<5 { d.text(r.text(c)) }
                d.endRow()
            }
            return (d.finish(), .empty)
        case .roster:
            var d = RowDigest()
            try StatementRows.each(db, """
                SELECT sequence, id, municipality, benefit, enrolled_on, roster_line, covariates
                FROM participant WHERE roster_import = ? ORDER BY sequence
                """, reference) { r in
                let sequence = r.integer(0)
                d.beginRow(group: sequence &* 2)
                d.integer(sequence)
                for c: Int32 in 1...4 { d.text(r.text(c)) }
                d.integer(r.integer(5))
                d.endRow()
                d.beginRow(group: sequence &* 2 &+ 1)
                d.text(r.text(6))
                d.endRow()
            }
            return (d.finish(), .empty)
        case .allocation:
            var d = RowDigest()
            try StatementRows.each(db, """
                SELECT run, enrolled_through, entry_count, head_hash, started_at, seed, trial_sha256, algorithm
                FROM randomization_run WHERE run = ?
                """, reference) { r in
                d.beginRow(group: 0)
                for c: Int32 in 0...2 { d.integer(r.integer(c)) }
                for c: Int32 in 3...7 { d.text(r.text(c)) }
                d.endRow()
            }
            try StatementRows.each(db, """
                SELECT sequence, run, block, position, participant, stratum, arm, assigned_at, algorithm, previous_hash, hash
                FROM allocation_log WHERE run = ? ORDER BY sequence
                """, reference) { r in
                d.beginRow(group: r.integer(0))
                for c: Int32 in 0...3 { d.integer(r.integer(c)) }
                for c: Int32 in 4...10 { d.text(r.text(c)) }
                d.endRow()
            }
            return (d.finish(), .empty)
        case .weekly:
            return (try ImportKind.weeklyWritten(db, reference: reference), try ImportKind.weeklySuperseded(db, reference: reference))
        case .events:
            var d = RowDigest()
            try StatementRows.each(db, """
                SELECT participant, line, date, event, created_by, sector, size_band, subsidy, reason, classification
                FROM placement_event WHERE import = ? ORDER BY participant, date, event
                """, reference) { r in
                d.beginRow(group: r.integer(0))
                d.integer(r.integer(0))
                d.integer(r.integer(1))
                for c: Int32 in 2...9 { d.text(r.text(c)) }
                d.endRow()
            }
            return (d.finish(), .empty)
        }
    }

    /// Adds one weekly row (columns participant, week, paid_hours, activity, mentor, status from 0).
    static func addWeekly(_ d: inout RowDigest, _ r: StatementRows) {
        let participant = r.integer(0)
        d.beginRow(group: participant)
        d.integer(participant)
        d.integer(r.integer(1))
        d.real(r.real(2))
        d.text(r.text(3))
        d.integer(r.integer(4))
        d.text(r.text(5))
    }

    /// The rows weekly import `reference` wrote: those still current merged with those replaced since.
    static func weeklyWritten(_ db: Database, reference: Int) throws -> ImportDigest {
        let columns = "participant, week, paid_hours, activity, mentor, status"
        let current = try StatementRows(db, "SELECT \(columns) FROM weekly WHERE import = ? ORDER BY participant, week", [reference])
        let replaced = try StatementRows(db, "SELECT \(columns) FROM weekly_history WHERE import = ? ORDER BY participant, week", [reference])
        var d = RowDigest()
        var a = try current.step(), b = try replaced.step()
        while a || b {
            let takeCurrent = a && (!b || (current.integer(0), current.integer(1)) < (replaced.integer(0), replaced.integer(1)))
            let source = takeCurrent ? current : replaced
            addWeekly(&d, source)
            d.endRow()
            if takeCurrent { a = try current.step() } else { b = try replaced.step() }
        }
        return d.finish()
    }

    /// The rows weekly import `reference` wrote, read back participant by participant (through
    /// the primary key) right after the import, when no row of it has been replaced yet: what
    /// `record` digests when the file was not in the store's order.
    /// Complexity: O(participants · log rows + rows).
    static func weeklyWritten(_ db: Database, reference: Int, participants: [Int64]) throws -> ImportDigest {
        var d = RowDigest()
        let rows = try StatementRows(db, """
            SELECT participant, week, paid_hours, activity, mentor, status FROM weekly
            WHERE participant = ? AND import = ? ORDER BY week
            """, [0, reference])
        for p in participants {
            try rows.restart([p, reference])
            while try rows.step() {
                addWeekly(&d, rows)
                d.endRow()
            }
        }
        return d.finish()
    }

    /// The rows weekly import `reference` superseded, with the import that had written each.
    static func weeklySuperseded(_ db: Database, reference: Int) throws -> ImportDigest {
        var d = RowDigest()
        try StatementRows.each(db, """
            SELECT participant, week, paid_hours, activity, mentor, status, import
            FROM weekly_history WHERE superseded_by = ? ORDER BY participant, week
            """, reference) { r in
            addWeekly(&d, r)
            d.integer(r.integer(6))
            d.endRow()
        }
        return d.finish()
    }
}

/// Rows of one prepared statement read through SQLite's C interface (the digests read every
/// stored row, so they skip GRDB's row values).
final class StatementRows {
    let statement: Statement
    private var s: OpaquePointer { statement.sqliteStatement }

    /// With `cached`, the connection's cached statement for `sql` (compiled once): only for a
    /// pass that runs to its end before another pass of the same `sql` begins.
    init(_ db: Database, _ sql: String, _ arguments: StatementArguments, cached: Bool = false) throws {
        statement = try cached ? db.cachedStatement(sql: sql) : db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Binds new arguments and starts again from the first row.
    func restart(_ arguments: StatementArguments) throws { try statement.setArguments(arguments) }

    /// Advances to the next row; false at the end.
    func step() throws -> Bool {
        let rc = sqlite3_step(s)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw TrialStoreError.sqlite(message: String(cString: sqlite3_errmsg(sqlite3_db_handle(s))), sql: statement.sql)
    }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(s, column) }
    func real(_ column: Int32) -> Double { sqlite3_column_double(s, column) }
    func text(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let p = sqlite3_column_text(s, column)
        let n = Int(sqlite3_column_bytes(s, column))
        guard let p, n > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p, count: n)
    }

    /// Runs `body` on every row of `sql` with one integer argument.
    static func each(_ db: Database, _ sql: String, _ argument: Int, _ body: (StatementRows) throws -> Void) throws {
        let rows = try StatementRows(db, sql, [argument], cached: true)
        while try rows.step() { try body(rows) }
    }
}
