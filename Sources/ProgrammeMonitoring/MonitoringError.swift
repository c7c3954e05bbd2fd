// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Everything a monitoring file can break. Each case reads as a sentence with the file, line,
/// column and value; nothing is read when one is thrown. (Text, quoting and field-count problems
/// come from the shared CSV scanner as `TrialModelError`.)
public enum MonitoringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value that is not one of the column's codes.
    case unknownCode(SourceLocation, value: String, allowed: [String])
    /// A value that breaks the column's form (a date, a number, an identifier).
    case invalidField(SourceLocation, value: String, expected: String)
    /// A second row with the same key.
    case duplicateRow(SourceLocation, key: String, firstLine: Int)
    /// A unit that units.csv does not have.
    case unknownUnit(SourceLocation, unit: String)
    /// A placement (or send-back) dated before the contact.
    case placementBeforeContact(SourceLocation, placement: CalendarDate, contact: CalendarDate)
    /// A status entry dated before the entry before it, or before the contact.
    case statusOutOfOrder(SourceLocation, entry: String, previous: String)
    /// A rule of cases.csv that ties columns together.
    case caseRule(SourceLocation, value: String, rule: CaseRule)
    /// A goal's type of another category.
    case typeOutsideCategory(SourceLocation, type: GoalType, category: GoalCategory)

    /// Rules tying the columns of a case together (docs/DATA-FORMATS.md, cases.csv).
    public enum CaseRule: Equatable, Sendable, CustomStringConvertible {
        case nothingAfterFinalStatus(CaseStatus)
        case closedNeedsArrangement
        case arrangementNeedsClosed
        case closedOnPlacementDate(CalendarDate?)
        case sentBackNeedsInterruption
        case placementDateWithoutArrangement
        case arrangementWithoutPlacementDate
        case differentArrangementNotReconsidered(proposed: Intervention, arranged: Intervention)
        case expectedEndWithoutArrangement
        case expectedEndBeforePlacement(CalendarDate)
        case emptyHistory

        public var description: String {
            switch self {
            case .nothingAfterFinalStatus(let s): return "no status may follow '\(s.rawValue)', which ends a case"
            case .closedNeedsArrangement: return "a closed case needs an arranged intervention other than sent_back"
            case .arrangementNeedsClosed: return "an arranged intervention (other than sent_back) needs the history to end with 'closed'"
            case .closedOnPlacementDate(let d): return "the 'closed' entry must be dated on placement_date (\(d.map { "\($0)" } ?? "empty"))"
            case .sentBackNeedsInterruption: return "a case sent back must end with 'interrupted' dated on placement_date"
            case .placementDateWithoutArrangement: return "placement_date is given but arranged is empty; give both or neither"
            case .arrangementWithoutPlacementDate: return "arranged is given but placement_date is empty; give both or neither"
            case .differentArrangementNotReconsidered(let p, let a):
                return "the arranged intervention '\(a.rawValue)' differs from the proposed '\(p.rawValue)', so the history must show 'authority_reconsidering' before 'closed'"
            case .expectedEndWithoutArrangement: return "expected_end is only given for an arranged intervention (not sent_back)"
            case .expectedEndBeforePlacement(let d): return "expected_end must be on or after placement_date \(d)"
            case .emptyHistory: return "status_history needs at least one entry status@YYYY-MM-DD"
            }
        }
    }

    public var description: String {
        switch self {
        case let .unknownCode(at, value, allowed):
            return "\(at): unknown code '\(value)'. Use one of \(allowed.joined(separator: ", ")) (docs/DATA-FORMATS.md)."
        case let .invalidField(at, value, expected):
            return "\(at): '\(value)' is not \(expected). Correct the value."
        case let .duplicateRow(at, key, firstLine):
            return "\(at): '\(key)' is already on line \(firstLine). Keep one row for it."
        case let .unknownUnit(at, unit):
            return "\(at): unit '\(unit)' is not in units.csv. Add the unit there or correct the value."
        case let .placementBeforeContact(at, placement, contact):
            return "\(at): placement date \(placement) is before the contact date \(contact). Correct one of the dates."
        case let .statusOutOfOrder(at, entry, previous):
            return "\(at): status entry '\(entry)' is dated before '\(previous)'. Write the history oldest first with correct dates."
        case let .caseRule(at, value, rule):
            return "\(at): '\(value)' breaks a rule: \(rule). Correct the case."
        case let .typeOutsideCategory(at, type, category):
            return "\(at): goal type '\(type.rawValue)' belongs to category '\(type.category.rawValue)', not '\(category.rawValue)'. Correct the category or the type."
        }
    }
}
