// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel

/// The store's named migrations. A migration is never edited once landed: changes are new
/// migrations appended at the end.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("record the trial file the store was created from") { db in
            try db.execute(sql: """
                CREATE TABLE trial_file (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    path TEXT NOT NULL, sha256 TEXT NOT NULL, text TEXT NOT NULL,
                    created_at TEXT NOT NULL, effekt_version TEXT NOT NULL);
                CREATE TRIGGER trial_file_is_fixed_on_update BEFORE UPDATE ON trial_file
                    BEGIN SELECT RAISE(ABORT, 'trial_file is written once'); END;
                CREATE TRIGGER trial_file_is_fixed_on_delete BEFORE DELETE ON trial_file
                    BEGIN SELECT RAISE(ABORT, 'trial_file is written once'); END;
                """)
        }
        m.registerMigration("create participants and roster imports") { db in
            try db.execute(sql: """
                CREATE TABLE roster_import (
                    import INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL, columns TEXT NOT NULL, imported_at TEXT NOT NULL);
                CREATE TABLE participant (
                    sequence INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    municipality TEXT NOT NULL, benefit TEXT NOT NULL, enrolled_on TEXT NOT NULL,
                    covariates TEXT NOT NULL,
                    roster_import INTEGER NOT NULL REFERENCES roster_import(import),
                    roster_line INTEGER NOT NULL);
                """)
        }
        m.registerMigration("create the append-only allocation log") { db in
            try db.execute(sql: """
                CREATE TABLE randomization_run (
                    run INTEGER PRIMARY KEY, enrolled_through INTEGER NOT NULL, entry_count INTEGER NOT NULL,
                    head_hash TEXT NOT NULL, started_at TEXT NOT NULL, seed TEXT NOT NULL,
                    trial_sha256 TEXT NOT NULL, algorithm TEXT NOT NULL);
                CREATE TABLE allocation_log (
                    sequence INTEGER PRIMARY KEY, run INTEGER NOT NULL REFERENCES randomization_run(run),
                    participant TEXT NOT NULL UNIQUE, stratum TEXT NOT NULL, block INTEGER NOT NULL,
                    position INTEGER NOT NULL, arm TEXT NOT NULL, assigned_at TEXT NOT NULL,
                    algorithm TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
                CREATE TRIGGER allocation_log_no_update BEFORE UPDATE ON allocation_log
                    BEGIN SELECT RAISE(ABORT, 'allocation_log is append-only: an assignment is never changed'); END;
                CREATE TRIGGER allocation_log_no_delete BEFORE DELETE ON allocation_log
                    BEGIN SELECT RAISE(ABORT, 'allocation_log is append-only: an assignment is never deleted'); END;
                CREATE TRIGGER randomization_run_no_update BEFORE UPDATE ON randomization_run
                    BEGIN SELECT RAISE(ABORT, 'randomization_run is append-only'); END;
                CREATE TRIGGER randomization_run_no_delete BEFORE DELETE ON randomization_run
                    BEGIN SELECT RAISE(ABORT, 'randomization_run is append-only'); END;
                """)
        }
        m.registerMigration("create weekly records with a history of replaced rows") { db in
            try db.execute(sql: """
                CREATE TABLE weekly_import (
                    import INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL,
                    replaced INTEGER NOT NULL, mode TEXT NOT NULL, imported_at TEXT NOT NULL);
                CREATE TABLE weekly (
                    participant INTEGER NOT NULL, week INTEGER NOT NULL, paid_hours REAL NOT NULL,
                    activity TEXT NOT NULL, mentor INTEGER NOT NULL, status TEXT NOT NULL,
                    import INTEGER NOT NULL,
                    PRIMARY KEY (participant, week)) WITHOUT ROWID;
                CREATE TABLE weekly_history (
                    participant INTEGER NOT NULL, week INTEGER NOT NULL, paid_hours REAL NOT NULL,
                    activity TEXT NOT NULL, mentor INTEGER NOT NULL, status TEXT NOT NULL,
                    import INTEGER NOT NULL, superseded_by INTEGER NOT NULL);
                CREATE TRIGGER weekly_history_no_update BEFORE UPDATE ON weekly_history
                    BEGIN SELECT RAISE(ABORT, 'weekly_history is append-only'); END;
                CREATE TRIGGER weekly_history_no_delete BEFORE DELETE ON weekly_history
                    BEGIN SELECT RAISE(ABORT, 'weekly_history is append-only'); END;
                """)
        }
        m.registerMigration("index the absorbing exits of weekly records") { db in
            // A partial index: only exit rows, so `record` can check that nothing follows an exit
            // at a cost proportional to the exits, not to the table.
            try db.execute(sql: """
                CREATE INDEX weekly_exit ON weekly (participant, week)
                    WHERE status IN \(absorbingExitList);
                """)
        }
        m.registerMigration("chain every import in an append-only import log") { db in
            try db.execute(sql: """
                CREATE TABLE import_log (
                    entry INTEGER PRIMARY KEY, kind TEXT NOT NULL, reference INTEGER NOT NULL,
                    file TEXT NOT NULL, file_sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL, rows_sha256 TEXT NOT NULL,
                    superseded INTEGER NOT NULL, superseded_sha256 TEXT NOT NULL,
                    fingerprints BLOB NOT NULL, imported_at TEXT NOT NULL,
                    previous_hash TEXT NOT NULL, hash TEXT NOT NULL,
                    UNIQUE (kind, reference));
                CREATE TRIGGER import_log_no_update BEFORE UPDATE ON import_log
                    BEGIN SELECT RAISE(ABORT, 'import_log is append-only: an import is never changed'); END;
                CREATE TRIGGER import_log_no_delete BEFORE DELETE ON import_log
                    BEGIN SELECT RAISE(ABORT, 'import_log is append-only: an import is never deleted'); END;
                CREATE TRIGGER participant_no_update BEFORE UPDATE ON participant
                    BEGIN SELECT RAISE(ABORT, 'participant rows are never changed'); END;
                CREATE TRIGGER participant_no_delete BEFORE DELETE ON participant
                    BEGIN SELECT RAISE(ABORT, 'participant rows are never deleted'); END;
                CREATE TRIGGER weekly_no_delete BEFORE DELETE ON weekly
                    BEGIN SELECT RAISE(ABORT, 'weekly rows are replaced, never deleted'); END;
                CREATE TRIGGER roster_import_no_update BEFORE UPDATE ON roster_import
                    BEGIN SELECT RAISE(ABORT, 'roster_import is append-only'); END;
                CREATE TRIGGER roster_import_no_delete BEFORE DELETE ON roster_import
                    BEGIN SELECT RAISE(ABORT, 'roster_import is append-only'); END;
                CREATE TRIGGER weekly_import_no_update BEFORE UPDATE ON weekly_import
                    BEGIN SELECT RAISE(ABORT, 'weekly_import is append-only'); END;
                CREATE TRIGGER weekly_import_no_delete BEFORE DELETE ON weekly_import
                    BEGIN SELECT RAISE(ABORT, 'weekly_import is append-only'); END;
                CREATE INDEX weekly_history_superseded ON weekly_history (superseded_by);
                """)
            try StoreSchema.chainExistingImports(db)
        }
        m.registerMigration("record imported allocations") { db in
            // One row per import that added assignments: the file's SHA-256, the design trial.toml
            // assumed, and the SHA-256 of the assignments it added (ImportedAllocation.digest),
            // which `verify` recomputes from the log.
            try db.execute(sql: """
                CREATE TABLE allocation_import (
                    import INTEGER PRIMARY KEY, run INTEGER NOT NULL UNIQUE REFERENCES randomization_run(run),
                    file TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL, assumed TEXT NOT NULL,
                    assignments_sha256 TEXT NOT NULL, imported_at TEXT NOT NULL);
                CREATE TRIGGER allocation_import_no_update BEFORE UPDATE ON allocation_import
                    BEGIN SELECT RAISE(ABORT, 'allocation_import is append-only'); END;
                CREATE TRIGGER allocation_import_no_delete BEFORE DELETE ON allocation_import
                    BEGIN SELECT RAISE(ABORT, 'allocation_import is append-only'); END;
                """)
        }
        m.registerMigration("record placement events beside the weekly records") { db in
            // events.csv (`record-events`): one row per event, keyed by participant, date and
            // kind; `line` is the file line it came from. Absent fields are ''.
            try db.execute(sql: """
                CREATE TABLE event_import (
                    import INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL,
                    imported_at TEXT NOT NULL);
                CREATE TABLE placement_event (
                    participant INTEGER NOT NULL, date TEXT NOT NULL, event TEXT NOT NULL,
                    created_by TEXT NOT NULL, sector TEXT NOT NULL, size_band TEXT NOT NULL, subsidy TEXT NOT NULL,
                    reason TEXT NOT NULL, classification TEXT NOT NULL, line INTEGER NOT NULL,
                    import INTEGER NOT NULL REFERENCES event_import(import),
                    PRIMARY KEY (participant, date, event)) WITHOUT ROWID;
                CREATE TRIGGER event_import_no_update BEFORE UPDATE ON event_import
                    BEGIN SELECT RAISE(ABORT, 'event_import is append-only'); END;
                CREATE TRIGGER event_import_no_delete BEFORE DELETE ON event_import
                    BEGIN SELECT RAISE(ABORT, 'event_import is append-only'); END;
                CREATE TRIGGER placement_event_no_update BEFORE UPDATE ON placement_event
                    BEGIN SELECT RAISE(ABORT, 'placement_event is append-only: an event is never changed'); END;
                CREATE TRIGGER placement_event_no_delete BEFORE DELETE ON placement_event
                    BEGIN SELECT RAISE(ABORT, 'placement_event is append-only: an event is never deleted'); END;
                """)
        }
        registerServiceMigrations(&m)
        return m
    }

    /// Enters the imports of a store made before the import log, in the order they were made
    /// (trial file first; then by time, rosters before runs before weekly files at the same
    /// second). Their digests cover the rows as they are when the log is added: the log can vouch
    /// for nothing earlier.
    static func chainExistingImports(_ db: Database) throws {
        var imports = [(at: String, order: Int, kind: ImportKind, reference: Int, file: String, sha256: String)]()
        for r in try Row.fetchAll(db, sql: "SELECT id, path, sha256, created_at FROM trial_file") {
            imports.append((r[3], 0, .trialFile, r[0], r[1], r[2]))
        }
        for r in try Row.fetchAll(db, sql: "SELECT import, file, sha256, imported_at FROM roster_import") {
            imports.append((r[3], 1, .roster, r[0], r[1], r[2]))
        }
        for r in try Row.fetchAll(db, sql: "SELECT run, started_at FROM randomization_run") {
            imports.append((r[1], 2, .allocation, r[0], "", ""))
        }
        for r in try Row.fetchAll(db, sql: "SELECT import, file, sha256, imported_at FROM weekly_import") {
            imports.append((r[3], 3, .weekly, r[0], r[1], r[2]))
        }
        imports.sort { ($0.order == 0 ? 0 : 1, $0.at, $0.order, $0.reference) < ($1.order == 0 ? 0 : 1, $1.at, $1.order, $1.reference) }
        for i in imports {
            let (written, superseded) = try i.kind.digests(db, reference: i.reference)
            try ImportLog.append(db, kind: i.kind, reference: i.reference, file: i.file, fileSHA256: i.sha256,
                                 written: written, superseded: superseded, importedAt: i.at)
        }
    }

    /// The SQL list of the absorbing exits, `('disability_pension', 'moved_away')`, written from
    /// `BenefitStatus.absorbingExits`. The partial index `weekly_exit` and the queries that use it
    /// share it (SQLite uses a partial index only when the query's condition implies the index's).
    /// A change of the absorbing exits needs a new migration that rebuilds the index.
    static let absorbingExitList = "(" + BenefitStatus.absorbingExits.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
}
