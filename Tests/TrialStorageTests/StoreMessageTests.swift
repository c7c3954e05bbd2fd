// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialStorage

/// SQLite's failures are told in the store's words: never the SQL text or a raw constraint.
final class StoreMessageTests: XCTestCase {
    func testSQLiteFailuresReadAsSentencesWithoutSQL() {
        let cases: [(message: String, sql: String, expected: String)] = [
            ("UNIQUE constraint failed: participant.id", "INSERT INTO participant (id, municipality) VALUES (?, ?)", "already enrolled"),
            ("UNIQUE constraint failed: weekly.participant, weekly.week", "INSERT INTO weekly VALUES (?)", "already has a record for this week"),
            ("database is locked", "BEGIN IMMEDIATE TRANSACTION", "another Effekt process is writing"),
            ("attempt to write a readonly database", "PRAGMA journal_mode=WAL", "read-only"),
            ("file is not a database", "SELECT path FROM trial_file", "not an Effekt store"),
            ("FOREIGN KEY constraint failed", "INSERT INTO allocation VALUES (?)", "break one of the store's rules"),
            (String(repeating: "q", count: 5_000), "SELECT 1", String(repeating: "q", count: 40) + "…"),
        ]
        for c in cases {
            let text = TrialStoreError.sqlite(message: c.message, sql: c.sql).description
            XCTAssertTrue(text.contains(c.expected), "'\(c.expected)' not in: \(text)")
            XCTAssertFalse(text.contains("SQL"), text)
            XCTAssertFalse(text.contains(c.sql), text)
            XCTAssertFalse(text.contains("UNIQUE constraint"), text)
            XCTAssertLessThan(text.count, 300, text)
        }
    }

    /// The store's timestamps (made from `gmtime_r`) are the text Foundation's ISO 8601
    /// formatter gives, whole seconds rounded down, over dates from 1900 to 2200 and at the
    /// edges of days, months, leap days and years (seeded).
    func testTimestampsAreISO8601InUTC() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var state: UInt64 = 20261201
        var dates = [0, 1_456_704_000 - 0.001, 1_456_704_000, 1_456_790_399.999, 946_684_799.5, 4_102_444_800, -2_208_988_800,
                     7_258_118_399.25, 1_764_547_200.75].map { Date(timeIntervalSince1970: $0) }
        for _ in 0..<2_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            dates.append(Date(timeIntervalSince1970: -2_208_988_800 + Double(state >> 11) / Double(1 << 53) * 9_467_107_199))
        }
        for d in dates {
            XCTAssertEqual(TrialStore.timestamp(d), formatter.string(from: d), "\(d.timeIntervalSince1970)")
        }
    }
}
