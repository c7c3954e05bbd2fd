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
}
