// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// A placement unit (formidlingsenhed): one row of units.csv.
public struct PlacementUnit: Sendable, Hashable {
    public let id: String
    public let name: String
    public let organisationForm: OrganisationForm
    public let municipalities: [String]
    public let supportStart: CalendarDate
    public let supportEnd: CalendarDate
    public let approach: UnitApproach

    public init(id: String, name: String, organisationForm: OrganisationForm, municipalities: [String],
                supportStart: CalendarDate, supportEnd: CalendarDate, approach: UnitApproach) {
        self.id = id
        self.name = name
        self.organisationForm = organisationForm
        self.municipalities = municipalities
        self.supportStart = supportStart
        self.supportEnd = supportEnd
        self.approach = approach
    }

    /// The columns of units.csv, in the order Effekt writes them.
    public static let columns = ["unit", "name", "organisation_form", "municipalities", "support_start", "support_end", "approach"]

    /// Reads units.csv (docs/DATA-FORMATS.md): refuses, naming file, line, column and value, an
    /// unknown code, a bad identifier, an empty name or municipality, a bad date, a support end
    /// before its start and a repeated unit. Complexity: O(rows).
    public static func read(path: String, displayName: String? = nil) throws -> [PlacementUnit] {
        let file = try MonitoringRows(path: path, displayName: displayName, required: columns)
        var first = [String: Int]()
        return try file.rows.map { row in
            let id = try file.identifier(row, "unit")
            if let line = first[id] { throw MonitoringError.duplicateRow(file.location(row, "unit"), key: id, firstLine: line) }
            first[id] = row.line
            let municipalities = try file.required(row, "municipalities", what: "municipality names separated by ';'")
                .split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if municipalities.contains(where: \.isEmpty) {
                throw MonitoringError.invalidField(file.location(row, "municipalities"), value: file.text(row, "municipalities"),
                                                   expected: "municipality names separated by ';' (one is empty)")
            }
            let start = try file.date(row, "support_start"), end = try file.date(row, "support_end")
            guard end >= start else {
                throw MonitoringError.invalidField(file.location(row, "support_end"), value: "\(end)", expected: "a date on or after support_start \(start)")
            }
            return PlacementUnit(id: id, name: try file.required(row, "name", what: "the unit's name"),
                                 organisationForm: try file.code(row, "organisation_form"), municipalities: municipalities,
                                 supportStart: start, supportEnd: end, approach: try file.code(row, "approach"))
        }
    }
}
