// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB

extension TrialStore {
    /// The files the store was built from, for a report's reproducibility footer: the trial file,
    /// every roster, weekly and allocation import (file name as given → SHA-256), in import order.
    public func importedFiles() throws -> [(file: String, sha256: String)] {
        try TrialStore.wrap("SELECT imports") {
            try queue.read { db in
                var out = [(file: String, sha256: String)]()
                for row in try Row.fetchAll(db, sql: "SELECT path, sha256 FROM trial_file") { out.append((row["path"], row["sha256"])) }
                for row in try Row.fetchAll(db, sql: "SELECT file, sha256 FROM roster_import ORDER BY import") { out.append((row["file"], row["sha256"])) }
                for row in try Row.fetchAll(db, sql: "SELECT file, sha256 FROM weekly_import ORDER BY import") { out.append((row["file"], row["sha256"])) }
                for row in try Row.fetchAll(db, sql: "SELECT file, sha256 FROM allocation_import ORDER BY import") { out.append((row["file"], row["sha256"])) }
                return out
            }
        }
    }
}
