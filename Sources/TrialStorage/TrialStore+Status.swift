// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import GRDBSQLite
import TrialModel

extension TrialStore {
    /// CONSORT counts: enrolled, randomized per arm and stratum, followed up per week, lost to
    /// follow-up with reasons (counted by `ConsortTally`, as the analysis counts them).
    /// Complexity: one pass over the weekly records in SQL.
    public func status() throws -> TrialStatus {
        let arms = definition.arms.map(\.name)
        let followUp = definition.followUpWeeks
        return try TrialStore.wrap("status") {
            try queue.read { db in
                let enrolled = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant") ?? 0
                var byStratum = [String: [String: Int]]()
                for r in try Row.fetchAll(db, sql: "SELECT stratum, arm, COUNT(*) FROM allocation_log GROUP BY stratum, arm") {
                    byStratum[r[0] as String, default: [:]][r[1] as String] = r[2]
                }
                func counts(_ d: [String: Int]) -> [ArmCount] { arms.map { ArmCount(arm: $0, count: d[$0] ?? 0) } }
                var perWeek = [Int: [String: Int]]()
                for r in try Row.fetchAll(db, sql: """
                    SELECT w.week, l.arm, COUNT(*) FROM weekly w
                    JOIN participant p ON p.sequence = w.participant JOIN allocation_log l ON l.participant = p.id
                    GROUP BY w.week, l.arm
                    """) {
                    perWeek[r[0] as Int, default: [:]][r[1] as String] = r[2]
                }
                let records = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM weekly") ?? 0
                // The last record of each randomized participant (SQLite returns the bare columns of the MAX row).
                var tally = ConsortTally(arms: arms, followUpWeeks: followUp)
                for r in try Row.fetchAll(db, sql: """
                    SELECT l.arm, last.week, last.status FROM allocation_log l JOIN participant p ON p.id = l.participant
                    LEFT JOIN (SELECT participant, MAX(week) AS week, status FROM weekly GROUP BY participant) last
                      ON last.participant = p.sequence
                    """) {
                    let statusCode: String? = r[2]
                    tally.add(arm: r[0], lastWeek: r[1], lastStatus: statusCode.flatMap(BenefitStatus.init(rawValue:)))
                }
                return TrialStatus(
                    trial: definition.name, enrolled: enrolled, randomized: tally.randomizedTotal,
                    awaitingRandomization: enrolled - tally.randomizedTotal, arms: tally.randomized,
                    strata: byStratum.keys.sorted().map { TrialStatus.StratumCounts(stratum: $0, arms: counts(byStratum[$0]!)) },
                    followUpWeeks: followUp, weeklyRecords: records,
                    followedUp: (1...followUp).map { TrialStatus.WeekCounts(week: $0, arms: counts(perWeek[$0] ?? [:])) },
                    lostToFollowUp: tally.lost.map { TrialStatus.LossCounts(reason: $0.reason, arms: $0.arms) })
            }
        }
    }

    /// The baseline balance table of the randomized participants.
    /// - Throws: `.nothingRandomized` when the log is empty.
    public func balance() throws -> BaselineBalance {
        let people = try participants()
        let log = try allocationLog()
        guard !log.isEmpty else { throw TrialStoreError.nothingRandomized }
        let arm = Dictionary(log.map { ($0.assignment.participant, $0.assignment.arm) }, uniquingKeysWith: { a, _ in a })
        return BaselineBalance(participants: people.compactMap { s in arm[s.participant.id].map { (s.participant, $0) } }, trial: definition)
    }

    /// Every weekly record, grouped by participant id,
    /// each in week order (the input to the outcome derivations).
    ///
    /// Reads the table in its primary-key order (participant, week) through one raw statement —
    /// no join, no sort; the ids come from one pass over `participant` — and matches the codes'
    /// bytes against the known codes. A stored row with an unknown code or participant is a
    /// damaged store and throws; it is never skipped.
    ///
    /// Complexity: O(rows); memory O(rows).
    ///
    /// `progress`, when given, is called every 65,536 rows and at the end with the rows read and
    /// the rows stored (Σ rows − replaced over the weekly imports).
    public func weeklyRecords(progress: ((_ read: Int, _ total: Int) -> Void)? = nil) throws -> [ParticipantID: [WeeklyRecord]] {
        let sql = "SELECT participant, week, paid_hours, activity, mentor, status FROM weekly ORDER BY participant, week"
        return try TrialStore.wrap("SELECT FROM weekly") {
            try queue.read { db in
                var ids = [Int64: ParticipantID]()
                let people = try Row.fetchCursor(db, sql: "SELECT sequence, id FROM participant")
                while let r = try people.next() { ids[r[0]] = ParticipantID(r[1] as String) }
                let activities = ActivityKind.allCases.map { (Array($0.rawValue.utf8), $0) }
                let statuses = BenefitStatus.allCases.map { (Array($0.rawValue.utf8), $0) }
                func code<C>(_ s: OpaquePointer?, _ column: Int32, _ codes: [([UInt8], C)]) -> C? {
                    guard let text = sqlite3_column_text(s, column) else { return nil }
                    let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, column)))
                    return codes.first { $0.0.elementsEqual(bytes) }?.1
                }
                /// The error for the row's unknown code in result column `index` (named `column`), or
                /// for its participant when `index` is nil.
                func unreadable(_ s: OpaquePointer?, _ key: Int64, _ week: Int64, _ index: Int32?, _ column: String) -> TrialStoreError {
                    let value = index.map { c in sqlite3_column_text(s, c).map { String(cString: $0) } ?? "NULL" }
                    return .unreadableWeeklyRow(participantKey: key, week: Int(week), column: column, value: value)
                }
                // Rows come participant by participant: each participant's records are collected in
                // one reused buffer and stored with exactly their count.
                var out = [ParticipantID: [WeeklyRecord]](minimumCapacity: ids.count)
                var current = [WeeklyRecord](), currentKey: Int64 = -1, currentID = ParticipantID("")
                func flush() {
                    guard !current.isEmpty else { return }
                    out[currentID] = current.withUnsafeBufferPointer { Array($0) }
                    current.removeAll(keepingCapacity: true)
                }
                let total = progress == nil ? 0 : try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(rows - replaced), 0) FROM weekly_import") ?? 0
                var read = 0
                let statement = try db.makeStatement(sql: sql)
                let s = statement.sqliteStatement
                while true {
                    let rc = sqlite3_step(s)
                    if rc == SQLITE_DONE { break }
                    guard rc == SQLITE_ROW else {
                        throw TrialStoreError.sqlite(message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                    }
                    let key = sqlite3_column_int64(s, 0), week = sqlite3_column_int64(s, 1)
                    if key != currentKey {
                        flush()
                        guard let id = ids[key] else { throw unreadable(s, key, week, nil, "participant") }
                        currentKey = key
                        currentID = id
                    }
                    guard let activity = code(s, 3, activities) else { throw unreadable(s, key, week, 3, "activity") }
                    guard let status = code(s, 5, statuses) else { throw unreadable(s, key, week, 5, "status") }
                    current.append(WeeklyRecord(week: Int(week), paidHours: sqlite3_column_double(s, 2),
                                                activity: activity, mentor: sqlite3_column_int64(s, 4) != 0, status: status))
                    read += 1
                    if read & 0xFFFF == 0 { progress?(read, max(total, read)) }
                }
                flush()
                progress?(read, max(total, read))
                return out
            }
        }
    }
}

extension TrialStore {
    /// Every randomized participant's history (empty when nothing is recorded), with the arm:
    /// the input of the outcome derivations in `ParticipantHistory`.
    /// Complexity: O(rows); memory O(rows).
    public func participantHistories() throws -> [(participant: Participant, arm: String, history: ParticipantHistory)] {
        let records = try weeklyRecords()
        let arms = Dictionary(try allocationLog().map { ($0.assignment.participant, $0.assignment.arm) }, uniquingKeysWith: { a, _ in a })
        return try participants().compactMap { s in
            arms[s.participant.id].map { arm in
                (s.participant, arm, ParticipantHistory(participant: s.participant.id, records: records[s.participant.id] ?? [],
                                                        followUpWeeks: definition.followUpWeeks))
            }
        }
    }
}
