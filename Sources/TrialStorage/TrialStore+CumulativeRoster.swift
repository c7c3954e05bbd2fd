// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel

/// A covariate of an enrolled participant that a later roster gives differently; the enrolment
/// value is kept (baseline is frozen at enrolment).
public struct CovariateChange: Hashable, Sendable, Codable {
    public let participant: ParticipantID
    public let column: String
    /// The value stored at enrolment ("" when it was missing).
    public let enrolled: String
    /// The value in the later roster ("" when missing).
    public let inFile: String
    /// The roster line.
    public let line: Int

    public init(participant: ParticipantID, column: String, enrolled: String, inFile: String, line: Int) {
        self.participant = participant
        self.column = column
        self.enrolled = enrolled
        self.inFile = inFile
        self.line = line
    }
}

/// What one `enroll --skip-existing` did.
public struct CumulativeEnrolmentSummary: Hashable, Sendable, Codable {
    public let rosterImport: Int
    /// Participants new in this roster, now enrolled.
    public let enrolled: Int
    /// Rows for participants enrolled before (not stored again).
    public let alreadyEnrolled: Int
    /// Covariates of those rows that differ from enrolment (not stored), in roster order.
    public let covariateChanges: [CovariateChange]
    public let totalEnrolled: Int
}

extension TrialStore {
    /// Enrolls the participants of a cumulative roster (the full list, sent again with new
    /// people) that are not enrolled yet, in one transaction: all new rows or none.
    ///
    /// Baseline is frozen at enrolment. For an id already enrolled, a stratification column
    /// (`randomization.strata`) or `enrolled_on` that differs is refused, naming line, id and
    /// column (nothing is written); any other column that differs (a covariate such as age, recomputed on
    /// every send) is not stored, only listed in the summary. The import is recorded with its
    /// file's SHA-256 even when it adds nobody, so each file can be checked later on its own.
    /// Complexity: O(n + rows) plus one insert per new participant.
    public func enrollNew(_ roster: RosterFile, displayName: String? = nil, now: String = TrialStore.timestamp()) throws -> CumulativeEnrolmentSummary {
        let name = displayName ?? roster.path
        let frozen = definition.strata.filter { $0 != "enrolled_on" } + ["enrolled_on"]
        return try TrialStore.wrap("enroll") {
            try queue.write { db in
                let existing = Dictionary(try TrialStore.participants(db).map { ($0.participant.id, $0.participant) },
                                          uniquingKeysWith: { a, _ in a })
                var new = [(line: Int, participant: Participant)]()
                var changes = [CovariateChange]()
                for (k, p) in roster.participants.enumerated() {
                    let line = roster.lines[k]
                    guard let before = existing[p.id] else { new.append((line, p)); continue }
                    for column in frozen {
                        let was = before.value(of: column)?.description ?? "", now = p.value(of: column)?.description ?? ""
                        if was != now {
                            throw TrialStoreError.baselineChanged(SourceLocation(file: name, line: line, column: column), id: p.id.rawValue,
                                                                  enrolled: was, inFile: now)
                        }
                    }
                    let columns = Set(before.covariates.keys).union(p.covariates.keys).union(["municipality", "benefit"])
                    for column in columns.subtracting(frozen).sorted() {
                        let was = before.value(of: column)?.description ?? "", now = p.value(of: column)?.description ?? ""
                        if was != now { changes.append(CovariateChange(participant: p.id, column: column, enrolled: was, inFile: now, line: line)) }
                    }
                }
                try db.execute(sql: "INSERT INTO roster_import (file, sha256, rows, columns, imported_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [name, roster.sha256, new.count, roster.columns.joined(separator: ","), now])
                let importNumber = Int(db.lastInsertedRowID)
                try TrialStore.insertParticipants(db, new, importNumber: importNumber)
                // Every send joins the import log with its own file digest, even one that adds nobody.
                let (written, _) = try ImportKind.roster.digests(db, reference: importNumber)
                try ImportLog.append(db, kind: .roster, reference: importNumber, file: name, fileSHA256: roster.sha256,
                                     written: written, importedAt: now)
                return CumulativeEnrolmentSummary(rosterImport: importNumber, enrolled: new.count,
                                                  alreadyEnrolled: roster.participants.count - new.count, covariateChanges: changes,
                                                  totalEnrolled: existing.count + new.count)
            }
        }
    }
}
