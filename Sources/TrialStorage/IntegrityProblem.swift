// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// An import as `verify` names it: its import log entry, kind, number and file.
public struct ImportName: Hashable, Sendable, CustomStringConvertible {
    public let entry: Int
    public let kind: String
    public let reference: Int
    public let file: String

    init(_ e: ImportLogEntry) {
        entry = e.entry
        kind = e.kind
        reference = e.reference
        file = e.file
    }

    public var description: String {
        let what: String
        switch ImportKind(rawValue: kind) {
        case .trialFile?: what = "the trial file \(file)"
        case .roster?: what = "roster \(file), enrolment \(reference)"
        case .allocation?: what = "randomization run \(reference)"
        case .weekly?: what = "weekly file \(file), record \(reference)"
        case .events?: what = "events file \(file), event import \(reference)"
        case nil: what = "'\(MessageValue.shortened(kind))' \(reference)"
        }
        return "import \(entry) (\(what))"
    }
}

/// Something `verify` found changed in what the store recorded; each reads as a sentence naming
/// the import and, where it can, the participant, covariates, week or allocation entry.
public enum IntegrityProblem: Hashable, Sendable, CustomStringConvertible {
    /// The store was made before the import log: nothing can be verified against it.
    case noImportLog
    /// An entry's content no longer gives its hash.
    case entryChanged(ImportName)
    /// An entry does not follow the one before it (an entry was deleted, inserted or replaced).
    case chainBroken(ImportName, expectedEntry: Int)
    /// An entry of a kind this Effekt does not know.
    case unknownKind(ImportName)
    /// The recorded trial file (its text or hash) differs from what the log recorded.
    case trialFileChanged(ImportName)
    /// The import's own record (file, hash, row count) differs from the log, or is gone.
    case importRecordChanged(ImportName, field: String)
    /// A participant's weekly rows from this import differ (counts as recorded and as stored).
    case weeksDiffer(ImportName, participant: String, recordedWeeks: Int?, storedWeeks: Int?)
    /// A participant's placement events from this import differ (counts as recorded and as stored).
    case eventsDiffer(ImportName, participant: String, recordedEvents: Int?, storedEvents: Int?)
    /// One participant-week differs from the source file as imported (found with the sources):
    /// a column's value (file and store), or a week in only one of them (the other value nil).
    case weekDiffers(ImportName, participant: String, week: Int, column: String, inFile: String?, stored: String?)
    /// A participant's enrolment (id, municipality, benefit, date, roster line) differs.
    case enrolmentDiffers(ImportName, participant: String)
    /// A participant's baseline covariates differ.
    case covariatesDiffer(ImportName, participant: String)
    /// An allocation log entry (or the run's record, sequence 0) differs.
    case allocationDiffers(ImportName, sequence: Int)
    /// The rows differ but no group can be named (the fingerprints agree).
    case rowsDiffer(ImportName, recorded: Int, stored: Int)
    /// The rows a `record --replace` moved to the history differ.
    case supersededRowsDiffer(ImportName, recorded: Int, stored: Int)
    /// Rows that no import log entry wrote.
    case rowsOutsideTheLog(table: String, importNumber: Int, rows: Int)
    /// The store's head is not the one expected (from an earlier report or results file).
    case headDiffers(expected: String, head: String)
    /// The source file beside the store no longer hashes to what was imported.
    case sourceDiffers(ImportName, path: String, found: String)
    /// The source file is not in the folder given.
    case sourceMissing(ImportName, path: String)

    public var description: String {
        switch self {
        case .noImportLog:
            return "The store has no import log (it was made by an Effekt before the log existed), so nothing it records can be verified."
        case let .entryChanged(name):
            return "The import log entry of \(name) was changed after it was written: its content no longer gives its hash."
        case let .chainBroken(name, expected):
            return "The import log is broken at \(name): it does not follow entry \(expected - 1), so an entry was deleted, inserted or replaced."
        case let .unknownKind(name):
            return "\(name) is of a kind this Effekt does not know; it cannot be verified (a newer Effekt wrote it)."
        case let .trialFileChanged(name):
            return "The trial file recorded in the store differs from \(name) as it was recorded: its text or its SHA-256 was rewritten."
        case let .importRecordChanged(name, field):
            return "The record of \(name) differs from the import log (\(field)): it was changed or deleted after the import."
        case let .weeksDiffer(name, p, recorded, stored):
            return "Participant '\(MessageValue.shortened(p))': the weeks that \(name) recorded differ from those stored now "
                + "(\(recorded.map(String.init) ?? "none") recorded, \(stored.map(String.init) ?? "none") stored): a week was changed, added or deleted after it was recorded."
        case let .eventsDiffer(name, p, recorded, stored):
            return "Participant '\(MessageValue.shortened(p))': the placement events that \(name) recorded differ from those stored now "
                + "(\(recorded.map(String.init) ?? "none") recorded, \(stored.map(String.init) ?? "none") stored): an event was changed, added or deleted after it was recorded."
        case let .weekDiffers(name, p, week, column, inFile, stored):
            let who = "Participant '\(MessageValue.shortened(p))', week \(week)"
            switch (inFile, stored) {
            case let (f?, s?):
                return "\(who): \(column) is \(MessageValue.shortened(s)) in the store but \(MessageValue.shortened(f)) in \(name.file) as imported in \(name); the row was changed after it was recorded."
            case (_?, nil):
                return "\(who): the row \(name) recorded from \(name.file) is missing from the store; it was deleted after it was recorded."
            default:
                return "\(who): the store holds a row of \(name) that \(name.file) does not have; it was added after the import."
            }
        case let .enrolmentDiffers(name, p):
            return "Participant '\(MessageValue.shortened(p))': the enrolment (id, municipality, benefit, enrolment date or roster line) differs from what \(name) enrolled, or the participant was added or deleted."
        case let .covariatesDiffer(name, p):
            return "Participant '\(MessageValue.shortened(p))': the baseline covariates differ from those \(name) enrolled."
        case let .allocationDiffers(name, sequence):
            return sequence == 0
                ? "The record of \(name) (its seed, trial file hash, head or counts) differs from what was recorded."
                : "Allocation log entry \(sequence) differs from what \(name) wrote, or was added or deleted."
        case let .rowsDiffer(name, recorded, stored):
            return "The rows of \(name) differ from those recorded (\(recorded) recorded, \(stored) stored)."
        case let .supersededRowsDiffer(name, recorded, stored):
            return "The weekly rows that \(name) replaced differ in the history from those it replaced (\(recorded) replaced, \(stored) in the history now)."
        case let .rowsOutsideTheLog(table, number, rows):
            return "\(rows) row(s) of table \(table) carry import number \(number), which no import log entry wrote: they were added or renumbered outside Effekt."
        case let .headDiffers(expected, head):
            return "The store's head is \(head.prefix(16))…, not the expected \(expected.prefix(16))…: the store is not the one the earlier results were made from (rows were changed and the chain recomputed, or imports were added or removed since)."
        case let .sourceDiffers(name, path, found):
            return "\(path) no longer has the SHA-256 it had when imported in \(name): it has \(found.prefix(16))…; the file was edited after the import."
        case let .sourceMissing(name, path):
            return "\(path), the source of \(name), is not there; its digest cannot be checked."
        }
    }
}

/// What `TrialStore.verifyIntegrity` found: the head it checked and the problems, first first.
public struct IntegrityReport: Sendable {
    /// The store's head: the hash of the last import log entry.
    public let head: String
    /// Import log entries checked.
    public let entries: Int
    public let problems: [IntegrityProblem]
    public var isIntact: Bool { problems.isEmpty }
}
