// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// The four monitoring files (docs/DATA-FORMATS.md): what a monitoring store imports, one file at
/// a time, each with the columns it keeps and the columns that identify a row.
public enum MonitoringFile: String, CaseIterable, Sendable {
    case units, cases, goals, assessments

    /// The file's usual name (`units.csv`, …).
    public var fileName: String { rawValue + ".csv" }

    /// The columns kept, in the order Effekt writes them.
    public var columns: [String] {
        switch self {
        case .units: PlacementUnit.columns
        case .cases: CaseRegister.caseColumns
        case .goals: UnitGoal.columns
        case .assessments: StagedAssessment.columns
        }
    }

    /// The columns whose values together identify a row (a unit, a case, a unit's goal, an
    /// assessment of a trial's area at a point); the last one is where a repeat is reported.
    public var keyColumns: [String] {
        switch self {
        case .units: ["unit"]
        case .cases: ["case"]
        case .goals: ["unit", "goal"]
        case .assessments: ["trial", "area", "point"]
        }
    }

    /// The file kind named by a file name (`cases.csv` → `.cases`), if it is one.
    public init?(fileName: String) {
        guard fileName.hasSuffix(".csv"), let kind = MonitoringFile(rawValue: String(fileName.dropLast(4))) else { return nil }
        self = kind
    }

    /// One data row as written in the file: its line and the kept columns' values, in `columns` order.
    public struct RawRow: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// Reads and checks the file whole, by the same reader as every command (`PlacementUnit.read`,
    /// `CaseRegister.readCases`, `UnitGoal.read`, `StagedAssessment.read`), against the units
    /// `unitIDs` for cases and goals; returns its rows as written and its SHA-256.
    ///
    /// - Throws: the reader's `MonitoringError` or `TrialModelError`, naming file, line, column and value.
    /// Complexity: O(rows).
    public func read(path: String, displayName: String? = nil, unitIDs: Set<String>) throws -> (rows: [RawRow], sha256: String) {
        switch self {
        case .units: _ = try PlacementUnit.read(path: path, displayName: displayName)
        case .cases: _ = try CaseRegister.readCases(path: path, unitIDs: unitIDs, displayName: displayName)
        case .goals: _ = try UnitGoal.read(path: path, unitIDs: unitIDs, displayName: displayName)
        case .assessments: _ = try StagedAssessment.read(path: path, displayName: displayName)
        }
        let file = try MonitoringRows(path: path, displayName: displayName, required: columns)
        return (file.rows.map { row in RawRow(line: row.line, fields: columns.map { file.text(row, $0) }) }, file.sha256)
    }

    /// The rows as CSV text in the file's layout (header, then one line a row).
    public func csvText(_ rows: [[String]], comment: String? = nil) -> String {
        MonitoringCSVText.table(comment, columns, rows)
    }
}
