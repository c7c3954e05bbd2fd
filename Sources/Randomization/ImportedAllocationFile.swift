// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// An allocation drawn outside Effekt, as `effekt import-allocation` reads it:
/// `id,arm[,stratum][,block][,assigned_on]` (columns by name, in any order; others ignored),
/// one row per participant in assignment order.
public struct ImportedAllocationFile: Sendable {
    /// One row of the file.
    public struct Row: Hashable, Sendable {
        /// 1-based line number.
        public let line: Int
        public let participant: ParticipantID
        public let arm: String
        /// The stratum label as the file gives it (strata values joined by `|`), when it has the column.
        public let stratum: String?
        /// The 1-based block within the stratum, when the file has the column.
        public let block: Int?
        public let assignedOn: CalendarDate?
    }

    /// The file name as given.
    public let path: String
    /// SHA-256 of the file's bytes.
    public let sha256: String
    public let rows: [Row]
    /// Which optional columns the file has.
    public let hasStratum: Bool, hasBlock: Bool

    /// The columns the format knows; the first two are required.
    public static let columns = ["id", "arm", "stratum", "block", "assigned_on"]

    /// Reads and checks an imported allocation file.
    ///
    /// Refuses, naming file, line, column and value: text that is not UTF-8 or holds a control
    /// character, a missing `id` or `arm` column (or `block` when the trial assumes permuted
    /// blocks), an id that breaks `ParticipantID.problem(with:)` or appears twice, an arm that is
    /// not one of the trial's, an empty stratum, a block that is not a positive integer, a date
    /// that is not `YYYY-MM-DD`, and a file without data rows.
    /// Complexity: O(rows).
    public static func read(path: String, displayName: String? = nil, trial: TrialDefinition) throws -> ImportedAllocationFile {
        let name = displayName ?? path
        let arms = Set(trial.arms.map(\.name))
        var index = [String: Int]()
        var rows = [Row]()
        var firstLine = [ParticipantID: Int]()
        var headerLine = 0, fieldCount = 0
        let (sha, _) = try CSVScanner.scan(path: path, displayName: name) { line in
            if fieldCount == 0 {
                headerLine = line.number
                fieldCount = line.count
                let header = (0..<line.count).map { line.string($0) }
                for (i, c) in header.enumerated() where columns.contains(c) {
                    if index[c] != nil { throw TrialModelError.duplicateColumn(file: name, line: line.number, column: c) }
                    index[c] = i
                }
                var required = ["id", "arm"]
                if trial.assumedDesign == .permutedBlocks { required.append("block") }
                for c in required where index[c] == nil {
                    throw TrialModelError.missingColumn(file: name, line: line.number, column: c, header: header.joined(separator: ","))
                }
                return
            }
            guard line.count == fieldCount else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: name, line: line.number), found: line.count, expected: fieldCount)
            }
            func location(_ column: String) -> SourceLocation { SourceLocation(file: name, line: line.number, column: column) }
            let id = line.string(index["id"]!)
            if let problem = ParticipantID.problem(with: id) {
                throw TrialModelError.invalidField(location("id"), value: id, expected: "a participant id (\(problem))")
            }
            let participant = ParticipantID(id)
            if let first = firstLine[participant] { throw TrialModelError.duplicateParticipant(location("id"), id: id, firstLine: first) }
            firstLine[participant] = line.number
            let arm = line.string(index["arm"]!)
            guard arms.contains(arm) else {
                throw TrialModelError.invalidField(location("arm"), value: arm,
                                                   expected: "one of the trial's arms (\(trial.arms.map(\.name).joined(separator: ", ")))")
            }
            let stratum = index["stratum"].map { line.string($0) }
            if stratum == "" { throw TrialModelError.invalidField(location("stratum"), value: "", expected: "a stratum label") }
            var block: Int?
            if let i = index["block"] {
                guard let b = CSVField.int(line.field(i)), b >= 1 else {
                    throw TrialModelError.invalidField(location("block"), value: line.string(i), expected: "a positive integer")
                }
                block = b
            }
            var date: CalendarDate?
            if let i = index["assigned_on"], !line.field(i).isEmpty {
                guard let d = CalendarDate(iso: line.string(i)) else {
                    throw TrialModelError.invalidField(location("assigned_on"), value: line.string(i), expected: "a date YYYY-MM-DD")
                }
                date = d
            }
            rows.append(Row(line: line.number, participant: participant, arm: arm, stratum: stratum, block: block, assignedOn: date))
        }
        if fieldCount == 0 { throw TrialModelError.emptyFile(file: name) }
        if rows.isEmpty { throw TrialModelError.noDataRows(file: name, headerLine: headerLine) }
        return ImportedAllocationFile(path: name, sha256: sha, rows: rows,
                                      hasStratum: index["stratum"] != nil, hasBlock: index["block"] != nil)
    }
}
