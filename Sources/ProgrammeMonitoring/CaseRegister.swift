// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// The placement units and their registered cases, read from units.csv and cases.csv and
/// checked whole: either every row passes or nothing is returned.
public struct CaseRegister: Sendable {
    public let units: [PlacementUnit]
    public let cases: [RegisteredCase]
    /// SHA-256 of units.csv and cases.csv as read.
    public let unitsSHA256: String
    public let casesSHA256: String

    public init(units: [PlacementUnit], cases: [RegisteredCase], unitsSHA256: String = "", casesSHA256: String = "") {
        self.units = units
        self.cases = cases
        self.unitsSHA256 = unitsSHA256
        self.casesSHA256 = casesSHA256
    }

    /// The columns of cases.csv, in the order Effekt writes them.
    public static let caseColumns = ["case", "unit", "contact_source", "municipality", "benefit", "proposed", "arranged",
                                     "status_history", "contact_date", "placement_date", "expected_end"]

    /// The latest date anywhere in the cases: the extract date open cases are censored at.
    public var latestDate: CalendarDate? {
        cases.flatMap { c in [c.contactDate] + (c.placementDate.map { [$0] } ?? []) + c.history.map(\.date) }.max()
    }

    /// Reads units.csv and cases.csv (docs/DATA-FORMATS.md).
    ///
    /// Refuses, naming file, line, column and value: every units.csv problem
    /// (`PlacementUnit.read`); in cases.csv a bad identifier, a repeated case, a unit not in
    /// units.csv, an unknown code, an empty municipality, a bad date, a placement before contact,
    /// a status history out of order (or before contact, or continuing after `closed` /
    /// `interrupted`) and every rule tying arranged, status and dates together
    /// (`MonitoringError.CaseRule`). Complexity: O(rows × history length).
    public static func read(unitsPath: String, casesPath: String, unitsName: String? = nil, casesName: String? = nil) throws -> CaseRegister {
        let units = try PlacementUnit.read(path: unitsPath, displayName: unitsName)
        let unitsSHA = try MonitoringRows(path: unitsPath, displayName: unitsName, required: []).sha256
        let (cases, casesSHA) = try readCases(path: casesPath, unitIDs: Set(units.map(\.id)), displayName: casesName)
        return CaseRegister(units: units, cases: cases, unitsSHA256: unitsSHA, casesSHA256: casesSHA)
    }

    /// Reads cases.csv against the units `unitIDs` (those of units.csv, or of a monitoring store),
    /// with every check of `read(unitsPath:casesPath:)`; also returns the file's SHA-256.
    public static func readCases(path casesPath: String, unitIDs known: Set<String>, displayName casesName: String? = nil) throws
        -> (cases: [RegisteredCase], sha256: String) {
        let file = try MonitoringRows(path: casesPath, displayName: casesName, required: caseColumns)
        var first = [String: Int]()
        let cases = try file.rows.map { row -> RegisteredCase in
            let id = try file.identifier(row, "case")
            if let line = first[id] { throw MonitoringError.duplicateRow(file.location(row, "case"), key: id, firstLine: line) }
            first[id] = row.line
            let unit = file.text(row, "unit")
            guard known.contains(unit) else { throw MonitoringError.unknownUnit(file.location(row, "unit"), unit: unit) }
            let source: ContactSource = try file.code(row, "contact_source")
            let municipality = try file.required(row, "municipality", what: "a municipality name")
            let benefit: BenefitAtContact = try file.code(row, "benefit")
            let proposed: Intervention = try file.code(row, "proposed", among: Intervention.proposable)
            let arranged: Intervention? = try file.optionalCode(row, "arranged", among: Intervention.arrangeable)
            let contact = try file.date(row, "contact_date")
            let placement = try file.optionalDate(row, "placement_date")
            if let placement, placement < contact {
                throw MonitoringError.placementBeforeContact(file.location(row, "placement_date"), placement: placement, contact: contact)
            }
            let history = try Self.history(file, row, contact: contact)
            let expectedEnd = try Self.expectedEnd(file, row, placement: placement, arranged: arranged)
            try Self.checkRules(file, row, proposed: proposed, arranged: arranged, history: history, placement: placement)
            return RegisteredCase(id: id, unit: unit, contactSource: source, municipality: municipality, benefit: benefit,
                                  proposed: proposed, arranged: arranged, history: history, contactDate: contact,
                                  placementDate: placement, expectedEnd: expectedEnd)
        }
        return (cases, file.sha256)
    }

    private static func history(_ file: MonitoringRows, _ row: MonitoringRows.Row, contact: CalendarDate) throws -> [RegisteredCase.StatusEntry] {
        let text = file.text(row, "status_history")
        let at = file.location(row, "status_history")
        guard !text.isEmpty else { throw MonitoringError.caseRule(at, value: text, rule: .emptyHistory) }
        var entries = [RegisteredCase.StatusEntry]()
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "@", omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw MonitoringError.invalidField(at, value: String(part), expected: "an entry status@YYYY-MM-DD")
            }
            guard let status = CaseStatus(rawValue: String(pieces[0])) else {
                throw MonitoringError.unknownCode(at, value: String(pieces[0]), allowed: CaseStatus.spellings)
            }
            guard let date = CalendarDate(iso: pieces[1]) else {
                throw MonitoringError.invalidField(at, value: String(part), expected: "an entry status@YYYY-MM-DD (the date is not one)")
            }
            let entry = RegisteredCase.StatusEntry(status, date)
            if let previous = entries.last {
                if previous.status.isFinal {
                    throw MonitoringError.caseRule(at, value: String(part), rule: .nothingAfterFinalStatus(previous.status))
                }
                if date < previous.date { throw MonitoringError.statusOutOfOrder(at, entry: entry.description, previous: previous.description) }
            } else if date < contact {
                throw MonitoringError.statusOutOfOrder(at, entry: entry.description, previous: "contact_date \(contact)")
            }
            entries.append(entry)
        }
        return entries
    }

    private static func expectedEnd(_ file: MonitoringRows, _ row: MonitoringRows.Row, placement: CalendarDate?,
                                    arranged: Intervention?) throws -> RegisteredCase.ExpectedEnd? {
        let text = file.text(row, "expected_end")
        let at = file.location(row, "expected_end")
        if text.isEmpty { return nil }
        guard let arranged, arranged != .sentBack, let placement else {
            throw MonitoringError.caseRule(at, value: text, rule: .expectedEndWithoutArrangement)
        }
        if text == "open" { return .openEnded }
        let end = try file.date(row, "expected_end")
        guard end >= placement else { throw MonitoringError.caseRule(at, value: text, rule: .expectedEndBeforePlacement(placement)) }
        return end.daysSinceEpoch - placement.daysSinceEpoch >= RegisteredCase.openEndedDays ? .openEnded : .date(end)
    }

    private static func checkRules(_ file: MonitoringRows, _ row: MonitoringRows.Row, proposed: Intervention, arranged: Intervention?,
                                   history: [RegisteredCase.StatusEntry], placement: CalendarDate?) throws {
        let last = history.last!
        let statusAt = file.location(row, "status_history"), statusText = file.text(row, "status_history")
        switch (arranged, placement) {
        case (nil, .some(let p)): throw MonitoringError.caseRule(file.location(row, "placement_date"), value: "\(p)", rule: .placementDateWithoutArrangement)
        case (.some(let a), nil): throw MonitoringError.caseRule(file.location(row, "arranged"), value: a.rawValue, rule: .arrangementWithoutPlacementDate)
        default: break
        }
        if arranged == .sentBack, !(last.status == .interrupted && last.date == placement) {
            throw MonitoringError.caseRule(statusAt, value: statusText, rule: .sentBackNeedsInterruption)
        }
        if let arranged, arranged != .sentBack, last.status != .closed {
            throw MonitoringError.caseRule(statusAt, value: statusText, rule: .arrangementNeedsClosed)
        }
        if last.status == .closed {
            guard let arranged, arranged != .sentBack else {
                throw MonitoringError.caseRule(file.location(row, "arranged"), value: arranged?.rawValue ?? "", rule: .closedNeedsArrangement)
            }
            guard last.date == placement else { throw MonitoringError.caseRule(statusAt, value: statusText, rule: .closedOnPlacementDate(placement)) }
            if proposed != .unknown, arranged != proposed, !history.contains(where: { $0.status == .authorityReconsidering }) {
                throw MonitoringError.caseRule(statusAt, value: statusText,
                                               rule: .differentArrangementNotReconsidered(proposed: proposed, arranged: arranged))
            }
        }
    }
}
