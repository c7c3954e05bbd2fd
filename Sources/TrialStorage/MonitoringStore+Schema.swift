// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import ProgrammeMonitoring

/// The monitoring store's named migrations (its own list: the trial store's `StoreSchema` is
/// another file's). A migration is never edited once landed: changes are new migrations
/// appended at the end.
///
/// Tables: `monitoring_import` (one row an import: kind, file, SHA-256, rows, time, and the
/// file's first line when it is a `#` comment, such as the SYNTHETIC label);
/// `placement_unit`, `registered_case`, `unit_goal`, `staged_assessment` (the file's columns as
/// text, exactly as written, plus the import and the line); `import_log` as in the trial store.
/// Every table refuses UPDATE and DELETE.
enum MonitoringSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("monitoring: create the imports, the four files' rows and the import log") { db in
            var sql = """
                CREATE TABLE monitoring_import (
                    import INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL, imported_at TEXT NOT NULL, comment TEXT NOT NULL);
                CREATE TABLE import_log (
                    entry INTEGER PRIMARY KEY, kind TEXT NOT NULL, reference INTEGER NOT NULL,
                    file TEXT NOT NULL, file_sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL, rows_sha256 TEXT NOT NULL,
                    superseded INTEGER NOT NULL, superseded_sha256 TEXT NOT NULL,
                    fingerprints BLOB NOT NULL, imported_at TEXT NOT NULL,
                    previous_hash TEXT NOT NULL, hash TEXT NOT NULL,
                    UNIQUE (kind, reference));

                """
            for kind in MonitoringFile.allCases {
                let key = kind.keyColumns.map(MonitoringFile.quoted).joined(separator: ", ")
                sql += """
                    CREATE TABLE \(kind.table) (
                        import INTEGER NOT NULL REFERENCES monitoring_import(import), line INTEGER NOT NULL,
                        \(kind.columns.map { "\(MonitoringFile.quoted($0)) TEXT NOT NULL" }.joined(separator: ", ")),
                        UNIQUE (\(key)), UNIQUE (import, line));

                    """
            }
            for table in ["monitoring_import", "import_log"] + MonitoringFile.allCases.map(\.table) {
                sql += """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: a stored row is never changed'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: a stored row is never deleted'); END;

                    """
            }
            try db.execute(sql: sql)
        }
        return m
    }

    /// The migrations applied, or nil when the file is not a monitoring store.
    static func appliedMigrations(_ db: Database) throws -> Set<String>? {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        guard tables.contains("grdb_migrations"), tables.contains("monitoring_import") else { return nil }
        return try migrator.appliedIdentifiers(db)
    }
}

extension MonitoringFile {
    /// The store's table of this file's rows.
    var table: String {
        switch self {
        case .units: "placement_unit"
        case .cases: "registered_case"
        case .goals: "unit_goal"
        case .assessments: "staged_assessment"
        }
    }

    /// A column name quoted for SQL (`case` is a keyword).
    static func quoted(_ column: String) -> String { "\"\(column)\"" }

    /// The canonical rows of import `reference`, recomputed from the store: the rows in line order,
    /// each as import, line (integers) and the columns in `columns` order (texts); one group per
    /// row, keyed by its line. What `importFile` records and `verify` recomputes.
    func digest(_ db: Database, reference: Int) throws -> ImportDigest {
        var d = RowDigest()
        let columns = self.columns.map(MonitoringFile.quoted).joined(separator: ", ")
        try StatementRows.each(db, "SELECT import, line, \(columns) FROM \(table) WHERE import = ? ORDER BY line", reference) { r in
            d.beginRow(group: r.integer(1))
            d.integer(r.integer(0))
            d.integer(r.integer(1))
            for c in 0..<self.columns.count { d.text(r.text(Int32(c + 2))) }
            d.endRow()
        }
        return d.finish()
    }
}
