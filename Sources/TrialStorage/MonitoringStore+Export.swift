// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import ProgrammeMonitoring

extension MonitoringStore {
    /// How many rows the store holds of each file.
    public func rowCounts() throws -> [MonitoringFile: Int] {
        try TrialStore.wrap("count") {
            try queue.read { db in
                var out = [MonitoringFile: Int]()
                for kind in MonitoringFile.allCases { out[kind] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(kind.table)") ?? 0 }
                return out
            }
        }
    }

    /// The stored rows of one file in import, then line order, each in `kind.columns` order.
    public func rows(_ kind: MonitoringFile) throws -> [[String]] {
        try TrialStore.wrap("SELECT FROM \(kind.table)") {
            try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT \(kind.columns.map(MonitoringFile.quoted).joined(separator: ", ")) FROM \(kind.table) ORDER BY import, line
                    """).map { r in (0..<kind.columns.count).map { r[$0] as String } }
            }
        }
    }

    /// The leading comment of the first import of `kind` (e.g. the SYNTHETIC label), if any.
    public func comment(_ kind: MonitoringFile) throws -> String? {
        try TrialStore.wrap("SELECT FROM monitoring_import") {
            try queue.read { db in
                try String.fetchOne(db, sql: "SELECT comment FROM monitoring_import WHERE kind = ? ORDER BY import LIMIT 1", arguments: [kind.rawValue])
            }
        }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Writes the stored rows as units.csv, cases.csv, goals.csv and assessments.csv into `folder`
    /// (each only when the store has rows of it), in the files' layout, with the first import's
    /// leading comment, so that every `monitor` command reads the store through the same readers
    /// and checks as the files.
    /// - Returns: the files written.
    @discardableResult
    public func export(to folder: String) throws -> [MonitoringFile] {
        var written = [MonitoringFile]()
        for kind in MonitoringFile.allCases {
            let rows = try rows(kind)
            guard !rows.isEmpty else { continue }
            let comment = try self.comment(kind)
            let path = URL(fileURLWithPath: folder).appendingPathComponent(kind.fileName).path
            try Data(kind.csvText(rows, comment: comment).utf8).write(to: URL(fileURLWithPath: path))
            written.append(kind)
        }
        return written
    }
}
