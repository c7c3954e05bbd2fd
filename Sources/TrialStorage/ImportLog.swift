// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import TrialModel

/// What an import log entry records: the trial file the store was created from, an enrolled
/// roster, a randomization run, a weekly file, an events file.
///
/// A new kind of import joins the log with a case here, its canonical rows in
/// `ImportLog+Rows.swift` (what `verify` recomputes), and one call of `ImportLog.append` inside the
/// transaction that writes its rows.
public enum ImportKind: String, CaseIterable, Sendable {
    /// The trial file (`trial_file`), entry 1 of every store.
    case trialFile = "trial_file"
    /// One `enroll` (`roster_import` and its `participant` rows).
    case roster
    /// One `randomize` run (`randomization_run` and its `allocation_log` entries).
    case allocation
    /// One `record` (`weekly_import`, its rows in `weekly` and, once replaced, in `weekly_history`).
    case weekly
    /// One `record-events` (`event_import` and its `placement_event` rows).
    case events
}

/// One entry of the append-only, hash-chained import log (table `import_log`).
///
/// `hash = SHA-256(previousHash ␊ entry ␊ kind ␊ reference ␊ file ␊ fileSHA256 ␊ rows ␊ rowsSHA256 ␊
/// superseded ␊ supersededSHA256 ␊ SHA-256(fingerprints) ␊ importedAt)` over the UTF-8 text, numbers
/// in decimal, hashes in lower-case hex; the first entry's `previousHash` is 64 zeros. The last
/// entry's hash is the store's head.
public struct ImportLogEntry: Sendable, Equatable {
    /// 1-based position in the log.
    public let entry: Int
    /// The kind as stored (an `ImportKind` raw value, unless written by a newer Effekt).
    public let kind: String
    /// The import's number in its kind's table (`roster_import.import`, `randomization_run.run`,
    /// `weekly_import.import`; 1 for the trial file).
    public let reference: Int
    /// The source file as it was named on the command line ("" for a randomization run).
    public let file: String
    /// SHA-256 of the source file's bytes ("" when there is none).
    public let fileSHA256: String
    /// Rows the import wrote, and the SHA-256 of their canonical bytes (`RowDigest`).
    public let rows: Int
    public let rowsSHA256: String
    /// Rows the import superseded (moved to the history by `record --replace`) and their digest.
    public let superseded: Int
    public let supersededSHA256: String
    /// Per-group fingerprints of the rows written (`RowDigest`), to name where rows differ.
    let fingerprints: [UInt8]
    public let importedAt: String
    public let previousHash: String
    public let hash: String

    /// The hash this entry should carry given its content.
    var expectedHash: String {
        var f = TrialModel.SHA256()
        f.update(fingerprints)
        let text = [previousHash, String(entry), kind, String(reference), file, fileSHA256, String(rows), rowsSHA256,
                    String(superseded), supersededSHA256, f.finalizeHex(), importedAt].joined(separator: "\n")
        return TrialModel.SHA256.hex(of: text)
    }
}

/// The import log: appending entries and reading them back.
enum ImportLog {
    /// The `previousHash` of the first entry.
    static let genesisHash = String(repeating: "0", count: 64)

    /// Appends an entry for an import whose rows are already written, in the caller's transaction.
    ///
    /// - Parameters:
    ///   - written: the digest of the rows the import wrote, in the kind's canonical order.
    ///   - superseded: the digest of the rows it moved to a history table (none by default).
    /// - Returns: the entry, whose hash is the store's new head.
    @discardableResult
    static func append(_ db: Database, kind: ImportKind, reference: Int, file: String, fileSHA256: String,
                       written: ImportDigest, superseded: ImportDigest = .empty, importedAt: String) throws -> ImportLogEntry {
        try append(db, kindName: kind.rawValue, reference: reference, file: file, fileSHA256: fileSHA256,
                   written: written, superseded: superseded, importedAt: importedAt)
    }

    /// Appends an entry of kind `kindName` (an `ImportKind` raw value, or a monitoring store's
    /// `MonitoringFile` raw value) to the `import_log` of the caller's database.
    @discardableResult
    static func append(_ db: Database, kindName: String, reference: Int, file: String, fileSHA256: String,
                       written: ImportDigest, superseded: ImportDigest = .empty, importedAt: String) throws -> ImportLogEntry {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT entry, hash FROM import_log ORDER BY entry DESC LIMIT 1"))
        let partial = ImportLogEntry(
            entry: (last?["entry"] ?? 0) + 1, kind: kindName, reference: reference, file: file, fileSHA256: fileSHA256,
            rows: written.rows, rowsSHA256: written.sha256, superseded: superseded.rows, supersededSHA256: superseded.sha256,
            fingerprints: written.fingerprints, importedAt: importedAt, previousHash: last?["hash"] ?? genesisHash, hash: "")
        let entry = ImportLogEntry(
            entry: partial.entry, kind: partial.kind, reference: reference, file: file, fileSHA256: fileSHA256,
            rows: partial.rows, rowsSHA256: partial.rowsSHA256, superseded: partial.superseded,
            supersededSHA256: partial.supersededSHA256, fingerprints: partial.fingerprints, importedAt: importedAt,
            previousHash: partial.previousHash, hash: partial.expectedHash)
        try db.cachedStatement(sql: """
            INSERT INTO import_log (entry, kind, reference, file, file_sha256, rows, rows_sha256, superseded, superseded_sha256,
                                    fingerprints, imported_at, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entry.entry, entry.kind, reference, file, fileSHA256, entry.rows, entry.rowsSHA256, entry.superseded,
                             entry.supersededSHA256, Data(entry.fingerprints), importedAt, entry.previousHash, entry.hash])
        return entry
    }

    /// Every entry in order (with their fingerprints when `withFingerprints`).
    static func entries(_ db: Database, withFingerprints: Bool = true) throws -> [ImportLogEntry] {
        try Row.fetchAll(db, sql: """
            SELECT entry, kind, reference, file, file_sha256, rows, rows_sha256, superseded, superseded_sha256,
                   \(withFingerprints ? "fingerprints" : "x''"), imported_at, previous_hash, hash
            FROM import_log ORDER BY entry
            """).map { r in
            ImportLogEntry(entry: r[0], kind: r[1], reference: r[2], file: r[3], fileSHA256: r[4], rows: r[5], rowsSHA256: r[6],
                           superseded: r[7], supersededSHA256: r[8], fingerprints: [UInt8]((r[9] as Data?) ?? Data()),
                           importedAt: r[10], previousHash: r[11], hash: r[12])
        }
    }

    /// The head: the last entry's hash (the genesis hash for an empty log).
    static func head(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT hash FROM import_log ORDER BY entry DESC LIMIT 1") ?? genesisHash
    }
}
