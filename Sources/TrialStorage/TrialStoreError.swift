// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// Everything that can go wrong in the TrialStorage layer. Each case reads as a sentence with the
/// offending value and what to do about it, in the store's terms: the command line adds the
/// command or flag that does it.
public enum TrialStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case storeMissing(path: String)
    case trialChanged(store: String, recordedPath: String, recordedSHA256: String, path: String, sha256: String)
    case alreadyEnrolled(SourceLocation, id: String)
    case unknownParticipant(SourceLocation, id: String)
    /// A later roster gives an enrolled participant another stratification value or enrolment date.
    case baselineChanged(SourceLocation, id: String, enrolled: String, inFile: String)
    case weekAlreadyRecorded(SourceLocation, id: String, week: Int)
    case weekTwiceInFile(SourceLocation, id: String, week: Int)
    /// A weekly row for a week after the participant's absorbing exit (in the same file or stored).
    case recordAfterExit(SourceLocation, id: String, week: Int, exitWeek: Int, exitStatus: String)
    /// An absorbing exit in the file before a week that is already stored.
    case exitBeforeRecordedWeek(SourceLocation, id: String, exitWeek: Int, exitStatus: String, recordedWeek: Int)
    case nothingRandomized
    /// A placement event that cannot follow the participant's events before it (in the file or stored).
    case impossibleEventSequence(SourceLocation, id: String, problem: PlacementSequenceProblem)
    /// An event (participant, date, kind) that is already recorded, or twice in the file.
    case eventAlreadyRecorded(SourceLocation, id: String, date: String, event: String)
    /// An event whose date lies outside the participant's follow-up weeks.
    case eventOutsideFollowUp(SourceLocation, id: String, date: String, week: Int, followUpWeeks: Int)
    /// A flex-job start in a week whose weekly record has another status (nil: no record).
    case flexJobStartWithoutFlexJobWeek(SourceLocation, id: String, date: String, week: Int, weeklyStatus: String?, weeklyFile: String?)
    /// An event in a week after the participant's absorbing exit (disability pension, moved away).
    case eventAfterExit(SourceLocation, id: String, date: String, week: Int, exitWeek: Int, exitStatus: String)
    /// A flex job created by the provider for a participant in the control arm, which has no provider.
    case providerJobInControlArm(SourceLocation, id: String, date: String, arm: String)
    /// The file is another SQLite database, empty, or no database: it is left as it is.
    case notAnEffektStore(path: String)
    /// The store has a migration this Effekt does not know: a newer Effekt made it.
    case madeByNewerEffekt(path: String, migration: String)
    /// Another process kept the store locked for writing through the whole wait.
    case busy
    /// The store (or its folder) cannot be written: read it only.
    case readOnlyStore(path: String)
    /// A write was interrupted (its rollback journal is still beside the store) and the store
    /// cannot be written, so the journal cannot be played back.
    case interruptedWrite(path: String)
    case cannotCreate(path: String, reason: String)
    case sqlite(message: String, sql: String)
    /// A stored weekly row the analysis cannot read: its participant key is not enrolled, or a
    /// code is unknown (`column` is "activity" or "status"; `value` nil for the participant).
    case unreadableWeeklyRow(participantKey: Int64, week: Int, column: String, value: String?)
    /// Enrolment service: the store already holds a commitment (a secret was drawn before).
    case commitmentExists(commitment: String)
    /// Enrolment service: the trial has no published commitment yet.
    case noCommitment
    /// Enrolment service: seed and nonce do not give the published commitment.
    case revealDiffers(recorded: String, computed: String)
    /// Enrolment service: the trial is still open for enrolment.
    case enrolmentOpen
    /// Enrolment service: a user of that name exists (users are never renamed or reused).
    case userExists(name: String)
    /// Enrolment service: no active user of that name.
    case noActiveUser(name: String)

    public var description: String {
        switch self {
        case let .storeMissing(path):
            return "No trial store at \(path); a store is created when the first roster is enrolled."
        case let .trialChanged(store, recordedPath, recordedSHA, path, sha):
            return "The store \(store) was created from \(recordedPath) (SHA-256 \(recordedSHA.prefix(16))…) but \(path) now has SHA-256 \(sha.prefix(16))…. A randomized trial's definition may not change: restore the original trial.toml, or start a new store."
        case let .alreadyEnrolled(loc, id):
            return "\(loc): participant '\(MessageValue.shortened(id))' is already enrolled in this store. Remove the row; nothing was imported."
        case let .baselineChanged(loc, id, enrolled, inFile):
            return "\(loc): participant '\(MessageValue.shortened(id))' was enrolled with '\(MessageValue.shortened(enrolled))' but this roster says '\(MessageValue.shortened(inFile))'. Baseline is frozen at enrolment: the stratum and the enrolment date never change. Correct the roster; nothing was enrolled."
        case let .unknownParticipant(loc, id):
            return "\(loc): participant '\(MessageValue.shortened(id))' is not enrolled in this trial. Correct the id or enroll the participant first; nothing was recorded."
        case let .weekAlreadyRecorded(loc, id, week):
            return "\(loc): participant '\(MessageValue.shortened(id))' already has a record for week \(week); a recorded week is corrected by replacing it. Nothing was recorded."
        case let .weekTwiceInFile(loc, id, week):
            return "\(loc): participant '\(MessageValue.shortened(id))' week \(week) appears a second time in this file. Keep one row per participant and week; nothing was recorded."
        case let .recordAfterExit(loc, id, week, exitWeek, exitStatus):
            return "\(loc): participant '\(MessageValue.shortened(id))' has a record for week \(week), after leaving the trial in week \(exitWeek) (\(exitStatus)); after moving away or a disability pension a participant has no further weeks. Remove the row or correct the exit week; nothing was recorded."
        case let .exitBeforeRecordedWeek(loc, id, exitWeek, exitStatus, recordedWeek):
            return "\(loc): participant '\(MessageValue.shortened(id))' leaves the trial in week \(exitWeek) (\(exitStatus)), but week \(recordedWeek) is already recorded. Correct the exit week, or first replace the later weeks; nothing was recorded."
        case let .impossibleEventSequence(loc, id, problem):
            return "\(loc): participant '\(MessageValue.shortened(id))': \(problem). Correct the events; nothing was recorded."
        case let .eventAlreadyRecorded(loc, id, date, event):
            return "\(loc): participant '\(MessageValue.shortened(id))' already has a \(MessageValue.shortened(event)) event on \(date) (in this file or recorded before). Keep one; nothing was recorded."
        case let .eventOutsideFollowUp(loc, id, date, week, followUp):
            return "\(loc): participant '\(MessageValue.shortened(id))' has an event on \(date), trial week \(week), outside follow-up weeks 1...\(followUp). Correct the date; nothing was recorded."
        case let .flexJobStartWithoutFlexJobWeek(loc, id, date, week, status, file):
            let weekly = status.map { "week \(week) is recorded with status \($0)" + (file.map { " (weekly file \($0))" } ?? "") }
                ?? "week \(week) has no weekly record"
            return "\(loc): participant '\(MessageValue.shortened(id))' starts a flex job on \(date), but \(weekly), not flex_job: events say who created a job, weekly records say the status of a week. Record the week as flex_job or correct the date; nothing was recorded."
        case let .eventAfterExit(loc, id, date, week, exitWeek, exitStatus):
            return "\(loc): participant '\(MessageValue.shortened(id))' has an event on \(date), trial week \(week), after leaving the trial in week \(exitWeek) (\(exitStatus)); after moving away or a disability pension nothing more happens in the trial. Correct the date or the exit week; nothing was recorded."
        case let .providerJobInControlArm(loc, id, date, arm):
            return "\(loc): participant '\(MessageValue.shortened(id))' is in the control arm '\(MessageValue.shortened(arm))', which has no provider, but starts a flex job created by the provider on \(date). Correct created_by (municipality) or the id; nothing was recorded."
        case .nothingRandomized:
            return "No participant has been randomized yet; randomize the enrolled participants first."
        case let .notAnEffektStore(path):
            return "\(path) is not an Effekt trial store (it holds no trial file record: another database, an empty file, or no database at all). It was not changed; give the store that `enroll` created."
        case let .madeByNewerEffekt(path, migration):
            return "The store \(path) was made by a newer Effekt (it has the schema change '\(MessageValue.shortened(migration))', unknown to Effekt \(EffektVersion.current)). It was not changed; use that newer Effekt to write to it."
        case let .commitmentExists(c):
            return "This store already has the commitment \(c.prefix(16))…: its secret was drawn when the trial started and is never drawn again."
        case .noCommitment:
            return "This store has no commitment: the trial's secret seed has not been drawn. Start the enrolment service once to draw it."
        case let .revealDiffers(recorded, computed):
            return "The seed and nonce give the commitment \(computed.prefix(16))…, not the \(recorded.prefix(16))… published at the trial's start; nothing was revealed."
        case .enrolmentOpen:
            return "The trial is still open for enrolment: close it before revealing the seed."
        case let .userExists(name):
            return "A user named '\(MessageValue.shortened(name))' exists already (revoked users keep their name); choose another name."
        case let .noActiveUser(name):
            return "There is no active user named '\(MessageValue.shortened(name))' (never created, or revoked already)."
        case .busy:
            return "Another Effekt process is writing to the store and did not finish within the wait; nothing was changed. Try again when it has finished."
        case let .readOnlyStore(path):
            return "The store \(path) is read-only (the file or its folder cannot be written), so nothing can be recorded in it; commands that only read it work. Nothing was changed."
        case let .interruptedWrite(path):
            return "The store \(path) holds an interrupted write (its rollback journal \(path)-journal is still there), and the store cannot be written, so the interrupted write cannot be undone and the store cannot be read. Make the store and its folder writable and run the command again: the store is then restored to its last complete import."
        case let .cannotCreate(path, reason):
            return "The store \(path) cannot be created: \(reason). Nothing was written."
        case let .unreadableWeeklyRow(key, week, column, value):
            let what = value.map { "an unknown \(column) code '\(MessageValue.shortened($0))'" } ?? "no enrolled participant"
            return "The stored weekly row of participant key \(key), week \(week) has \(what): the store is damaged (changed outside Effekt), and no row is left out silently. Verify the store and restore it from a backup."
        case let .sqlite(message, _):
            return "The trial store failed: \(TrialStoreError.plainWords(forSQLiteMessage: message)). Nothing was changed."
        }
    }

    /// SQLite's message said in the store's words, never with SQL text or table internals.
    ///
    /// Rule: a known kind of failure (a key already present, a busy or read-only file, a file
    /// that is no database, a full disk) becomes a sentence with what to do; anything else is
    /// SQLite's own message without the statement, shortened.
    static func plainWords(forSQLiteMessage message: String) -> String {
        let m = message.lowercased()
        if m.contains("unique constraint failed") || m.contains("primary key") {
            if m.contains("participant.id") || m.contains("allocation.participant") {
                return "a participant with this id is already enrolled or assigned in this store"
            }
            if m.contains("weekly") { return "a participant already has a record for this week in this store" }
            return "the store already holds a row with the same key"
        }
        if m.contains("constraint") { return "a row would break one of the store's rules (a reference to a missing row, or a value out of range)" }
        if m.contains("locked") || m.contains("busy") {
            return "another Effekt process is writing to the store; try again when it has finished"
        }
        if m.contains("readonly") || m.contains("read-only") { return "the store file is read-only; give a writable copy" }
        if m.contains("not a database") || m.contains("malformed") {
            return "the file is not an Effekt store or is damaged; give the right store file"
        }
        if m.contains("full") { return "the disk is full; free space and try again" }
        return MessageValue.shortened(message)
    }
}
