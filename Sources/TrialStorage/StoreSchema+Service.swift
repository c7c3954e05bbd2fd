// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB

extension StoreSchema {
    /// The enrolment service's tables (issue 15), appended at the end of the migration list:
    /// the commitment to the secret seed, its reveal, the closing of enrolment (each written
    /// once), the users with SHA-256 hashes of their API tokens (only `revoked_at` may be set,
    /// once), and the append-only, hash-chained access log.
    static func registerServiceMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("enrolment service: commitment, reveal, closure, users and access log") { db in
            try db.execute(sql: """
                CREATE TABLE service_commitment (
                    id INTEGER PRIMARY KEY CHECK (id = 1), commitment TEXT NOT NULL, algorithm TEXT NOT NULL,
                    published_at TEXT NOT NULL);
                CREATE TABLE service_reveal (
                    id INTEGER PRIMARY KEY CHECK (id = 1), seed TEXT NOT NULL, nonce TEXT NOT NULL, revealed_at TEXT NOT NULL);
                CREATE TABLE service_closure (
                    id INTEGER PRIMARY KEY CHECK (id = 1), closed_at TEXT NOT NULL);
                CREATE TABLE service_user (
                    user INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('caseworker', 'manager', 'auditor')),
                    municipality TEXT, token_sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT,
                    CHECK ((role = 'caseworker') = (municipality IS NOT NULL)));
                CREATE TABLE access_log (
                    entry INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, method TEXT NOT NULL,
                    path TEXT NOT NULL, status INTEGER NOT NULL, outcome TEXT NOT NULL,
                    previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
                CREATE INDEX allocation_log_stratum ON allocation_log (stratum, sequence);
                CREATE INDEX allocation_log_run ON allocation_log (run);
                CREATE INDEX participant_roster_import ON participant (roster_import);
                """)
            for table in ["service_commitment", "service_reveal", "service_closure", "access_log"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is written once, never changed'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is never deleted from'); END;
                    """)
            }
            try db.execute(sql: """
                CREATE TRIGGER service_user_only_revoked BEFORE UPDATE ON service_user
                    WHEN OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL OR NEW.name IS NOT OLD.name
                      OR NEW.role IS NOT OLD.role OR NEW.municipality IS NOT OLD.municipality
                      OR NEW.token_sha256 IS NOT OLD.token_sha256 OR NEW.created_at IS NOT OLD.created_at
                    BEGIN SELECT RAISE(ABORT, 'a service user is only ever revoked, once'); END;
                CREATE TRIGGER service_user_no_delete BEFORE DELETE ON service_user
                    BEGIN SELECT RAISE(ABORT, 'service users are revoked, never deleted'); END;
                """)
        }
    }
}
